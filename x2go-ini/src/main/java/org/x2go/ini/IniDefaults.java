package org.x2go.ini;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.x2go.api.ProfileSchema.ValueType;

/**
 * A defaults table (section → key → typed default) for an ini file (R-INI-1, R-INI-4). Immutable.
 */
public final class IniDefaults {

    /**
     * One default.
     *
     * @param type how the key's text is interpreted
     * @param text the default as stored text
     */
    public record Default(ValueType type, String text) {
        /** Validates the fields. */
        public Default {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(text, "text");
        }
    }

    private final Map<String, Map<String, Default>> table;

    private IniDefaults(Map<String, Map<String, Default>> table) {
        this.table = table;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the sections, in order */
    public List<String> sections() {
        return List.copyOf(table.keySet());
    }

    /**
     * @param section a section
     * @return key → default, in order
     */
    public Map<String, Default> keys(String section) {
        return table.getOrDefault(section, Map.of());
    }

    /**
     * @param section a section
     * @param key     a key
     * @return its default
     */
    public Optional<Default> get(String section, String key) {
        return Optional.ofNullable(keys(section).get(key));
    }

    /**
     * Adds every missing section and key, in table order (R-INI-4).
     *
     * @param doc the document
     */
    public void fill(IniDocument doc) {
        table.forEach((section, keys) -> {
            doc.addSection(section);
            keys.forEach((key, d) -> {
                if (doc.get(section, key).isEmpty()) {
                    doc.set(section, key, d.text());
                }
            });
        });
    }

    /** Mutable builder. */
    public static final class Builder {
        private final Map<String, Map<String, Default>> table = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param section section
         * @param key     key
         * @param value   boolean default
         * @return this
         */
        public Builder bool(String section, String key, boolean value) {
            return put(section, key, new Default(ValueType.BOOL, value ? "1" : "0"));
        }

        /**
         * @param section section
         * @param key     key
         * @param value   int default
         * @return this
         */
        public Builder integer(String section, String key, int value) {
            return put(section, key, new Default(ValueType.INT, Integer.toString(value)));
        }

        /**
         * @param section section
         * @param key     key
         * @param value   text default
         * @return this
         */
        public Builder text(String section, String key, String value) {
            return put(section, key, new Default(ValueType.STRING, value));
        }

        private Builder put(String section, String key, Default d) {
            table.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, d);
            return this;
        }

        /** @return the table */
        public IniDefaults build() {
            Map<String, Map<String, Default>> copy = new LinkedHashMap<>();
            table.forEach((s, m) -> copy.put(s, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
            return new IniDefaults(Collections.unmodifiableMap(copy));
        }
    }
}
