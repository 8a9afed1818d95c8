package org.x2go.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Client-wide settings (x2goclient's {@code settings} file, spec §4.1): sections of typed keys with
 * the defaults of the spec. Values are data: never evaluated or interpolated.
 */
public interface ClientSettings {
    /** @return the section names, defaults included */
    Set<String> sections();

    /**
     * @param section a section
     * @param key     a key
     * @return the stored value, or the default, as text
     */
    Optional<String> get(String section, String key);

    /**
     * @param section a section
     * @param key     a key
     * @return the value as a boolean
     * @throws org.x2go.api.X2GoClientSettingsException naming the key when it is missing or not a boolean
     */
    boolean getBoolean(String section, String key);

    /**
     * @param section a section
     * @param key     a key
     * @return the value as an int
     * @throws org.x2go.api.X2GoClientSettingsException naming the key when it is missing or not an int
     */
    int getInt(String section, String key);

    /**
     * @param section a section
     * @param key     a key
     * @return the value as a comma-separated list
     */
    List<String> getList(String section, String key);

    /**
     * Sets a value in memory; {@link #save()} writes it.
     *
     * @param section a section
     * @param key     a key
     * @param value   the value (booleans, ints and lists are formatted as the file expects)
     */
    void set(String section, String key, Object value);

    /** Writes the settings atomically; unknown keys and their order survive. */
    void save();
}
