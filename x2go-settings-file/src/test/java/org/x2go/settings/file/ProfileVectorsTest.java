package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.x2go.api.IniValues;
import org.x2go.api.ProfileConverter;
import org.x2go.api.ProfileSessionParameters;
import org.x2go.api.SessionProfile;
import org.x2go.api.SessionType;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoProfileException;

/** TV-39..TV-43, TV-45 (sessions), TV-46, TV-47, TV-48 of python-x2go-vectors.md. */
class ProfileVectorsTest {
    static final String TV39 = """
            [20231114221320123456]
            name=Office KDE
            host=srv1.example.org,srv2.example.org
            user=alice
            sshport=2222
            command=KDE
            rootless=false
            fullscreen=0
            width=1280
            height=1024
            speed=4
            pack=16m-jpeg
            quality=9
            export="/home/alice/Documents:1;/home/alice/Music:0;"
            sound=true
            soundsystem=pulse
            usekbd=1
            type=pc105/de
            layout=de
            variant=
            setdpi=true
            dpi=120
            applications=WWWBROWSER, MAILCLIENT
            autostart=yes
            published=off
            unknownkey=hello
            """;
    static final String TV40 = """
            [20231114221320999999]
            name=Term
            host=["a","b"]
            rootless=1
            maxdim=1
            sound=0
            usekbd=0
            speed=9
            quality=0
            mimeboxextensions=pdf,odt
            mimeboxaction=FOO
            command=XFCE4
            usesshproxy=true
            sshproxyhost=jump.example.org
            sshproxysameuser=true
            sshproxysamepass=true
            key=~/.ssh/id_ed25519
            """;
    static final String EMBEDDED_AND_BED = """
            [embedded]
            name=emb
            [bed]
            name=bed profile
            [none]
            x=1
            """;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T23:42:25.932961Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void setUp() {
        file = dir.resolve("sessions");
    }

    private IniSessionProfiles load(String text) throws Exception {
        Files.writeString(file, text);
        return FileProfilesProvider.open(file, CLOCK, "tester");
    }

    @Test
    void tv39TypedProfileValues() throws Exception {
        SessionProfile p = load(TV39).byName("Office KDE").orElseThrow();
        assertThat(p.id()).isEqualTo("20231114221320123456");
        assertThat(p.hosts()).containsExactly("srv1.example.org", "srv2.example.org");
        assertThat(p.text("user")).isEqualTo("alice");
        assertThat(p.integer("sshport")).isEqualTo(2222);
        assertThat(p.text("command")).isEqualTo("KDE");
        assertThat(p.bool("rootless")).isFalse();
        assertThat(p.bool("fullscreen")).isFalse();
        assertThat(p.integer("width")).isEqualTo(1280);
        assertThat(p.integer("height")).isEqualTo(1024);
        assertThat(p.integer("speed")).isEqualTo(4);
        assertThat(p.text("pack")).isEqualTo("16m-jpeg");
        assertThat(p.integer("quality")).isEqualTo(9);
        assertThat(p.exports()).containsExactly(entry("/home/alice/Documents", true), entry("/home/alice/Music", false));
        assertThat(p.bool("sound")).isTrue();
        assertThat(p.bool("usekbd")).isTrue();
        assertThat(p.text("type")).isEqualTo("pc105/de");
        assertThat(p.text("layout")).isEqualTo("de");
        assertThat(p.text("variant")).isEmpty();
        assertThat(p.bool("setdpi")).isTrue();
        assertThat(p.integer("dpi")).isEqualTo(120);
        assertThat(p.list("applications")).containsExactly("WWWBROWSER", "MAILCLIENT");
        assertThat(p.bool("autostart")).isTrue();
        assertThat(p.bool("published")).isFalse();
        assertThat(p.bool("maxdim")).isFalse();
        assertThat(p.values()).containsEntry("maxdim", "0");
        assertThat(p.text("mimeboxaction")).isEqualTo("OPEN");
        assertThat(p.text("unknownkey")).isEqualTo("hello");
    }

