package org.x2go.spi;

import java.time.Duration;

/** Creates control sessions on an open transport. Selected by {@code x2go.backend.control}. */
public interface ControlSessionProvider extends NamedProvider {
    /**
     * @param shell          an authenticated connection; the control session owns it from now on
     * @param listParser     the parser for {@code x2golistsessions} output
     * @param commandTimeout time limit of one server command
     * @return the control session
     */
    ControlSession create(RemoteShell shell, SessionListParser listParser, Duration commandTimeout);
}
