package org.x2go.spi;

import org.x2go.api.TerminalParams;

/** Starts and resumes server sessions. Selected by {@code x2go.backend.terminal}. */
public interface TerminalSessionProvider extends NamedProvider {
    /**
     * Starts a new agent ({@code x2gostartagent}); the command is run later by {@link TerminalSession#runCommand()}.
     *
     * @param control the profile's control session
     * @param params  session parameters
     * @return the started session
     * @throws org.x2go.api.X2GoTerminalSessionException when the server refuses or answers garbage
     */
    TerminalSession start(ControlSession control, TerminalParams params);

    /**
     * Resumes a suspended session ({@code x2goresume-session}).
     *
     * @param control     the profile's control session
     * @param sessionName the session to resume
     * @param params      session parameters (geometry, link, keyboard, ...)
     * @return the resumed session with the ports the server returned
     * @throws org.x2go.api.X2GoTerminalSessionException when the session is unknown or cannot be resumed
     */
    TerminalSession resume(ControlSession control, String sessionName, TerminalParams params);
}
