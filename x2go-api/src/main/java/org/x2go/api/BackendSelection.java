package org.x2go.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Which provider to use for each {@link BackendKind}, by canonical (upper-case) name. Immutable.
 *
 * <p>Built from configuration keys {@code x2go.backend.control|terminal|info|list|proxy|settings|profiles|printing|ssh};
 * a JVM system property of the same name wins over the given configuration; missing keys take the
 * kind's default. Names are case-insensitive; {@code default} selects the default. The deprecated
 * {@link BackendKind#INFO} kind only takes its default: any other name there is refused, as a provider
 * selected there would be ignored.
 *
 * @param names the selected name per kind (every kind present)
 */
public record BackendSelection(Map<BackendKind, String> names) {

    /**
     * Copies and validates the map: every kind present with a non-blank name.
     *
     * @throws X2GoBackendException for a missing or blank name, or a name other than the default for the
     *                              deprecated {@link BackendKind#INFO} kind
     */
    @SuppressWarnings("removal")
    public BackendSelection {
        EnumMap<BackendKind, String> copy = new EnumMap<>(BackendKind.class);
        for (BackendKind kind : BackendKind.values()) {
            String n = Objects.requireNonNull(names, "names").get(kind);
            if (n == null || n.isBlank()) {
                throw new X2GoBackendException("No backend name for " + kind.propertyName());
            }
            String canonical = kind.canonicalName(n);
            if (!kind.isSelectable() && !canonical.equals(kind.defaultName())) {
                throw new X2GoBackendException(kind.propertyName() + "=" + SafeText.excerpt(n)
                        + " cannot be honoured: the " + kind.key() + " kind is no longer selectable (the "
                        + BackendKind.TERMINAL.propertyName() + " and " + BackendKind.LIST.propertyName()
                        + " backends parse the server's answers themselves); remove the setting");
            }
            copy.put(kind, canonical);
        }
        names = Collections.unmodifiableMap(copy);
    }

    /** @return every kind with its default */
    public static BackendSelection defaults() {
        EnumMap<BackendKind, String> m = new EnumMap<>(BackendKind.class);
        for (BackendKind k : BackendKind.values()) {
            m.put(k, k.defaultName());
        }
        return new BackendSelection(m);
    }

    /**
     * @param config configuration entries (other keys are ignored)
     * @return the selection, system properties winning over {@code config}
     */
    public static BackendSelection fromConfig(Map<String, ?> config) {
        return fromConfig(config, System.getProperties());
    }

    /**
     * @param config     configuration entries (other keys are ignored)
     * @param overriding entries that win over {@code config}, normally the system properties
     * @return the selection
     */
    public static BackendSelection fromConfig(Map<String, ?> config, Properties overriding) {
        EnumMap<BackendKind, String> m = new EnumMap<>(BackendKind.class);
        for (BackendKind k : BackendKind.values()) {
            String v = overriding == null ? null : overriding.getProperty(k.propertyName());
            if (v == null || v.isBlank()) {
                Object c = config == null ? null : config.get(k.propertyName());
                v = c == null ? null : c.toString();
            }
            m.put(k, v == null || v.isBlank() ? k.defaultName() : v);
        }
        return new BackendSelection(m);
    }

    /**
     * @param kind a kind
     * @return the selected canonical name
     */
    public String name(BackendKind kind) {
        return names.get(kind);
    }

    /**
     * @param kind a kind
     * @param name the name to select instead
     * @return a copy with that kind changed
     */
    public BackendSelection with(BackendKind kind, String name) {
        EnumMap<BackendKind, String> m = new EnumMap<>(names);
        m.put(kind, name);
        return new BackendSelection(m);
    }
}
