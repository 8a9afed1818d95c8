package org.x2go.testkit;

import org.x2go.spi.SshTransport;
import org.x2go.testkit.tck.RemoteShellCompatibilityKit;

/** Proves the transport kit can be passed, with a transport on MINA's own client. */
class MinaTransportCompatibilityTest extends RemoteShellCompatibilityKit {
    @Override
    protected SshTransport transport() {
        return new MinaSshTransport();
    }
}
