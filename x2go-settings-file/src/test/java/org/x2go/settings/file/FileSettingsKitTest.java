package org.x2go.settings.file;

import org.x2go.spi.SettingsProvider;
import org.x2go.testkit.tck.SettingsProviderCompatibilityKit;

/** {@link FileSettingsProvider} against the testkit's compatibility kit. */
class FileSettingsKitTest extends SettingsProviderCompatibilityKit {
    @Override
    protected SettingsProvider provider() {
        return new FileSettingsProvider();
    }
}
