package org.x2go.backend.plain;

import java.time.Duration;

import org.x2go.spi.ControlSession;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.TerminalSessionProvider;
import org.x2go.testkit.FakeX2GoServer;
import org.x2go.testkit.tck.TerminalSessionCompatibilityKit;

/** PLAIN's terminal sessions, over JSCH, against the testkit's compatibility kit. */
class PlainTerminalSessionKitTest extends TerminalSessionCompatibilityKit {
    @Override
    protected TerminalSessionProvider provider() {
        return new PlainTerminalSessionProvider();
    }

    @Override
    protected ControlSession control(FakeX2GoServer server) {
        RemoteShell shell = new JschTransport().connect(server.connectOptions().build());
        return new PlainControlSessionProvider().create(shell, new PlainSessionListParser(), Duration.ofSeconds(10));
    }
}
