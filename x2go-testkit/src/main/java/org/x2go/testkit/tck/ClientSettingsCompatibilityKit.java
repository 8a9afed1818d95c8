package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.X2GoClientSettingsException;
import org.x2go.spi.ClientSettings;

/**
 * Compatibility kit for {@link ClientSettings} implementations (spec §3, §4.1, vector TV-45):
 *
 * <pre>{@code
 * class FileSettingsTest extends ClientSettingsCompatibilityKit {
 *     @Override protected ClientSettings openSettings(Path dir) { return new FileSettingsProvider().open(dir); }
 * }
 * }</pre>
 *
 * The settings file is {@code <clientRootDir>/settings}.
 */
public abstract class ClientSettingsCompatibilityKit {

    /** The settings file a fresh store writes (TV-45), byte for byte as python-x2go writes it. */
    public static final String FRESH_SETTINGS = """
            [LDAP]
            useldap = 0
            port = 389
            server = localhost
            port1 = 0
            port2 = 0

            [General]
            clientport = 22
            autoresume = 1

            [Authorization]
            newprofile = 1
            suspend = 1
            editprofile = 1
            resume = 1

            [trayicon]
            enabled = 1
            mintotray = 1
            noclose = 1
            mincon = 1
            maxdiscon = 1

            """;

    /** A fresh client configuration directory per test. */
    @TempDir
    protected Path clientRoot;

    /**
     * @param clientRootDir the client configuration directory ({@code ~/.x2goclient})
     * @return the settings stored there, defaults applied
     */
    protected abstract ClientSettings openSettings(Path clientRootDir);

    /** @return the settings file */
    protected Path settingsFile() {
        return clientRoot.resolve("settings");
    }

    /** Defaults of every section with their types (R-SET-1). */
    @Test
    void defaultsAreTyped() {
        ClientSettings s = openSettings(clientRoot);
        assertTrue(s.sections().containsAll(List.of("LDAP", "General", "Authorization", "trayicon")), s.sections()
                .toString());
        assertFalse(s.getBoolean("LDAP", "useldap"));
        assertEquals(389, s.getInt("LDAP", "port"));
        assertEquals("localhost", s.get("LDAP", "server").orElseThrow());
        assertEquals(22, s.getInt("General", "clientport"));
        assertTrue(s.getBoolean("General", "autoresume"));
        assertTrue(s.getBoolean("Authorization", "editprofile"));
        assertTrue(s.getBoolean("trayicon", "maxdiscon"));
        assertTrue(s.get("LDAP", "nosuchkey").isEmpty());
    }

    /** A fresh store writes exactly the defaults, in order, booleans as 1/0 (TV-45). */
    @Test
    void freshFileMatchesTv45() throws IOException {
        openSettings(clientRoot);
        assertEquals(FRESH_SETTINGS, Files.readString(settingsFile()));
    }

    /** Typed values survive save and reopen, written as the file expects. */
    @Test
    void setSaveReopen() throws IOException {
        ClientSettings s = openSettings(clientRoot);
        s.set("LDAP", "useldap", true);
        s.set("LDAP", "port", 636);
        s.set("General", "extra", List.of("a", "b"));
        s.set("NewSection", "k", "v");
        s.save();
        String text = Files.readString(settingsFile());
        assertTrue(text.contains("useldap = 1\n"), text);
        assertTrue(text.contains("port = 636\n"), text);
        assertTrue(text.contains("extra = a, b\n"), text);
        assertTrue(text.contains("[NewSection]\nk = v\n"), text);
        ClientSettings again = openSettings(clientRoot);
        assertTrue(again.getBoolean("LDAP", "useldap"));
        assertEquals(636, again.getInt("LDAP", "port"));
        assertEquals(List.of("a", "b"), again.getList("General", "extra"));
        assertEquals("v", again.get("NewSection", "k").orElseThrow());
    }

    /** Boolean spellings of the ini dialect (R-INI-5). */
    @Test
    void booleanSpellings() throws IOException {
        Files.writeString(settingsFile(), "[General]\nautoresume = off\n[trayicon]\nenabled = Yes\nmintotray = TRUE\n"
                + "noclose = on\nmincon = no\nmaxdiscon = 0\n");
        ClientSettings s = openSettings(clientRoot);
        assertFalse(s.getBoolean("General", "autoresume"));
        assertTrue(s.getBoolean("trayicon", "enabled"));
        assertTrue(s.getBoolean("trayicon", "mintotray"));
        assertTrue(s.getBoolean("trayicon", "noclose"));
        assertFalse(s.getBoolean("trayicon", "mincon"));
        assertFalse(s.getBoolean("trayicon", "maxdiscon"));
    }

    /** Values that do not fit their type fail naming the key. */
    @Test
    void badTypedValuesNameTheKey() throws IOException {
        Files.writeString(settingsFile(), "[LDAP]\nport = eighty\nuseldap = maybe\n");
        ClientSettings s = openSettings(clientRoot);
        X2GoClientSettingsException e1 = assertThrows(X2GoClientSettingsException.class, () -> s.getInt("LDAP", "port"));
        assertTrue(e1.getMessage().contains("port"), e1.getMessage());
        X2GoClientSettingsException e2 = assertThrows(X2GoClientSettingsException.class,
                () -> s.getBoolean("LDAP", "useldap"));
        assertTrue(e2.getMessage().contains("useldap"), e2.getMessage());
    }

    /** Values are data: no % interpolation, no evaluation of [..] lists. */
    @Test
    void valuesAreNeverInterpretedFixedQ7Q8() throws IOException {
        Files.writeString(settingsFile(), "[General]\npercent = 100%\nlist = ['a', 'b']\nplain = x\n");
        ClientSettings s = openSettings(clientRoot);
        assertEquals("100%", s.get("General", "percent").orElseThrow());
        assertEquals(List.of("a", "b"), s.getList("General", "list"));
        assertEquals(List.of("x"), s.getList("General", "plain"));
    }

    /** Unknown keys, their order and values never written by the program survive a save. */
    @Test
    void unknownKeysAndOrderSurviveSave() throws IOException {
        Files.writeString(settingsFile(), "[Custom]\nzeta = 1\nalpha = true\n\n[LDAP]\nserver = ldap.example\n");
        ClientSettings s = openSettings(clientRoot);
        s.set("LDAP", "port", 1389);
        s.save();
        String text = Files.readString(settingsFile());
        int zeta = text.indexOf("zeta = 1");
        int alpha = text.indexOf("alpha = true");
        assertTrue(zeta >= 0 && alpha > zeta, "custom keys lost or reordered: " + text);
        assertTrue(text.indexOf("[Custom]") < text.indexOf("[LDAP]"), text);
        assertTrue(text.contains("server = ldap.example\n"), text);
        assertTrue(text.contains("port = 1389\n"), text);
    }

    /** A line that is neither a section, a key/value pair nor a comment is rejected, naming the file. */
    @Test
    void malformedFileIsRejectedNamingIt() throws IOException {
        Files.writeString(settingsFile(), "[LDAP]\nthis line has no separator\n");
        X2GoClientSettingsException e = assertThrows(X2GoClientSettingsException.class,
                () -> openSettings(clientRoot));
        assertTrue(e.getMessage().contains(settingsFile().getFileName().toString()), e.getMessage());
    }
}
