package org.x2go.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.spi.NamedProvider;

/**
 * The providers found on the class path, per {@link BackendKind}, keyed by canonical name.
 *
 * <p>Discovery uses {@link ServiceLoader} ({@code META-INF/services/<SPI>}). It fails fast, never
 * falls back silently:
 * <ul>
 *   <li>two providers with one name (case-insensitive) → {@link X2GoBackendException} naming both classes;</li>
 *   <li>a provider whose class cannot be loaded or whose constructor throws → {@link X2GoBackendException}
 *       naming the class;</li>
 *   <li>{@link #select} of an unknown name → {@link X2GoBackendException} listing the known names and the
 *       artifact that provides the default.</li>
 * </ul>
 * Immutable and thread-safe once built.
 */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private final Map<BackendKind, Map<String, NamedProvider>> providers;

    private Backends(Map<BackendKind, Map<String, NamedProvider>> providers) {
        this.providers = providers;
    }

    /**
     * Discovers providers with the thread's context class loader (or this class's loader).
     *
     * @return the providers
     * @throws X2GoBackendException on duplicate names or failing providers
     */
    public static Backends discover() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return discover(cl != null ? cl : Backends.class.getClassLoader());
    }

    /**
     * @param loader the class loader to search
     * @return the providers
     * @throws X2GoBackendException on duplicate names or failing providers
     */
    public static Backends discover(ClassLoader loader) {
        Map<BackendKind, Map<String, NamedProvider>> all = new EnumMap<>(BackendKind.class);
        for (BackendKind kind : BackendKind.values()) {
            all.put(kind, load(kind, loader));
        }
        return new Backends(all);
    }

    /**
     * Builds from explicit provider instances (tests, integrators without ServiceLoader).
     *
     * @param instances providers of any kinds
     * @return the providers, with the same duplicate checks as discovery
     */
    public static Backends of(List<? extends NamedProvider> instances) {
        Map<BackendKind, Map<String, NamedProvider>> all = new EnumMap<>(BackendKind.class);
        for (BackendKind kind : BackendKind.values()) {
            Map<String, NamedProvider> byName = new TreeMap<>();
            for (NamedProvider p : instances) {
                if (kind.spi().isInstance(p)) {
                    put(kind, byName, p);
                }
            }
            all.put(kind, Collections.unmodifiableMap(byName));
        }
        return new Backends(all);
    }

    private static Map<String, NamedProvider> load(BackendKind kind, ClassLoader loader) {
        Map<String, NamedProvider> byName = new TreeMap<>();
        for (ServiceLoader.Provider<? extends NamedProvider> p : ServiceLoader.load(kind.spi(), loader).stream().toList()) {
            NamedProvider instance;
            try {
                instance = p.get();
            } catch (ServiceConfigurationError | RuntimeException e) {
                throw new X2GoBackendException("Cannot create " + kind.key() + " backend provider "
                        + p.type().getName() + ": " + rootMessage(e), e);
            }
            put(kind, byName, instance);
        }
        LOG.debug("{} backends found: {}", kind.key(), byName.keySet());
        return Collections.unmodifiableMap(byName);
    }

    private static void put(BackendKind kind, Map<String, NamedProvider> byName, NamedProvider p) {
        String raw = p.name();
        if (raw == null || raw.isBlank()) {
            throw new X2GoBackendException(kind.key() + " backend provider " + p.getClass().getName()
                    + " has a blank name()");
        }
        String name = kind.canonicalName(raw);
        NamedProvider prev = byName.putIfAbsent(name, p);
        if (prev != null) {
            throw new X2GoBackendException("Two " + kind.key() + " backends are named " + name + ": "
                    + prev.getClass().getName() + " and " + p.getClass().getName()
                    + "; remove one of them from the class path");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (caused by " + t + ")";
    }

    /**
     * @param kind a kind
     * @return canonical name → provider, sorted by name
     */
    public Map<String, NamedProvider> providers(BackendKind kind) {
        return providers.get(kind);
    }

    /**
     * Picks the provider of a kind by name.
     *
     * @param kind the kind
     * @param name the configured name (case-insensitive; {@code default} selects the default)
     * @param <T>  the SPI type of the kind
     * @return the provider
     * @throws X2GoBackendException for an unknown name
     */
    @SuppressWarnings("unchecked")
    public <T extends NamedProvider> T select(BackendKind kind, String name) {
        Objects.requireNonNull(name, "name");
        String canonical = kind.canonicalName(name);
        NamedProvider p = providers.get(kind).get(canonical);
        if (p == null) {
            throw new X2GoBackendException("Unknown " + kind.key() + " backend '" + name + "' ("
                    + kind.propertyName() + "); known: " + known(kind) + ". The default " + kind.defaultName()
                    + " is provided by " + kind.defaultArtifact() + "; add it (or the artifact of '" + name
                    + "') to the class path");
        }
        return (T) p;
    }

    /**
     * Resolves every kind of a selection at once, so a bad configuration fails at start-up.
     *
     * @param selection the configured names
     * @return kind → provider
     * @throws X2GoBackendException naming the first unknown name (all failures in the message)
     */
    public Map<BackendKind, NamedProvider> resolve(BackendSelection selection) {
        Map<BackendKind, NamedProvider> out = new EnumMap<>(BackendKind.class);
        List<String> errors = new ArrayList<>();
        for (BackendKind kind : BackendKind.values()) {
            try {
                out.put(kind, select(kind, selection.name(kind)));
            } catch (X2GoBackendException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new X2GoBackendException(String.join("\n", errors));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * @return a human-readable description: kind → known names, for diagnostics
     */
    public Map<BackendKind, List<String>> describe() {
        Map<BackendKind, List<String>> m = new LinkedHashMap<>();
        for (BackendKind kind : BackendKind.values()) {
            m.put(kind, List.copyOf(providers.get(kind).keySet()));
        }
        return m;
    }

    private String known(BackendKind kind) {
        var names = providers.get(kind).keySet();
        return names.isEmpty() ? "(none on the class path)" : String.join(", ", names);
    }
}