    @Test
    void tv39SessionParametersWithOnlyAutoSharedFoldersFixesQ16AndExtensionListFixesQ15() throws Exception {
        ProfileSessionParameters sp = ProfileConverter.convert(load(TV39).byName("Office KDE").orElseThrow(), "tester");
        Map<String, Object> p = sp.params();
        assertThat(p).containsEntry("server", List.of("srv1.example.org", "srv2.example.org"))
                .containsEntry("username", "alice").containsEntry("port", 2222).containsEntry("cmd", "KDE")
                .containsEntry("session_type", "desktop").containsEntry("geometry", "1280x1024")
                .containsEntry("link", "lan").containsEntry("pack", "16m-jpeg-9")
                .containsEntry("snd_system", "pulse").containsEntry("kbtype", "pc105/de")
                .containsEntry("kblayout", "de").containsEntry("kbvariant", "null").containsEntry("dpi", 120)
                .containsEntry("applications", List.of("WWWBROWSER", "MAILCLIENT"))
                .containsEntry("auto_start_or_resume", true).containsEntry("published_applications", false)
                .containsEntry("mimebox_action", "OPEN").containsEntry("use_sshproxy", false)
                .containsEntry("look_for_keys", true).containsEntry("allow_agent", true)
                .containsEntry("key_filename", "");
        // python: [Documents, Music] and mimebox_extensions ""
        assertThat(sp.shareLocalFolders()).containsExactly("/home/alice/Documents");
        assertThat(p).containsEntry("mimebox_extensions", List.of());
        assertThat(p).doesNotContainKeys("quality", "fstunnel", "width", "height", "fullscreen", "maxdim", "sound",
                "rootless", "unknownkey", "icon", "display", "rdpport", "sshproxytype");

        TerminalParams t = sp.terminalParams();
        assertThat(t.geometry()).isEqualTo("1280x1024");
        assertThat(t.link()).isEqualTo(TerminalParams.Link.LAN);
        assertThat(t.pack()).isEqualTo("16m-jpeg-9");
        assertThat(t.sessionType()).isEqualTo(SessionType.DESKTOP);
        assertThat(t.command()).isEqualTo("KDE");
        assertThat(t.kbType()).isEqualTo("pc105/de");
        assertThat(t.kbLayout()).isEqualTo("de");
        assertThat(t.kbVariant()).isEqualTo("null");
        assertThat(t.setKeyboard()).isTrue();
        assertThat(t.dpi()).hasValue(120);
        assertThat(t.sound()).isEqualTo(TerminalParams.SoundSystem.PULSE);

        assertThat(sp.servers()).containsExactly("srv1.example.org", "srv2.example.org");
        assertThat(sp.port()).isEqualTo(2222);
        assertThat(sp.username()).isEqualTo("alice");
        assertThat(sp.sshProxy()).isEmpty();
        var co = sp.connectOptions("srv2.example.org").knownHosts(dir.resolve("kh")).build();
        assertThat(co.host()).isEqualTo("srv2.example.org");
        assertThat(co.port()).isEqualTo(2222);
        assertThat(co.username()).isEqualTo("alice");
        assertThat(co.useAgent()).isTrue();
        assertThat(co.privateKeys()).isEmpty();
        assertThat(sp.profileId()).contains("20231114221320123456");
        assertThat(sp.profileName()).isEqualTo("Office KDE");
        java.util.Set<String> chosen = new java.util.HashSet<>();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 64 && chosen.size() < 2; i++) {
            chosen.add(sp.chooseServer(random));
        }
        assertThat(chosen).containsExactlyInAnyOrder("srv1.example.org", "srv2.example.org");
        SessionProfile noHost = new SessionProfile("n", "NoHost", Map.of("host", ""));
        assertThatThrownBy(() -> ProfileConverter.convert(noHost, "u").chooseServer(random))
                .isInstanceOf(X2GoProfileException.class).hasMessageContaining("NoHost");
    }

    @Test
    void tv40DefaultsKeyboardOffAndSshProxyReuseWithBracketListParsedNotEvaluatedFixesQ8() throws Exception {
        SessionProfile p = load(TV40).byName("Term").orElseThrow();
        assertThat(p.hosts()).containsExactly("a", "b");
        assertThat(p.exports()).isEmpty(); // python: {"{}": true}
        assertThat(p.text("mimeboxaction")).isEqualTo("FOO");
        assertThat(p.text("user")).isEqualTo("tester");
        assertThat(p.integer("sshport")).isEqualTo(22);

        ProfileSessionParameters sp = ProfileConverter.convert(p, "tester");
        assertThat(sp.params()).containsEntry("cmd", "XFCE").containsEntry("session_type", "application")
                .containsEntry("geometry", "maximize").containsEntry("link", "9").containsEntry("pack", "16m-jpeg")
                .containsEntry("snd_system", "none").containsEntry("kbtype", "null/null")
                .containsEntry("kblayout", "null").containsEntry("kbvariant", "null")
                .containsEntry("mimebox_action", "OPEN").containsEntry("mimebox_extensions", List.of("pdf", "odt"))
                .containsEntry("share_local_folders", List.of()).containsEntry("use_sshproxy", true)
                .containsEntry("sshproxy_user", "tester").containsEntry("sshproxy_reuse_authinfo", true)
                .containsEntry("sshproxy_key_filename", "~/.ssh/id_ed25519")
                .containsEntry("key_filename", "~/.ssh/id_ed25519").doesNotContainKey("dpi");
        assertThat(sp.sshProxy()).hasValueSatisfying(j -> {
            assertThat(j.host()).isEqualTo("jump.example.org");
            assertThat(j.port()).isEqualTo(22);
            assertThat(j.user()).isEqualTo("tester");
            assertThat(j.reuseAuthInfo()).isTrue();
            assertThat(j.keyFilename()).isEqualTo("~/.ssh/id_ed25519");
        });
        TerminalParams t = sp.terminalParams();
        // XFCE is a desktop meta command: normalised to a desktop session as the terminal would (R-TRM-3)
        assertThat(t.sessionType()).isEqualTo(SessionType.DESKTOP);
        assertThat(t.link()).isEqualTo(TerminalParams.Link.ADSL); // "9" has no NX meaning: default, logged
        assertThat(t.setKeyboard()).isFalse();
        assertThat(t.sound()).isEqualTo(TerminalParams.SoundSystem.NONE);
        assertThat(t.dpi()).isEmpty();
        assertThat(sp.connectOptions("a").knownHosts(dir).build().privateKeys()).singleElement()
                .satisfies(k -> assertThat(k.toString()).endsWith("/.ssh/id_ed25519").doesNotStartWith("~"));
    }

    @Test
    void tv40MetaTypesOnFirstCallFixesQ14AndLookups() throws Exception {
        IniSessionProfiles ps = load(TV39 + TV40);
        assertThat(ProfileConverter.metaType(ps.byName("Term").orElseThrow())).isEqualTo("Single Applications");
        assertThat(ProfileConverter.metaType(ps.byName("Office KDE").orElseThrow())).isEqualTo("KDE Desktop");
        assertThat(ps.resolve("Term").map(SessionProfile::id)).contains("20231114221320999999");
        assertThat(ps.resolve("20231114221320999999").map(SessionProfile::name)).contains("Term");
        assertThat(ps.resolve("nope")).isEmpty();
        assertThat(ps.toProfileId("nope")).isEmpty();
        assertThat(ps.toProfileName("nope")).isEmpty(); // python: the text "None"
    }

    @Test
    void tv40OnlyTheExactEmbeddedAndNoneSectionsAreSkippedFixesQ11() throws Exception {
        IniSessionProfiles ps = load(TV40 + EMBEDDED_AND_BED);
        assertThat(ps.all()).extracting(SessionProfile::id).containsExactly("20231114221320999999", "bed");
        assertThat(ps.byId("embedded")).isEmpty();
        assertThat(ps.byId("none")).isEmpty();
    }

    @ParameterizedTest(name = "export {0}")
    @CsvSource(delimiter = '|', value = {
        "'\"/a:1;/b:0;\"'|/a=true,/b=false|/a",
        "'/a,/b'|/a=true,/b=true|/a,/b",
        "''|''|''",
        "'\"/a\"'|/a=true|/a",
        "'/a:1;/b'|/a=true,/b=true|/a,/b",
        "'\"/with space:1;\"'|/with space=true|/with space",
        "'C:/x:0'|C:/x=false|''",
    })
    void tv41ExportMapAndOnlyAutoSharedFoldersFixesQ16(String raw, String map, String shared) {
        Map<String, Boolean> expected = new LinkedHashMap<>();
        if (!map.isEmpty()) {
            for (String e : map.split(",")) {
                int eq = e.lastIndexOf('=');
                expected.put(e.substring(0, eq), Boolean.parseBoolean(e.substring(eq + 1)));
            }
        }
        assertThat(IniValues.parseExports(raw)).containsExactlyEntriesOf(expected);
        SessionProfile p = new SessionProfile("x", "x", Map.of("export", raw));
        List<String> expectedShared = shared.isEmpty() ? List.of() : List.of(shared.split(","));
        assertThat(ProfileConverter.convert(p, "u").shareLocalFolders()).containsExactlyElementsOf(expectedShared);
    }

    @Test
    void tv42HostLists() {
        assertThat(IniValues.parseList("a")).containsExactly("a");
        assertThat(IniValues.parseList("a,b")).containsExactly("a", "b");
        assertThat(IniValues.parseList(" a , b ")).containsExactly("a", "b");
        assertThat(IniValues.parseList("['a','b']")).containsExactly("a", "b");
        assertThat(IniValues.parseList("")).containsExactly("");
        assertThat(IniValues.parseList("[]")).isEmpty();
        // python would evaluate this; here it is data
        assertThat(IniValues.parseList("[__import__('os').system('id')]"))
                .containsExactly("__import__('os').system('id')");
        assertThatThrownBy(() -> IniValues.parseList("['a]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("['a]");
    }

    @ParameterizedTest(name = "fullscreen={0} → {1}")
    @CsvSource({"True,fullscreen", "yes,fullscreen", "on,fullscreen", "1,fullscreen", "false,800x600", "0,800x600",
        "off,800x600", "no,800x600"})
    void tv43BooleansDriveGeometry(String raw, String geometry) {
        SessionProfile p = new SessionProfile("x", "x", Map.of("fullscreen", raw));
        assertThat(ProfileConverter.convert(p, "u").params()).containsEntry("geometry", geometry);
    }

    @Test
    void tv43BadBooleanAndIntegerAreErrors() {
        SessionProfile p = new SessionProfile("id1", "P", Map.of("fullscreen", "maybe", "sshport", "abc"));
        assertThatThrownBy(() -> p.bool("fullscreen")).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("key 'fullscreen': Not a boolean: maybe");
        assertThatThrownBy(() -> p.integer("sshport")).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("sshport");
        assertThatThrownBy(() -> ProfileConverter.convert(p, "u")).isInstanceOf(X2GoProfileException.class);
        assertThat(IniValues.parseInt(" 2022 ")).isEqualTo(2022);
        SessionProfile isdn = new SessionProfile("x", "x", Map.of("speed", "1"));
        assertThat(ProfileConverter.convert(isdn, "u").params()).containsEntry("link", "isdn");
    }

    @Test
    void tv45SessionsFileIsCreatedByTheFirstSaveAndNewProfileIsWrittenInPythonsOrder() throws Exception {
        Path root = dir.resolve("home").resolve(".x2goclient");
        IniSessionProfiles ps = FileProfilesProvider.open(root.resolve("sessions"), CLOCK, "tester");
        assertThat(ps.all()).isEmpty();
        assertThat(root.getParent()).as("opening to read creates nothing").doesNotExist();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("host", "h1,h2");
        v.put("command", "LXDE");
        SessionProfile created = ps.create("New", v);
        ps.save();
        String text = Files.readString(root.resolve("sessions"));
        assertThat(created.id()).matches("\\d{20}");
        assertThat(text).startsWith("[" + created.id() + "]\nname = New\nhost = h1,h2\ncommand = LXDE\n"
                + "autologin = 1\nautoconnect = 0\n");
        assertThat(text).contains("\nexport = \n").contains("\napplications = WWWBROWSER, MAILCLIENT, OFFICE, TERMINAL\n")
                .contains("\nuser = tester\n").endsWith("kdrive = 0\n\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                .isEqualTo("rwx------");
    }

    @Test
    void tv46WriteBackKeepsSpellingAddsDefaultsAndEncodesTypedValues() throws Exception {
        IniSessionProfiles ps = load(TV39 + TV40 + EMBEDDED_AND_BED);
        String term = ps.toProfileId("Term").orElseThrow();
        ps.set(term, "export", Map.of("/srv/a", true));
        ps.set(term, "sound", true);
        ps.set(term, "applications", List.of("A", "B"));
        ps.save();
        String text = Files.readString(file);
        String office = section(text, "20231114221320123456");
        String t = section(text, "20231114221320999999");
        assertThat(office).contains("\nrootless = false\n", "\nautostart = yes\n", "\npublished = off\n",
                "\nunknownkey = hello\n", "\nautologin = 1\n", "\nkdrive = 0\n");
        assertThat(office.split("\nexport = ", -1)).hasSize(2);
        assertThat(t).contains("\nexport = \"/srv/a:1;\"\n", "\nsound = 1\n", "\napplications = A, B\n");
        assertThat(section(text, "embedded")).isEqualTo("[embedded]\nname = emb\n");
        assertThat(section(text, "none")).isEqualTo("[none]\nx = 1\n");
        // [bed] is a profile (python skipped it, Q-11) and gets the defaults
        assertThat(section(text, "bed")).contains("\nautologin = 1\n");
    }

    @Test
    void tv46ExportMapEncodingMatchesPython() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("/srv/a", true);
        m.put("/srv/b", false);
        assertThat(IniValues.formatProfileValue("export", m)).isEqualTo("\"/srv/a:1;/srv/b:0;\"");
        assertThat(IniValues.formatProfileValue("export", Map.of())).isEmpty();
        assertThat(IniValues.formatProfileValue("host", List.of("h1", "h2"))).isEqualTo("h1,h2");
        assertThat(IniValues.formatProfileValue("applications", List.of("A", "B"))).isEqualTo("A, B");
        assertThat(IniValues.formatProfileValue("sound", true)).isEqualTo("1");
    }

    private static String section(String text, String id) {
        int start = text.indexOf("[" + id + "]\n");
        assertThat(start).as("section " + id).isNotNegative();
        int end = text.indexOf("\n\n", start);
        return text.substring(start, end + 1);
    }

    @Test
    void tv47DuplicateNamesAreNumberedAndHostChangeKeepsTheIdFixesQ13() throws Exception {
        IniSessionProfiles ps = load("[A1]\nname=Dup\n[A2]\nname=Dup\n[A3]\nname=Other\nhost=h1\n");
        assertThat(ps.all()).extracting(SessionProfile::name).containsExactly("Dup (1)", "Dup (2)", "Other");
        assertThatThrownBy(() -> ps.update("A3", Map.of("name", "Dup (1)"))).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("Dup (1)").hasMessageContaining("A1");
        assertThatThrownBy(() -> ps.rename("A3", "")).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("empty");
        ps.update("A3", Map.of("host", "h2"));
        ps.save();
        IniSessionProfiles again = FileProfilesProvider.open(file, CLOCK, "tester");
        assertThat(again.all()).extracting(SessionProfile::id).containsExactly("A1", "A2", "A3");
        assertThat(again.byId("A3").orElseThrow().hosts()).containsExactly("h2");
        assertThat(again.byId("A3").orElseThrow().name()).isEqualTo("Other");
        assertThat(again.all()).extracting(SessionProfile::name).containsExactly("Dup (1)", "Dup (2)", "Other");
        assertThatThrownBy(() -> again.create("Other", Map.of())).isInstanceOf(X2GoProfileException.class);
        assertThatThrownBy(() -> again.create(null, Map.of("host", "x"))).isInstanceOf(X2GoProfileException.class);
    }

    @Test
    void tv48ProfileIdsUseMinutesNotTheMonthFixesQ23() {
        Instant t = Instant.parse("2026-11-21T23:42:25.932961Z");
        assertThat(ProfileIds.format(t)).isEqualTo("20261121234225932961").hasSize(20)
                .isNotEqualTo("20261121231125932961"); // python's YYYYMMDDHH<month>SS...
        Clock c = Clock.fixed(t, ZoneOffset.UTC);
        assertThat(ProfileIds.generate(c, id -> false)).isEqualTo("20261121234225932961");
        assertThat(ProfileIds.generate(c, id -> id.equals("20261121234225932961"))).isEqualTo("20261121234225932962");
    }

    @Test
    void tv48TwoProfilesCreatedAtTheSameInstantGetDistinctIds() throws Exception {
        IniSessionProfiles ps = load("");
        SessionProfile a = ps.create("a", Map.of());
        SessionProfile b = ps.create("b", Map.of());
        assertThat(a.id()).isEqualTo("20261121234225932961");
        assertThat(b.id()).isEqualTo("20261121234225932962");
    }
}
