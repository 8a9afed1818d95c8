package org.x2go.spi;

import java.nio.file.Path;

/** Loads session profiles. Selected by {@code x2go.backend.profiles}; default {@code FILE}. */
public interface SessionProfilesProvider extends NamedProvider {
    /**
     * @param clientRootDir the client's configuration directory ({@code ~/.x2goclient})
     * @return the profiles
     * @throws org.x2go.api.X2GoProfileException when the stored profiles are unreadable or malformed
     */
    SessionProfiles open(Path clientRootDir);
}
