package org.x2go.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.BackendKind;
import org.x2go.api.BackendSelection;
import org.x2go.api.Backends;
import org.x2go.api.X2GoBackendException;
import org.x2go.api.X2GoClientException;
import org.x2go.spi.NamedProvider;

/**
 * The entry point of x2go-java: an embeddable X2Go client whose backends are chosen by name.
 *
 * <pre>{@code
 * try (X2GoClient client = X2GoClient.builder()
 *         .config(Map.of("x2go.backend.ssh", "SSHJ"))
 *         .build()) {
 *     ...
 * }
 * }</pre>
 *
 * Thread-safe. Closing releases every connection, thread and process the client owns.
 */
public final class X2GoClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(X2GoClient.class);

    private final BackendSelection selection;
    private final Map<BackendKind, NamedProvider> providers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private X2GoClient(BackendSelection selection, Map<BackendKind, NamedProvider> providers) {
        this.selection = selection;
        this.providers = providers;
    }

    /** @return a builder reading configuration from the given map and from system properties */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configured backend names */
    public BackendSelection selection() {
        return selection;
    }

    /**
     * @param kind a backend kind
     * @return the provider in use for that kind
     */
    public NamedProvider backend(BackendKind kind) {
        return providers.get(kind);
    }

    /**
     * @param spi an SPI interface, e.g. {@code ProxyProvider.class}
     * @param <T> the SPI type
     * @return the provider in use
     * @throws IllegalArgumentException when {@code spi} is not one of the SPIs of {@link BackendKind}
     */
    public <T extends NamedProvider> T backend(Class<T> spi) {
        for (BackendKind k : BackendKind.values()) {
            if (k.spi().equals(spi)) {
                return spi.cast(providers.get(k));
            }
        }
        throw new IllegalArgumentException("Not a backend SPI: " + spi.getName());
    }

    /** @return kind → name of the provider in use, for diagnostics */
    public Map<BackendKind, String> describeBackends() {
        Map<BackendKind, String> m = new LinkedHashMap<>();
        providers.forEach((k, p) -> m.put(k, k.canonicalName(p.name()) + " (" + p.getClass().getName() + ")"));
        return Collections.unmodifiableMap(m);
    }

    /** @throws X2GoClientException when the client is closed */
    void ensureOpen() {
        if (closed.get()) {
            throw new X2GoClientException("X2GoClient is closed");
        }
    }

    /** Closes the client. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LOG.debug("X2GoClient closed");
        }
    }

    /** Builds an {@link X2GoClient}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> config = new LinkedHashMap<>();
        private Properties systemProperties = System.getProperties();
        private Backends backends;
        private final List<Module> overrides = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param entries configuration entries such as {@code x2go.backend.proxy=NX3}; system properties win
         * @return this
         */
        public Builder config(Map<String, ?> entries) {
            config.putAll(entries);
            return this;
        }

        /**
         * @param properties configuration entries; system properties win
         * @return this
         */
        public Builder config(Properties properties) {
            properties.stringPropertyNames().forEach(n -> config.put(n, properties.getProperty(n)));
            return this;
        }

        /**
         * @param key   a configuration key
         * @param value its value
         * @return this
         */
        public Builder set(String key, String value) {
            config.put(key, value);
            return this;
        }

        /**
         * Replaces the properties that win over {@link #config} (normally the JVM system properties).
         *
         * @param overriding the overriding properties, or {@code null} for none
         * @return this
         */
        public Builder systemProperties(Properties overriding) {
            this.systemProperties = overriding;
            return this;
        }

        /**
         * @param backends the providers to choose from instead of ServiceLoader discovery
         * @return this
         */
        public Builder backends(Backends backends) {
            this.backends = backends;
            return this;
        }

        /**
         * @param modules Guice modules whose bindings replace the defaults ({@code Modules.override})
         * @return this
         */
        public Builder override(Module... modules) {
            overrides.addAll(List.of(modules));
            return this;
        }

        /**
         * @return the client, every backend resolved
         * @throws X2GoBackendException when a configured backend is unknown, ambiguous or fails to load
         */
        public X2GoClient build() {
            BackendSelection selection = BackendSelection.fromConfig(config, systemProperties);
            Backends found = backends != null ? backends : Backends.discover();
            Module module = new X2GoModule(selection, found);
            if (!overrides.isEmpty()) {
                module = Modules.override(module).with(overrides);
            }
            Injector injector = createInjector(module);
            Map<BackendKind, NamedProvider> resolved = new EnumMap<>(BackendKind.class);
            for (BackendKind k : BackendKind.values()) {
                resolved.put(k, Objects.requireNonNull(injector.getInstance(k.spi()), k.key()));
            }
            LOG.debug("backends in use: {}", resolved);
            return new X2GoClient(selection, Collections.unmodifiableMap(resolved));
        }

        private static Injector createInjector(Module module) {
            try {
                return Guice.createInjector(module);
            } catch (CreationException e) {
                throw unwrap(e.getErrorMessages(), e);
            } catch (ProvisionException e) {
                throw unwrap(e.getErrorMessages(), e);
            }
        }

        private static RuntimeException unwrap(Iterable<Message> messages, RuntimeException e) {
            List<String> texts = new ArrayList<>();
            for (Message m : messages) {
                Throwable c = m.getCause();
                if (c instanceof X2GoBackendException b) {
                    texts.add(b.getMessage());
                }
            }
            if (!texts.isEmpty()) {
                return new X2GoBackendException(String.join("\n", texts), e);
            }
            return new X2GoBackendException("Cannot wire the X2Go backends: " + e.getMessage(), e);
        }
    }
}
