package org.x2go.settings.file;

import org.x2go.spi.SettingsProvider;
import org.x2go.testkit.tck.SettingsProviderCompatibilityKit;

/** {@link MemorySettingsProvider} against the testkit's compatibility kit. */
class MemorySettingsKitTest extends SettingsProviderCompatibilityKit {
    @Override
    protected SettingsProvider provider() {
        return new MemorySettingsProvider();
    }

    @Override
    protected boolean persists() {
        return false;
    }
}
