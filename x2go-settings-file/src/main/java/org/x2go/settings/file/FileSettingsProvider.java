package org.x2go.settings.file;

import java.nio.file.Path;

import org.x2go.api.X2GoClientSettingsException;
import org.x2go.spi.ClientSettings;
import org.x2go.spi.SettingsProvider;
import org.x2go.ini.IniStore;

/** The {@code FILE} settings backend: {@code <clientRootDir>/settings}, created with defaults when missing. */
public final class FileSettingsProvider implements SettingsProvider {
    /** The file name inside the client root directory. */
    public static final String FILE_NAME = "settings";

    /** Creates the provider (ServiceLoader). */
    public FileSettingsProvider() {
    }

    @Override
    public String name() {
        return "FILE";
    }

    @Override
    public ClientSettings open(Path clientRootDir) {
        return new IniClientSettings(IniStore.file(clientRootDir.resolve(FILE_NAME), IniClientSettings.DEFAULTS::fill,
                X2GoClientSettingsException::new));
    }
}
