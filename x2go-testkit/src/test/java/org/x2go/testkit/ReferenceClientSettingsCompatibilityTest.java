package org.x2go.testkit;

import java.nio.file.Path;

import org.x2go.spi.ClientSettings;
import org.x2go.testkit.tck.ClientSettingsCompatibilityKit;

/** Proves the settings kit can be passed. */
class ReferenceClientSettingsCompatibilityTest extends ClientSettingsCompatibilityKit {
    @Override
    protected ClientSettings openSettings(Path clientRootDir) {
        return new ReferenceClientSettings(clientRootDir);
    }
}
