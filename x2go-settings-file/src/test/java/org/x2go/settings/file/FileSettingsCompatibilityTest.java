package org.x2go.settings.file;

import java.nio.file.Path;

import org.x2go.spi.ClientSettings;
import org.x2go.testkit.tck.ClientSettingsCompatibilityKit;

/**
 * The testkit's settings compatibility kit against the FILE backend. (The kit reads and writes
 * {@code <clientRoot>/settings} directly, so the MEMORY backend, which has no file, is covered by
 * {@link MemorySettingsTest} instead.)
 */
class FileSettingsCompatibilityTest extends ClientSettingsCompatibilityKit {
    @Override
    protected ClientSettings openSettings(Path clientRootDir) {
        return new FileSettingsProvider().open(clientRootDir);
    }
}
