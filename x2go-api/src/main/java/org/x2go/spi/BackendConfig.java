package org.x2go.spi;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.x2go.api.BackendKind;
import org.x2go.api.SafeText;

/**
 * The configuration one provider receives: the entries of its own namespace
 * {@code x2go.<kind>.<name>.*} (for example {@code x2go.proxy.nx3.binary} for the {@code NX3} proxy,
 * {@code x2go.proxy.tunnel.attach} for {@code TUNNEL}), plus the few client facts a provider may need
 * (the local X display, whether graphics are on). Immutable.
 *
 * <p>Entries come from the client builder ({@code X2GoClient.Builder.backendOption}, {@code config},
 * {@code set}); a JVM system property of the same key wins, as for the backend selection keys. A provider
 * never sees another provider's keys. Providers document their keys in their javadoc; a provider should
 * reject an unknown key of its own namespace, naming it, so that a typo does not go unnoticed.
 */
public final class BackendConfig {
    /** Prefix of every provider namespace. */
    public static final String PREFIX = "x2go.";

    private final String namespace;
    private final Map<String, String> entries;
    private final String display;
    private final boolean graphics;

    private BackendConfig(String namespace, Map<String, String> entries, String display, boolean graphics) {
        this.namespace = namespace;
        this.entries = entries;
        this.display = display;
        this.graphics = graphics;
    }

    /**
     * Implemented by a provider that takes configuration. The client calls {@link #configure} once, on the
     * selected provider of each kind only, before first use, and uses the provider it returns.
     *
     * @param <T> the provider's SPI type
     */
    @FunctionalInterface
    public interface Configurable<T extends NamedProvider> {
        /**
         * @param config the provider's own namespace and the client facts
         * @return the configured provider (this one or a new instance)
         * @throws org.x2go.api.X2GoBackendException naming the key for a bad or unknown entry, or when the
         *                                           provider cannot work in this client (e.g. no display)
         */
        T configure(BackendConfig config);
    }

    /**
     * @param kind         the backend kind
     * @param providerName the provider's name, e.g. {@code NX3}
     * @return its namespace, e.g. {@code x2go.proxy.nx3.}
     */
    public static String namespace(BackendKind kind, String providerName) {
        Objects.requireNonNull(kind, "kind");
        String n = Objects.requireNonNull(providerName, "providerName").strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("providerName must not be blank");
        }
        return PREFIX + kind.key() + "." + n + ".";
    }

    /**
     * Picks one provider's entries out of a configuration.
     *
     * @param kind         the backend kind
     * @param providerName the provider's name
     * @param config       configuration entries (other keys are ignored; values are turned into strings)
     * @param overriding   entries that win over {@code config}, normally the system properties; may be null
     * @param display      the local X display the client gives graphics proxies, or null when none
     * @param graphics     whether the client starts graphics proxies at all
     * @return the provider's configuration
     */
    public static BackendConfig of(BackendKind kind, String providerName, Map<String, ?> config,
                                   Properties overriding, String display, boolean graphics) {
        String ns = namespace(kind, providerName);
        Map<String, String> m = new TreeMap<>();
        if (config != null) {
            config.forEach((k, v) -> {
                if (k != null && v != null && k.startsWith(ns) && k.length() > ns.length()) {
                    m.put(k, v.toString());
                }
            });
        }
        if (overriding != null) {
            for (String k : overriding.stringPropertyNames()) {
                if (k.startsWith(ns) && k.length() > ns.length()) {
                    m.put(k, overriding.getProperty(k));
                }
            }
        }
        String d = display == null || display.isBlank() ? null : display.strip();
        return new BackendConfig(ns, Collections.unmodifiableMap(m), d, graphics);
    }

    /**
     * @param kind         the backend kind
     * @param providerName the provider's name
     * @return a configuration with no entries, no display and graphics on
     */
    public static BackendConfig empty(BackendKind kind, String providerName) {
        return of(kind, providerName, Map.of(), null, null, true);
    }

    /** @return the namespace, e.g. {@code x2go.proxy.nx3.} */
    public String namespace() {
        return namespace;
    }

    /** @return every entry of the namespace, full key → value, sorted by key */
    public Map<String, String> entries() {
        return entries;
    }

    /**
     * @param option an option name inside the namespace, e.g. {@code binary}, or a full key of the namespace
     * @return its value, stripped, when set
     * @throws IllegalArgumentException for a full key of another namespace
     */
    public Optional<String> get(String option) {
        return Optional.ofNullable(entries.get(key(option))).map(String::strip);
    }

    /**
     * @param option an option name inside the namespace, or a full key of the namespace
     * @return the full key, e.g. {@code x2go.proxy.nx3.binary}
     * @throws IllegalArgumentException for a full key of another namespace
     */
    public String key(String option) {
        Objects.requireNonNull(option, "option");
        if (option.startsWith(PREFIX)) {
            if (!option.startsWith(namespace)) {
                throw new IllegalArgumentException("'" + SafeText.excerpt(option) + "' is not a key of "
                        + namespace + "*");
            }
            return option;
        }
        return namespace + option;
    }

    /**
     * @return the local X display graphics proxies draw on ({@code DISPLAY}, or the builder's
     *         {@code display(..)}); empty when none is set
     */
    public Optional<String> display() {
        return Optional.ofNullable(display);
    }

    /** @return whether the client starts graphics proxies (false for a headless {@code graphics(false)} client) */
    public boolean graphics() {
        return graphics;
    }

    @Override
    public String toString() {
        // values can be secrets or paths: keys only
        return "BackendConfig" + entries.keySet() + (display != null ? " display " + SafeText.excerpt(display) : "")
                + (graphics ? "" : " headless");
    }
}
