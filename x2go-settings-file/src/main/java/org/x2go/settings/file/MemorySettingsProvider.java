package org.x2go.settings.file;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.x2go.spi.ClientSettings;
import org.x2go.spi.SettingsProvider;
import org.x2go.ini.IniStore;

/**
 * The {@code MEMORY} settings backend: defaults only, nothing on disk. Opening the same directory twice on
 * one provider instance gives the same settings.
 */
public final class MemorySettingsProvider implements SettingsProvider {
    private final Map<Path, ClientSettings> open = new ConcurrentHashMap<>();

    /** Creates the provider (ServiceLoader). */
    public MemorySettingsProvider() {
    }

    @Override
    public String name() {
        return "MEMORY";
    }

    @Override
    public ClientSettings open(Path clientRootDir) {
        return open.computeIfAbsent(clientRootDir.toAbsolutePath().normalize(), dir -> new IniClientSettings(
                IniStore.memory("memory:" + dir.resolve(FileSettingsProvider.FILE_NAME), IniClientSettings.DEFAULTS::fill)));
    }
}
