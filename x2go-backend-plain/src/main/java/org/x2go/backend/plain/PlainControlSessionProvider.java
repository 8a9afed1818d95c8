package org.x2go.backend.plain;

import java.time.Duration;

import org.x2go.backend.plain.internal.PlainControlSession;
import org.x2go.spi.ControlSession;
import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionListParser;

/**
 * The PLAIN control backend (spec §7): X2Go server commands framed with the {@code X2GODATABEGIN}/
 * {@code X2GODATAEND} markers over one SSH connection. Stateless and thread-safe.
 */
public final class PlainControlSessionProvider implements ControlSessionProvider {

    /** Creates the provider (ServiceLoader entry point). */
    public PlainControlSessionProvider() {
    }

    /** @return {@code PLAIN} */
    @Override
    public String name() {
        return "PLAIN";
    }

    /**
     * Creates the control session and runs the connect-time checks (features, home directory, R-CTL-7).
     * On failure the connection is closed.
     *
     * @param shell          an authenticated connection; owned by the control session from now on
     * @param listParser     the list parser
     * @param commandTimeout time limit of one server command
     * @return the control session
     * @throws org.x2go.api.X2GoRemoteHomeException     when the remote home does not exist
     * @throws org.x2go.api.X2GoControlSessionException when a connect-time command fails
     * @throws org.x2go.api.X2GoTimeOutException        when a connect-time command does not finish in time
     */
    @Override
    public ControlSession create(RemoteShell shell, SessionListParser listParser, Duration commandTimeout) {
        PlainControlSession cs = new PlainControlSession(shell, listParser, commandTimeout);
        try {
            cs.initialise();
        } catch (RuntimeException e) {
            cs.close();
            throw e;
        }
        return cs;
    }
}
