package org.x2go.spi;

import java.nio.file.Path;
import java.util.Objects;

import org.x2go.api.AgentInfo;

/**
 * What a proxy needs to attach to a session's agent.
 *
 * @param shell        the profile's SSH connection, used for the graphics port forward
 * @param agent        the agent facts (cookie, graphics port, display)
 * @param sessionsRoot the local sessions root ({@code ~/.x2go}); the proxy uses {@code S-<session>} below it
 * @param display      the local X display the proxy draws on ({@code DISPLAY}), e.g. {@code :0}
 */
public record ProxyRequest(RemoteShell shell, AgentInfo agent, Path sessionsRoot, String display) {
    /** Validates the fields. */
    public ProxyRequest {
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(sessionsRoot, "sessionsRoot");
        Objects.requireNonNull(display, "display");
    }
}
