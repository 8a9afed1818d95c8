package org.x2go.testkit;

import java.time.Instant;
import java.util.Optional;

import org.x2go.api.ServerSessionStatus;

/**
 * An immutable snapshot of one session the fake server holds (one database row plus the agent's
 * state in the real server).
 *
 * @param name               the session name, {@code <user>-<display>-<unixtime>_st<type><cmd>_dp<depth>}
 * @param user               the owner
 * @param display            X display number (from 50 up)
 * @param agentPid           the pretend agent PID
 * @param cookie             32 lower-case hex characters
 * @param status             {@code R}, {@code S} or {@code F} as in the session database
 * @param agentState         the agent state file's content
 * @param createdAt          creation time
 * @param lastChangedAt      time of the last status change (list field 10)
 * @param graphicsPort       the session's graphics port (a real listening socket on 127.0.0.1)
 * @param soundPort          graphics port + 1 (not listening)
 * @param sshfsPort          graphics port + 2 (not listening)
 * @param type               the session type letter ({@code R}, {@code D}, {@code S}, {@code P}, {@code K})
 * @param startCommand       the command argument of {@code x2gostartagent}
 * @param clientIp           the client address recorded at start
 * @param runCommand         the command given to {@code x2goruncommand}, once it ran
 * @param proxyAttachments   how many proxy connections the graphics port accepted so far
 * @param proxyAttached      whether a proxy connection is open now
 * @param lastProxyHandshake the first bytes a proxy sent on its last connection (nxproxy sends
 *                           {@code NXPROXY-<version> cookie=<cookie>,...}), if any
 */
public record FakeSession(String name, String user, int display, int agentPid, String cookie,
                          ServerSessionStatus status, AgentState agentState, Instant createdAt,
                          Instant lastChangedAt, int graphicsPort, int soundPort, int sshfsPort, char type,
                          String startCommand, String clientIp, Optional<String> runCommand,
                          int proxyAttachments, boolean proxyAttached, Optional<String> lastProxyHandshake) {

    /** @return true when {@code x2golistsessions} shows the session (status R or S) */
    public boolean isListed() {
        return status == ServerSessionStatus.RUNNING || status == ServerSessionStatus.SUSPENDED;
    }
}
