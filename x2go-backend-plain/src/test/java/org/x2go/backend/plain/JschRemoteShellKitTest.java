package org.x2go.backend.plain;

import org.x2go.spi.SshTransport;
import org.x2go.testkit.tck.RemoteShellCompatibilityKit;

/** The JSch transport passes the shared RemoteShell compatibility kit. */
class JschRemoteShellKitTest extends RemoteShellCompatibilityKit {
    @Override
    protected SshTransport transport() {
        return new JschTransport();
    }
}
