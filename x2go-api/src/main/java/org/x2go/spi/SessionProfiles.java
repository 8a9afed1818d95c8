package org.x2go.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
}
