package org.x2go.settings.file;

import org.x2go.spi.SessionProfilesProvider;
import org.x2go.testkit.tck.SessionProfilesCompatibilityKit;

/** {@link FileProfilesProvider} against the testkit's compatibility kit. */
class FileProfilesKitTest extends SessionProfilesCompatibilityKit {
    @Override
    protected SessionProfilesProvider provider() {
        return new FileProfilesProvider();
    }
}
