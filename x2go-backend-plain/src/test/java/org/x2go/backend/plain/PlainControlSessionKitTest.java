package org.x2go.backend.plain;

import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.SessionListParser;
import org.x2go.spi.SshTransport;
import org.x2go.testkit.tck.ControlSessionCompatibilityKit;

/** PLAIN's control sessions, over JSCH, against the testkit's compatibility kit. */
class PlainControlSessionKitTest extends ControlSessionCompatibilityKit {
    @Override
    protected ControlSessionProvider provider() {
        return new PlainControlSessionProvider();
    }

    @Override
    protected SshTransport transport() {
        return new JschTransport();
    }

    @Override
    protected SessionListParser listParser() {
        return new PlainSessionListParser();
    }
}
