package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.x2go.api.X2GoClientSettingsException;
import org.x2go.testkit.tck.ClientSettingsCompatibilityKit;
import org.x2go.spi.ClientSettings;

/** The MEMORY settings store follows the FILE rules, minus the file. */
class MemorySettingsTest {
    private final MemorySettingsProvider provider = new MemorySettingsProvider();
    private final Path root = Path.of("/nonexistent/.x2goclient");

    @Test
    void defaultsAreTypedAsInTheFile() {
        ClientSettings s = provider.open(root);
        assertThat(s.sections()).containsExactly("LDAP", "General", "Authorization", "trayicon");
        assertThat(s.getBoolean("LDAP", "useldap")).isFalse();
        assertThat(s.getInt("LDAP", "port")).isEqualTo(389);
        assertThat(s.get("LDAP", "server")).contains("localhost");
        assertThat(s.getBoolean("trayicon", "maxdiscon")).isTrue();
        assertThat(s.get("LDAP", "nosuchkey")).isEmpty();
        assertThat(((IniClientSettings) s).serialize()).isEqualTo(ClientSettingsCompatibilityKit.FRESH_SETTINGS);
    }

    @Test
    void typedValuesSurviveSaveAndReopenAndBadOnesAreRejected() {
        ClientSettings s = provider.open(root);
        s.set("LDAP", "useldap", true);
        s.set("General", "extra", List.of("a", "b"));
        s.set("General", "percent", "100%");
        s.save();
        ClientSettings again = provider.open(root);
        assertThat(again.getBoolean("LDAP", "useldap")).isTrue();
        assertThat(again.getList("General", "extra")).containsExactly("a", "b");
        assertThat(again.get("General", "percent")).contains("100%");
        assertThatThrownBy(() -> again.set("LDAP", "port", "eighty")).isInstanceOf(X2GoClientSettingsException.class)
                .hasMessageContaining("port");
    }

    @Test
    void reloadDiscardsUnsavedChanges() {
        IniClientSettings s = (IniClientSettings) provider.open(root);
        s.set("LDAP", "server", "saved");
        s.save();
        s.set("LDAP", "server", "unsaved");
        s.reload();
        assertThat(s.get("LDAP", "server")).contains("saved");
    }
}
