package org.x2go.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.x2go.api.IniValues;
import org.x2go.api.SessionProfile;

/**
 * The session profiles (x2goclient's {@code sessions} file, spec §5). Thread-safe.
 */
public interface SessionProfiles {
    /** @return every profile, in stored order */
    List<SessionProfile> all();

    /**
     * @param id a profile ID
     * @return the profile
     */
    Optional<SessionProfile> byId(String id);

    /**
     * @param name a profile name
     * @return the profile
     */
    Optional<SessionProfile> byName(String name);

    /**
     * @param name   a name no other profile has
     * @param values keys that differ from the defaults
     * @return the new profile with a fresh stable ID
     * @throws org.x2go.api.X2GoProfileException when the name is taken or a value is invalid
     */
    SessionProfile create(String name, Map<String, String> values);

    /**
     * @param id     the profile
     * @param values keys to change
     * @return the updated profile (its ID never changes)
     */
    SessionProfile update(String id, Map<String, String> values);

    /**
     * @param id      the profile
     * @param newName a name no other profile has
     * @return the renamed profile
     */
    SessionProfile rename(String id, String newName);

    /** @param id the profile to delete */
    void delete(String id);

    /** Writes the profiles atomically. */
    void save();

    /**
     * Looks a profile up by name first, then by ID (python's {@code check_profile_id_or_name}).
     *
     * @param idOrName a profile name or ID
     * @return the profile
     */
    default Optional<SessionProfile> resolve(String idOrName) {
        Optional<SessionProfile> byName = byName(idOrName);
        return byName.isPresent() ? byName : byId(idOrName);
    }

    /**
     * Sets one typed value, encoded as the file expects ({@link IniValues#formatProfileValue}): booleans
     * as {@code 1}/{@code 0}, {@code host} lists joined with {@code ,}, {@code export} maps as
     * {@code "path:1;path:0;"}.
     *
     * @param id    the profile
     * @param key   the key
     * @param value the value
     * @return the updated profile
     * @throws org.x2go.api.X2GoProfileException when the profile is unknown or the value does not fit the key
     */
    default SessionProfile set(String id, String key, Object value) {
        return update(id, Map.of(key, IniValues.formatProfileValue(key, value)));
    }
}
