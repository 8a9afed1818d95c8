package org.x2go.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The stored text, else the default of a known key (R-PRF-2).
     *
     * @param key a profile key
     * @return the text
     * @throws X2GoProfileException for an unknown key that is not stored
     */
    public String text(String key) {
        String v = values.get(key);
        if (v != null) {
            return v;
        }
        return ProfileSchema.key(key).map(k -> ProfileSchema.USER_KEY.equals(key) ? ProfileSchema.localUser()
                : k.defaultValue()).orElseThrow(() -> new X2GoProfileException("Profile '" + name + "' [" + id
                + "] has no key '" + key + "'"));
    }

    /**
     * @param key a boolean key
     * @return its value
     * @throws X2GoProfileException naming the profile and key when the text is not a boolean
     */
    public boolean bool(String key) {
        String t = text(key);
        try {
            return IniValues.parseBoolean(t);
        } catch (IllegalArgumentException e) {
            throw bad(key, e);
        }
    }

    /**
     * @param key an integer key
     * @return its value
     * @throws X2GoProfileException naming the profile and key when the text is not an integer
     */
    public int integer(String key) {
        String t = text(key);
        try {
            return IniValues.parseInt(t);
        } catch (IllegalArgumentException e) {
            throw bad(key, e);
        }
    }

    /**
     * @param key a list key ({@code host}, {@code applications})
     * @return its elements (R-INI-5; never evaluated)
     * @throws X2GoProfileException naming the profile and key for a malformed bracket list
     */
    public List<String> list(String key) {
        String t = text(key);
        try {
            return IniValues.parseList(t);
        } catch (IllegalArgumentException e) {
            throw bad(key, e);
        }
    }

    /** @return the {@code host} list (an empty value gives {@code [""]}, as python) */
    public List<String> hosts() {
        return list("host");
    }

    /**
     * @return the {@code export} map: folder → share automatically; a missing key gives an empty map
     *         (python wrote {@code {}} and read it back as a folder, Q-9)
     */
    public Map<String, Boolean> exports() {
        return IniValues.parseExports(values.getOrDefault("export", ""));
    }

    private X2GoProfileException bad(String key, IllegalArgumentException e) {
        return new X2GoProfileException("Profile '" + name + "' [" + id + "] key '" + key + "': " + e.getMessage(), e);
    }
}
