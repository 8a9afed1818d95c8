package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.SessionProfile;
import org.x2go.api.X2GoClientSettingsException;
import org.x2go.api.X2GoProfileException;
import org.x2go.spi.ClientSettings;

/** What a profile or setting contains can never change the structure of the file it is saved in. */
class FileHardeningTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05.000006Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static java.util.List<String> names(Path d) throws Exception {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCommandWithCarriageReturnsCannotInjectAProfile() throws Exception {
        Path f = dir.resolve("sessions");
        IniSessionProfiles ps = FileProfilesProvider.open(f, CLOCK, "tester");
        SessionProfile good = ps.create("good", Map.of("host", "h"));
        ps.save();
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> ps.create("bad", Map.of("command", "xterm\r[evil]\rname=evil\rhost=attacker.example")))
                .isInstanceOf(X2GoProfileException.class).hasMessageContaining("key 'command'")
                .hasMessageContaining("U+000D");
        assertThatThrownBy(() -> ps.update(good.id(), Map.of("command", "xterm\rhost=other")))
                .isInstanceOf(X2GoProfileException.class).hasMessageContaining("key 'command'");
        ps.save();
        assertThat(Files.readAllBytes(f)).as("nothing refused reached the file").isEqualTo(before);
        IniSessionProfiles again = FileProfilesProvider.open(f, CLOCK, "tester");
        assertThat(again.all()).extracting(SessionProfile::name).containsExactly("good");
        assertThat(again.byName("evil")).isEmpty();
        assertThat(again.byId(good.id()).orElseThrow().text("command")).isEqualTo("TERMINAL");
    }

    @Test
    void aRefusedUpdateChangesNoneOfItsValues() throws Exception {
        Path f = dir.resolve("sessions");
        IniSessionProfiles ps = FileProfilesProvider.open(f, CLOCK, "tester");
        SessionProfile p = ps.create("p", Map.of("host", "h"));
        ps.save();
        byte[] before = Files.readAllBytes(f);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("host", "other");
        values.put("sessiontitle", "title\u0000");
        assertThatThrownBy(() -> ps.update(p.id(), values)).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("key 'sessiontitle'").hasMessageContaining("U+0000");
        assertThat(ps.byId(p.id()).orElseThrow().text("host")).isEqualTo("h");
        ps.save();
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    @Test
    void aRefusedNewProfileLeavesNothingToSave() throws Exception {
        Path f = dir.resolve("sessions");
        IniSessionProfiles ps = FileProfilesProvider.open(f, CLOCK, "tester");
        assertThatThrownBy(() -> ps.create("n\u001b[2J", Map.of())).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("n\\x1b[2J").hasMessageNotContaining("\u001b");
        assertThatThrownBy(() -> ps.create("ok", Map.of("key\nx", "v"))).isInstanceOf(X2GoProfileException.class);
        assertThat(ps.all()).isEmpty();
        ps.save();
        assertThat(names(dir)).as("nothing was written, so nothing was created").isEmpty();
    }

    @Test
    void lookingUpAMissingProfileCreatesNoFileNoDirectoryNoLock() throws Exception {
        Path root = dir.resolve("home").resolve(".x2goclient");
        assertThat(new FileProfilesProvider().open(root).byName("nosuchprofile")).isEmpty();
        assertThat(names(dir)).isEmpty();
        Files.createDirectories(root);
        assertThat(new FileProfilesProvider().open(root).resolve("nosuchprofile")).isEmpty();
        assertThat(names(root)).isEmpty();
    }

    @Test
    void aSymlinkedSessionsFileStaysALinkAndItsTargetGetsTheUpdates() throws Exception {
        Path repo = Files.createDirectory(dir.resolve("dotfiles"));
        Path target = repo.resolve("x2go-sessions");
        Path root = Files.createDirectory(dir.resolve(".x2goclient"));
        Path link = Files.createSymbolicLink(root.resolve("sessions"), target);
        IniSessionProfiles ps = FileProfilesProvider.open(link, CLOCK, "tester");
        ps.create("first", Map.of());
        ps.save();
        ps.create("second", Map.of());
        ps.save();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).contains("name = first").contains("name = second");
        assertThat(names(root)).containsExactly("sessions");
    }

    @Test
    void settingsRefuseTextThatWouldChangeTheFileAndKeepTheFileIntact() throws Exception {
        ClientSettings s = new FileSettingsProvider().open(dir);
        Path f = dir.resolve("settings");
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> s.set("General", "extra", "x\r[LDAP]\ruseldap=1"))
                .isInstanceOf(X2GoClientSettingsException.class).hasMessageContaining("extra");
        assertThatThrownBy(() -> s.set("New]\n[General", "k", "v")).isInstanceOf(X2GoClientSettingsException.class);
        assertThatThrownBy(() -> s.set("General", "a=b", "v")).isInstanceOf(X2GoClientSettingsException.class);
        s.save();
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    @Test
    void badValuesReadFromTheFileAreReportedEscaped() throws Exception {
        Files.writeString(dir.resolve("settings"), "[LDAP]\nport = 1\u001b[2J\n");
        ClientSettings s = new FileSettingsProvider().open(dir);
        assertThatThrownBy(() -> s.getInt("LDAP", "port")).isInstanceOf(X2GoClientSettingsException.class)
                .hasMessageContaining("1\\x1b[2J").hasMessageNotContaining("\u001b");
        Path f = dir.resolve("sessions");
        Files.writeString(f, "[p\u001b]\nname=x\nfullscreen=\u001b[2J\n");
        assertThatThrownBy(() -> FileProfilesProvider.open(f, CLOCK, "u")).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("profile [p\\x1b] key 'fullscreen'").hasMessageNotContaining("\u001b");
    }

    @Test
    void profilesSharingAnEmptyOrUnprintableNameStillLoad() throws Exception {
        Path f = dir.resolve("sessions");
        Files.writeString(f, "[a]\nname =\n[b]\nname=\n[c]\nname=x\u0001\n[d]\nname=x\u0001\n");
        IniSessionProfiles ps = FileProfilesProvider.open(f, CLOCK, "tester");
        assertThat(ps.all()).extracting(SessionProfile::name).containsExactly("(1)", "(2)", "x\\x01 (1)", "x\\x01 (2)");
    }
}
