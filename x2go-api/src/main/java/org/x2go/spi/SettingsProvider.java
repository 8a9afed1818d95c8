package org.x2go.spi;

import java.nio.file.Path;

/** Loads client settings. Selected by {@code x2go.backend.settings}; default {@code FILE}. */
public interface SettingsProvider extends NamedProvider {
    /**
     * @param clientRootDir the client's configuration directory ({@code ~/.x2goclient})
     * @return the settings, defaults applied
     * @throws org.x2go.api.X2GoClientSettingsException when the stored settings are unreadable or malformed
     */
    ClientSettings open(Path clientRootDir);
}
