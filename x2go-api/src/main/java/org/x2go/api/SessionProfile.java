package org.x2go.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One session profile: its stable ID, its unique name and its values as stored (text).
 *
 * @param id     the profile ID (the ini section name)
 * @param name   the profile name
 * @param values every key of the profile, defaults included, in file order
 */
public record SessionProfile(String id, String name, Map<String, String> values) {
    /** Copies the values, keeping their order. */
    public SessionProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /**
     * @param key a profile key
     * @return its value
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
