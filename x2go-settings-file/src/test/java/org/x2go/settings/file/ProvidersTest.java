package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.BackendKind;
import org.x2go.api.Backends;
import org.x2go.spi.ClientSettings;
import org.x2go.spi.SessionProfiles;
import org.x2go.spi.SessionProfilesProvider;
import org.x2go.spi.SettingsProvider;

class ProvidersTest {
    @TempDir
    Path root;

    @Test
    void fileAndMemoryProvidersAreDiscoveredByName() {
        Backends b = Backends.discover();
        assertThat(b.providers(BackendKind.SETTINGS)).containsKeys("FILE", "MEMORY");
        assertThat(b.providers(BackendKind.PROFILES)).containsKeys("FILE", "MEMORY");
        assertThat((Object) b.select(BackendKind.SETTINGS, "default")).isInstanceOf(FileSettingsProvider.class);
        assertThat((Object) b.select(BackendKind.PROFILES, "file")).isInstanceOf(FileProfilesProvider.class);
    }

    @Test
    void memoryProvidersKeepStatePerDirectoryAndTouchNoFile() {
        SessionProfilesProvider pp = new MemoryProfilesProvider();
        SessionProfiles a = pp.open(root);
        a.create("X", Map.of());
        assertThat(pp.open(root).byName("X")).isPresent();
        assertThat(pp.open(root.resolve("other")).all()).isEmpty();
        SettingsProvider sp = new MemorySettingsProvider();
        ClientSettings s = sp.open(root);
        s.set("General", "autoresume", false);
        s.save();
        assertThat(sp.open(root).getBoolean("General", "autoresume")).isFalse();
        assertThat(root.toFile().list()).isEmpty();
    }
}
