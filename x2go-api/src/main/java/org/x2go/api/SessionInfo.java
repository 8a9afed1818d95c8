package org.x2go.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One server-side session as one line of {@code x2golistsessions} describes it (16 {@code |}-separated
 * fields, spec R-INF-1). Immutable; safe to share between threads.
 *
 * @param agentPid       field 0: PID of the X2Go agent on the server
 * @param name           field 1: the session name, {@code <user>-<display>-<unixtime>_st<T><cmd>_dp<depth>}
 * @param display        field 2: X display number
 * @param hostname       field 3: the server's host name
 * @param status         field 4: status letter
 * @param createdAt      field 5: creation time {@code YYYY-MM-DDTHH:MM:SS}, server local time, kept as text
 * @param cookie         field 6: the agent's authentication cookie (hex)
 * @param clientIp       field 7: the client address the server recorded
 * @param graphicsPort   field 8: the agent's graphics port on the server
 * @param soundPort      field 9: the sound port
 * @param lastChangedAt  field 10: time of the last status change, kept as text
 * @param username       field 11: the owning user
 * @param ageSeconds     field 12: seconds since the last status change ({@code -1} when not numeric)
 * @param sshfsPort      field 13: the port reserved for folder sharing
 * @param tekiCtrlPort   field 14: Telekinesis control port, {@code -1} when missing
 * @param tekiDataPort   field 15: Telekinesis data port, {@code -1} when missing
 */
public record SessionInfo(
        int agentPid,
        String name,
        int display,
        String hostname,
        ServerSessionStatus status,
        String createdAt,
        String cookie,
        String clientIp,
        int graphicsPort,
        int soundPort,
        String lastChangedAt,
        String username,
        long ageSeconds,
        int sshfsPort,
        int tekiCtrlPort,
        int tekiDataPort) {

    /** Validates that the identifying fields are present. */
    public SessionInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (name.isBlank()) {
            throw new IllegalArgumentException("session name must not be blank");
        }
        hostname = Objects.requireNonNullElse(hostname, "");
        createdAt = Objects.requireNonNullElse(createdAt, "");
        cookie = Objects.requireNonNullElse(cookie, "");
        clientIp = Objects.requireNonNullElse(clientIp, "");
        lastChangedAt = Objects.requireNonNullElse(lastChangedAt, "");
        username = Objects.requireNonNullElse(username, "");
    }

    /** @return true when the status is {@code R} */
    public boolean isRunning() {
        return status == ServerSessionStatus.RUNNING;
    }

    /** @return true when the status is {@code S} */
    public boolean isSuspended() {
        return status == ServerSessionStatus.SUSPENDED;
    }

    /** @return true when the session name marks a published-applications provider ({@code _stRPUBLISHED_}) */
    public boolean isPublishedApplicationsProvider() {
        return SessionNames.isPublishedApplicationsProvider(name);
    }

    /**
     * The session type encoded in the name; a rootless {@code PUBLISHED} session reports
     * {@link SessionType#PUBLISHED}. Computed from the current name every time (python cached it, Q-17).
     *
     * @return the type, empty when the name carries none
     */
    public Optional<SessionType> sessionType() {
        return SessionNames.sessionType(name);
    }

    /** @return true for desktop (D or K) sessions */
    public boolean isDesktopSession() {
        return sessionType().map(SessionType::isDesktop).orElse(false);
    }
}
