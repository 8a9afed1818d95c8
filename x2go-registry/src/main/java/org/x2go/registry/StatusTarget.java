package org.x2go.registry;

import java.util.Objects;
import java.util.UUID;

/**
 * The records a {@link SessionRegistry#updateStatus(StatusTarget, org.x2go.api.SessionList, boolean, boolean)}
 * call reconciles: exactly one of a session, all sessions of a profile name, or all sessions of a
 * profile ID. A sealed type, so "none" or "two at once" cannot be expressed; the overload taking three
 * nullable selectors validates them.
 */
public sealed interface StatusTarget {

    /**
     * @param uuid a registered session
     * @return a target naming that session only
     */
    static StatusTarget session(UUID uuid) {
        return new BySession(uuid);
    }

    /**
     * @param profileName a profile name
     * @return a target naming every record of that profile name
     */
    static StatusTarget profileName(String profileName) {
        return new ByProfileName(profileName);
    }

    /**
     * @param profileId a profile ID
     * @return a target naming every record of that profile ID
     */
    static StatusTarget profileId(String profileId) {
        return new ByProfileId(profileId);
    }

    /**
     * One session.
     *
     * @param uuid the session's registry key
     */
    record BySession(UUID uuid) implements StatusTarget {
        /** Validates the key. */
        public BySession {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /**
     * Every record of one profile name.
     *
     * @param profileName the profile name, not blank
     */
    record ByProfileName(String profileName) implements StatusTarget {
        /** Validates the name. */
        public ByProfileName {
            if (profileName == null || profileName.isBlank()) {
                throw new IllegalArgumentException("profile name must not be blank: '" + profileName + "'");
            }
        }
    }

    /**
     * Every record of one profile ID.
     *
     * @param profileId the profile ID, not blank
     */
    record ByProfileId(String profileId) implements StatusTarget {
        /** Validates the ID. */
        public ByProfileId {
            if (profileId == null || profileId.isBlank()) {
                throw new IllegalArgumentException("profile id must not be blank: '" + profileId + "'");
            }
        }
    }
}
