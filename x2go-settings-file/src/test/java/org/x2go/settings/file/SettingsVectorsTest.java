package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.X2GoClientSettingsException;
import org.x2go.spi.ClientSettings;

/** TV-44 (settings part) and TV-45 (settings file) of python-x2go-vectors.md. */
class SettingsVectorsTest {
    @TempDir
    Path home;

    // TV-45 (a fresh settings file byte-identical to python's) is ClientSettingsCompatibilityKit.freshFileMatchesTv45,
    // run for FILE by FileSettingsCompatibilityTest.

    @Test
    void tv44TypedReadsWithDefaultsAndErrorsNamingLineAndKey() throws Exception {
        Path root = Files.createDirectories(home.resolve(".x2goclient"));
        Path f = root.resolve("settings");
        Files.writeString(f, """
                [General]
                autoresume=maybe
                clientport=abc
                [LDAP]
                useldap=TRUE
                port=636
                server=ldap.example.org
                [trayicon]
                enabled=on
                extra=100%
                """);
        ClientSettings s = new FileSettingsProvider().open(root);
        assertThat(s.getBoolean("LDAP", "useldap")).isTrue();
        assertThat(s.getInt("LDAP", "port")).isEqualTo(636);
        assertThat(s.get("LDAP", "server")).contains("ldap.example.org");
        assertThat(s.getInt("LDAP", "port1")).isZero();
        assertThat(s.getBoolean("trayicon", "enabled")).isTrue();
        assertThat(s.getBoolean("trayicon", "mintotray")).isTrue();
        assertThat(s.getBoolean("Authorization", "newprofile")).isTrue();
        assertThatThrownBy(() -> s.getBoolean("General", "autoresume"))
                .isInstanceOf(X2GoClientSettingsException.class)
                .hasMessageContaining(f.toString() + " line 2 key 'autoresume' in [General]: Not a boolean: maybe");
        assertThatThrownBy(() -> s.getInt("General", "clientport"))
                .isInstanceOf(X2GoClientSettingsException.class)
                .hasMessageContaining("line 3 key 'clientport'").hasMessageContaining("abc");
        assertThatThrownBy(() -> s.getBoolean("trayicon", "nosuchkey"))
                .isInstanceOf(X2GoClientSettingsException.class).hasMessageContaining("nosuchkey");
    }

    @Test
    void tv44PercentValueIsReadLiterallyFixesQ7() throws Exception {
        Path root = Files.createDirectories(home.resolve(".x2goclient"));
        Files.writeString(root.resolve("settings"), "[trayicon]\nextra=100%\n");
        ClientSettings s = new FileSettingsProvider().open(root);
        assertThat(s.get("trayicon", "extra")).contains("100%");
    }

    @Test
    void setFormatsTypedValuesAndRejectsBadOnes() throws Exception {
        Path root = home.resolve(".x2goclient");
        ClientSettings s = new FileSettingsProvider().open(root);
        s.set("General", "autoresume", false);
        s.set("LDAP", "port", 636);
        s.set("custom", "list", java.util.List.of("a", "b"));
        assertThatThrownBy(() -> s.set("General", "autoresume", "maybe"))
                .isInstanceOf(X2GoClientSettingsException.class).hasMessageContaining("autoresume");
        assertThatThrownBy(() -> s.set("LDAP", "port", "abc"))
                .isInstanceOf(X2GoClientSettingsException.class).hasMessageContaining("port");
        s.save();
        String text = Files.readString(root.resolve("settings"));
        assertThat(text).contains("autoresume = 0\n").contains("port = 636\n").endsWith("[custom]\nlist = a, b\n\n");
        ClientSettings again = new FileSettingsProvider().open(root);
        assertThat(again.getList("custom", "list")).containsExactly("a", "b");
        assertThat(again.getBoolean("General", "autoresume")).isFalse();
    }

    @Test
    void unknownSectionsAndKeysWrittenByX2goclientSurviveASave() throws Exception {
        Path root = Files.createDirectories(home.resolve(".x2goclient"));
        Files.writeString(root.resolve("settings"), "[gui]\n; x2goclient's own\nwidth=3\n[General]\nautoresume=true\n");
        ClientSettings s = new FileSettingsProvider().open(root);
        s.set("LDAP", "server", "x");
        s.save();
        String text = Files.readString(root.resolve("settings"));
        assertThat(text).startsWith("[gui]\n; x2goclient's own\nwidth = 3\n\n[General]\nautoresume = true\n");
    }
}
