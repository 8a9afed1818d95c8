package org.x2go.api;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One observed session state change.
 *
 * @param kind        what happened
 * @param cause       who caused it
 * @param sessionUuid the registry key of the session record
 * @param profileId   the profile the session belongs to
 * @param profileName the profile's name
 * @param sessionName the server session name (may be empty for a record without one)
 * @param at          when the change was observed
 */
public record SessionEvent(Kind kind, EventCause cause, UUID sessionUuid, String profileId, String profileName,
                           String sessionName, Instant at) {

    /** The kinds of change, one per python-x2go notification hook (spec R-REG-18). */
    public enum Kind {
        /** A running session was found on the server right after connecting. */
        FOUND_RUNNING_AFTER_CONNECT,
        /** A session started running. */
        STARTED,
        /** A suspended session runs again. */
        RESUMED,
        /** A running session was suspended. */
        SUSPENDED,
        /** A session ended. */
        TERMINATED,
        /** A server session was registered automatically (auto-registration). */
        REGISTERED
    }

    /** Validates the required fields. */
    public SessionEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(sessionUuid, "sessionUuid");
        profileId = Objects.requireNonNullElse(profileId, "");
        profileName = Objects.requireNonNullElse(profileName, "");
        sessionName = Objects.requireNonNullElse(sessionName, "");
        Objects.requireNonNull(at, "at");
    }
}
