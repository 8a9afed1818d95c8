package org.x2go.settings.file;

import org.x2go.spi.SessionProfilesProvider;
import org.x2go.testkit.tck.SessionProfilesCompatibilityKit;

/** {@link MemoryProfilesProvider} against the testkit's compatibility kit. */
class MemoryProfilesKitTest extends SessionProfilesCompatibilityKit {
    @Override
    protected SessionProfilesProvider provider() {
        return new MemoryProfilesProvider();
    }

    @Override
    protected boolean persists() {
        return false;
    }
}
