package org.x2go.settings.file;

import java.nio.file.Path;
import java.time.Clock;

import org.x2go.api.ProfileSchema;
import org.x2go.api.X2GoProfileException;
import org.x2go.spi.SessionProfiles;
import org.x2go.spi.SessionProfilesProvider;
import org.x2go.ini.IniStore;

/**
 * The {@code FILE} profiles backend: {@code <clientRootDir>/sessions}. A missing file reads as no profiles
 * and is created by the first save with changes; looking a profile up never creates or changes a file.
 */
public final class FileProfilesProvider implements SessionProfilesProvider {
    /** The file name inside the client root directory. */
    public static final String FILE_NAME = "sessions";

    /** Creates the provider (ServiceLoader). */
    public FileProfilesProvider() {
    }

    @Override
    public String name() {
        return "FILE";
    }

    @Override
    public SessionProfiles open(Path clientRootDir) {
        return open(clientRootDir.resolve(FILE_NAME), Clock.systemUTC(), ProfileSchema.localUser());
    }

    /**
     * @param file      the sessions file
     * @param clock     source of new IDs
     * @param localUser the default of {@code user}
     * @return the profiles
     * @throws X2GoProfileException for an unreadable or malformed file
     */
    public static IniSessionProfiles open(Path file, Clock clock, String localUser) {
        Path f = file.toAbsolutePath().normalize();
        return new IniSessionProfiles(IniStore.file(f, IniSessionProfiles.normaliser(f.toString(), localUser),
                X2GoProfileException::new, IniStore.WhenMissing.CREATE_ON_SAVE), clock, localUser);
    }
}
