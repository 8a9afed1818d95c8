package org.x2go.backend.sshj;

import org.x2go.spi.SshTransport;
import org.x2go.testkit.tck.RemoteShellCompatibilityKit;

/** The sshj transport passes the shared RemoteShell compatibility kit. */
class SshjRemoteShellKitTest extends RemoteShellCompatibilityKit {
    @Override
    protected SshTransport transport() {
        return new SshjTransport();
    }
}
