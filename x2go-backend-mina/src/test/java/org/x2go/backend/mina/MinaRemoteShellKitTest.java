package org.x2go.backend.mina;

import org.x2go.spi.SshTransport;
import org.x2go.testkit.tck.RemoteShellCompatibilityKit;

/** The MINA transport passes the shared RemoteShell compatibility kit. */
class MinaRemoteShellKitTest extends RemoteShellCompatibilityKit {
    private static final MinaTransport TRANSPORT = new MinaTransport();

    @Override
    protected SshTransport transport() {
        // one instance for the whole class, as an application holds it: every connection shares its client
        return TRANSPORT;
    }
}
