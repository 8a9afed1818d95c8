package org.x2go.settings.file;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.x2go.api.ProfileSchema;
import org.x2go.spi.SessionProfiles;
import org.x2go.spi.SessionProfilesProvider;
import org.x2go.ini.IniStore;

/**
 * The {@code MEMORY} profiles backend: no file; same rules as {@code FILE}. Opening the same directory twice
 * on one provider instance gives the same profiles.
 */
public final class MemoryProfilesProvider implements SessionProfilesProvider {
    private final Map<Path, SessionProfiles> open = new ConcurrentHashMap<>();

    /** Creates the provider (ServiceLoader). */
    public MemoryProfilesProvider() {
    }

    @Override
    public String name() {
        return "MEMORY";
    }

    @Override
    public SessionProfiles open(Path clientRootDir) {
        return open.computeIfAbsent(clientRootDir.toAbsolutePath().normalize(), dir -> create(
                "memory:" + dir.resolve(FileProfilesProvider.FILE_NAME), Clock.systemUTC(), ProfileSchema.localUser()));
    }

    /**
     * @param label     name for messages
     * @param clock     source of new IDs
     * @param localUser the default of {@code user}
     * @return fresh, empty profiles
     */
    public static IniSessionProfiles create(String label, Clock clock, String localUser) {
        return new IniSessionProfiles(IniStore.memory(label, IniSessionProfiles.normaliser(label, localUser)), clock,
                localUser);
    }
}
