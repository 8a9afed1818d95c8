package org.x2go.testkit;

import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.SshTransport;
import org.x2go.testkit.tck.ControlSessionCompatibilityKit;

/** Proves the control-session kit can be passed. */
class ReferenceControlSessionCompatibilityTest extends ControlSessionCompatibilityKit {
    @Override
    protected ControlSessionProvider provider() {
        return new ReferenceControlSessionProvider();
    }

    @Override
    protected SshTransport transport() {
        return new MinaSshTransport();
    }
}
