package org.x2go.api;

import java.util.Objects;

/**
 * What {@code x2gostartagent} (and, for the ports, {@code x2goresume-session}) tells the client
 * about a session's agent (spec R-INF-7).
 *
 * @param display      X display number
 * @param cookie       the agent cookie handed to the local proxy
 * @param agentPid     the agent's PID on the server
 * @param sessionName  the session name assigned by the server
 * @param graphicsPort the agent's graphics port on the server
 * @param soundPort    the sound port
 * @param sshfsPort    the folder-sharing port
 * @param tekiCtrlPort Telekinesis control port, {@code -1} when absent
 * @param tekiDataPort Telekinesis data port, {@code -1} when absent
 */
public record AgentInfo(int display, String cookie, int agentPid, String sessionName, int graphicsPort,
                        int soundPort, int sshfsPort, int tekiCtrlPort, int tekiDataPort) {

    /** Validates the required text fields. */
    public AgentInfo {
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(sessionName, "sessionName");
    }
}
