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
 *
 * <p>Build one by field name with {@link #builder()}, or change some fields of another with
 * {@link #toBuilder()}:
 * <pre>{@code
 * SessionInfo s = SessionInfo.builder().name("alice-50-1700000000_stDKDE_dp24").status(ServerSessionStatus.RUNNING)
 *         .display(50).graphicsPort(30001).build();
 * SessionInfo suspended = s.toBuilder().status(ServerSessionStatus.SUSPENDED).build();
 * }</pre>
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

    /**
     * A builder with no name and no status (both required by {@link Builder#build()}), empty texts, port and
     * number fields {@code 0}, {@link #ageSeconds()} and the Telekinesis ports {@code -1} (unknown/missing).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding every field of this session, to change some of them */
    public Builder toBuilder() {
        return new Builder().agentPid(agentPid).name(name).display(display).hostname(hostname).status(status)
                .createdAt(createdAt).cookie(cookie).clientIp(clientIp).graphicsPort(graphicsPort).soundPort(soundPort)
                .lastChangedAt(lastChangedAt).username(username).ageSeconds(ageSeconds).sshfsPort(sshfsPort)
                .tekiCtrlPort(tekiCtrlPort).tekiDataPort(tekiDataPort);
    }

    /**
     * Builds a {@link SessionInfo} by field name; {@link #build()} applies the record's checks. Not
     * thread-safe; every setter returns this builder.
     */
    public static final class Builder {
        private int agentPid;
        private String name;
        private int display;
        private String hostname = "";
        private ServerSessionStatus status;
        private String createdAt = "";
        private String cookie = "";
        private String clientIp = "";
        private int graphicsPort;
        private int soundPort;
        private String lastChangedAt = "";
        private String username = "";
        private long ageSeconds = -1;
        private int sshfsPort;
        private int tekiCtrlPort = -1;
        private int tekiDataPort = -1;

        private Builder() {
        }

        /** @param v field 0, the agent's PID @return this */
        public Builder agentPid(int v) {
            agentPid = v;
            return this;
        }

        /** @param v field 1, the session name (required, not blank) @return this */
        public Builder name(String v) {
            name = v;
            return this;
        }

        /** @param v field 2, the X display number @return this */
        public Builder display(int v) {
            display = v;
            return this;
        }

        /** @param v field 3, the server's host name ({@code null}: empty) @return this */
        public Builder hostname(String v) {
            hostname = v;
            return this;
        }

        /** @param v field 4, the status (required) @return this */
        public Builder status(ServerSessionStatus v) {
            status = v;
            return this;
        }

        /** @param v field 5, the creation time as the server wrote it @return this */
        public Builder createdAt(String v) {
            createdAt = v;
            return this;
        }

        /** @param v field 6, the agent's cookie (hex) @return this */
        public Builder cookie(String v) {
            cookie = v;
            return this;
        }

        /** @param v field 7, the client address the server recorded @return this */
        public Builder clientIp(String v) {
            clientIp = v;
            return this;
        }

        /** @param v field 8, the agent's graphics port on the server @return this */
        public Builder graphicsPort(int v) {
            graphicsPort = v;
            return this;
        }

        /** @param v field 9, the sound port @return this */
        public Builder soundPort(int v) {
            soundPort = v;
            return this;
        }

        /** @param v field 10, the time of the last status change as the server wrote it @return this */
        public Builder lastChangedAt(String v) {
            lastChangedAt = v;
            return this;
        }

        /** @param v field 11, the owning user @return this */
        public Builder username(String v) {
            username = v;
            return this;
        }

        /** @param v field 12, seconds since the last status change ({@code -1}: unknown) @return this */
        public Builder ageSeconds(long v) {
            ageSeconds = v;
            return this;
        }

        /** @param v field 13, the port reserved for folder sharing @return this */
        public Builder sshfsPort(int v) {
            sshfsPort = v;
            return this;
        }

        /** @param v field 14, the Telekinesis control port ({@code -1}: missing) @return this */
        public Builder tekiCtrlPort(int v) {
            tekiCtrlPort = v;
            return this;
        }

        /** @param v field 15, the Telekinesis data port ({@code -1}: missing) @return this */
        public Builder tekiDataPort(int v) {
            tekiDataPort = v;
            return this;
        }

        /**
         * @return the session
         * @throws NullPointerException     when the name or the status is missing
         * @throws IllegalArgumentException when the name is blank
         */
        public SessionInfo build() {
            return new SessionInfo(agentPid, name, display, hostname, status, createdAt, cookie, clientIp, graphicsPort,
                    soundPort, lastChangedAt, username, ageSeconds, sshfsPort, tekiCtrlPort, tekiDataPort);
        }
    }
}
