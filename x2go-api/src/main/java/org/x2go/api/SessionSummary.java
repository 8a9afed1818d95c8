package org.x2go.api;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An immutable snapshot of one registered session (the Java form of python-x2go's
 * {@code session_summary}, spec R-REG-12).
 *
 * @param uuid        the registry key
 * @param profileId   the profile ID
 * @param profileName the profile name
 * @param sessionName the server session name, empty while none is bound
 * @param state       the life-cycle state
 * @param owned       true when this client holds the session's terminal (python: "associated")
 * @param master      true when this is its profile's master session
 * @param server      the server host name as last reported
 * @param info        the last server-side facts about the session, if any
 */
public record SessionSummary(UUID uuid, String profileId, String profileName, String sessionName,
                             SessionState state, boolean owned, boolean master, String server,
                             Optional<SessionInfo> info) {

    /** Validates the required fields and normalises missing text to empty. */
    public SessionSummary {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(state, "state");
        profileId = Objects.requireNonNullElse(profileId, "");
        profileName = Objects.requireNonNullElse(profileName, "");
        sessionName = Objects.requireNonNullElse(sessionName, "");
        server = Objects.requireNonNullElse(server, "");
        info = Objects.requireNonNullElse(info, Optional.empty());
    }
}
