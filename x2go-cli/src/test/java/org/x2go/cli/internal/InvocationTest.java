package org.x2go.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.SessionType;
import org.x2go.api.TerminalParams;
import org.x2go.cli.ExitStatus;
import org.x2go.cli.TestEnv;

class InvocationTest {
    @TempDir
    Path home;
    Path key;

    @BeforeEach
    void keyFile() throws IOException {
        key = Files.writeString(home.resolve("mykey"), "not really a key");
    }

    private Invocation parse(String... args) {
        return parse(new TestEnv(home), args);
    }

    private Invocation parse(TestEnv env, String... args) {
        var cl = Cli.commandLine();
        cl.parseArgs(args);
        return Invocation.of(cl.getCommand(), env.env());
    }

    private static TerminalParams params(Invocation inv) {
        return inv.terminalParams(TerminalParams.builder().build());
    }

    private ExitStatus failure(String... args) {
        try {
            parse(args);
        } catch (UsageException e) {
            return e.status();
        }
        throw new AssertionError("no UsageException for " + List.of(args));
    }

    @Test
    void withoutModeANewSessionIsStartedOnThePositionalHost() {
        Invocation inv = parse("srv");
        assertThat(inv.mode()).isEqualTo(new Mode.NewSession(false));
        assertThat(inv.server()).contains("srv");
        assertThat(inv.graphics()).isTrue();
    }

    @Test
    void serverOptionEqualsPositionalHost() {
        assertThat(parse("--server", "srv", "-L").server()).contains("srv");
        assertThat(parse("--server", "srv", "srv", "-L").server()).contains("srv");
        assertThatThrownBy(() -> parse("--server", "a", "b", "-L")).isInstanceOf(UsageException.class)
                .hasMessageContaining("two servers");
    }

    @Test
    void eachModeOptionSelectsItsMode() {
        assertThat(parse("srv", "-L").mode()).isEqualTo(new Mode.ListSessions());
        assertThat(parse("srv", "--list-sessions").mode()).isEqualTo(new Mode.ListSessions());
        assertThat(parse("srv", "--list-desktops").mode()).isEqualTo(new Mode.ListDesktops());
        assertThat(parse("--list-profiles").mode()).isEqualTo(new Mode.ListProfiles());
        assertThat(parse("srv", "-N", "--try-resume").mode()).isEqualTo(new Mode.NewSession(true));
        assertThat(parse("srv", "-R", "s1").mode()).isEqualTo(new Mode.Resume("s1"));
        assertThat(parse("srv", "--resume", "s1").mode()).isEqualTo(new Mode.Resume("s1"));
        assertThat(parse("srv", "-S", "s1").mode()).isEqualTo(new Mode.Suspend("s1"));
        assertThat(parse("srv", "--suspend", "ALL").mode()).isEqualTo(new Mode.Suspend("ALL"));
        assertThat(parse("srv", "-T", "s1").mode()).isEqualTo(new Mode.Terminate("s1"));
        assertThat(parse("srv", "-D", "bob@50").mode()).isEqualTo(new Mode.ShareDesktop("bob@50"));
    }

    @Test
    void modesAreMutuallyExclusive() {
        assertThat(failure("srv", "-L", "-N")).isEqualTo(ExitStatus.USAGE);
        assertThatThrownBy(() -> parse("srv", "-S", "a", "-T", "b")).hasMessageContaining("mutually exclusive");
    }

    @Test
    void serverIsRequiredUnlessAProfileOrTheProfileListIsUsed() {
        assertThatThrownBy(() -> parse("-L")).isInstanceOf(UsageException.class)
                .hasMessage("argument --server (or --session-profile) is required");
        assertThat(parse("-P", "office", "-L").profile()).contains("office");
        assertThat(parse("--list-profiles").server()).isEmpty();
    }

    @Test
    void usernameAliases() {
        for (String opt : new String[] {"-l", "-u", "--username"}) {
            ConnectOptions c = parse("srv", "-L", opt, "alice").connectOptions(Optional.empty(), Optional.empty());
            assertThat(c.username()).as(opt).isEqualTo("alice");
        }
    }

    @Test
    void usernameDefaultsToUserVariable() {
        ConnectOptions c = parse(new TestEnv(home).var("USER", "carol"), "srv", "-L")
                .connectOptions(Optional.empty(), Optional.empty());
        assertThat(c.username()).isEqualTo("carol");
    }

    @Test
    void portAliasesAndDefault() {
        assertThat(parse("srv", "-L").connectOptions(Optional.empty(), Optional.empty()).port()).isEqualTo(22);
        for (String opt : new String[] {"-p", "--remote-ssh-port", "--port"}) {
            assertThat(parse("srv", "-L", opt, "2222").connectOptions(Optional.empty(), Optional.empty()).port())
                    .as(opt).isEqualTo(2222);
        }
        assertThat(failure("srv", "-L", "-p", "70000")).isEqualTo(ExitStatus.USAGE);
        assertThat(failure("srv", "-L", "-p", "22", "--port", "23")).isEqualTo(ExitStatus.USAGE);
    }

    @Test
    void connectTimeoutOptionSetsTheConnectTimeoutAndIsValidated() {
        assertThat(parse("srv", "-L").connectOptions(Optional.empty(), Optional.empty()).connectTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(20));
        assertThat(parse("srv", "-L", "--connect-timeout", "2.5").connectOptions(Optional.empty(), Optional.empty())
                .connectTimeout()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(parse("srv", "-L", "-i", key.toString(), "--connect-timeout", "1")
                .connectOptions(Optional.empty(), Optional.empty()).connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(1));
        for (String bad : new String[] {"0", "-1", "abc", "1e9", "3601", "1.0001", ""}) {
            assertThat(failure("srv", "-L", "--connect-timeout", bad)).as(bad).isEqualTo(ExitStatus.USAGE);
        }
    }

    @Test
    void privateKeyAliasesAreActuallyUsed() {
        for (String opt : new String[] {"-i", "-k", "--ssh-privkey", "--ssh-key"}) {
            ConnectOptions c = parse("srv", "-L", opt, key.toString()).connectOptions(Optional.empty(), Optional.empty());
            assertThat(c.privateKeys()).as(opt).containsExactly(key);
        }
    }

    private UsageException keyFailure(Path k) {
        try {
            parse("srv", "-L", "-i", k.toString());
        } catch (UsageException e) {
            return e;
        }
        throw new AssertionError("no UsageException for -i " + k);
    }

    @Test
    void keyThatIsADirectoryIsCalledADirectoryNotAMissingFile() throws IOException {
        Path dir = Files.createDirectories(home.resolve("keys"));
        UsageException e = keyFailure(dir);
        assertThat(e.status()).isEqualTo(ExitStatus.KEY_FILE_MISSING);
        assertThat(e.getMessage()).isEqualTo("SSH private key " + dir + " is a directory, not a key file")
                .doesNotContain("does not exist");
    }

    @Test
    void unreadableKeyIsCalledUnreadable() {
        // root reads every file whatever its mode, so readability is injected here; see also the next test
        assertThatThrownBy(() -> Invocation.checkKeyFile(key, p -> false)).isInstanceOf(UsageException.class)
                .hasMessage("SSH private key " + key + " file is not readable (check its permissions)")
                .extracting(e -> ((UsageException) e).status()).isEqualTo(ExitStatus.KEY_FILE_MISSING);
        Invocation.checkKeyFile(key, p -> true);
    }

    @Test
    void keyWithoutReadPermissionIsRefusedUnlessRoot() throws IOException {
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(key), "running as root: every file is readable");
        assertThat(keyFailure(key).getMessage()).contains("is not readable");
    }

    @Test
    void missingKeyFileIsPyhocaExitCode30() {
        assertThat(keyFailure(home.resolve("nope")).getMessage()).isEqualTo("SSH private key " + home.resolve("nope")
                + " file does not exist.");
        assertThat(failure("srv", "-L", "-i", home.resolve("nope").toString())).isEqualTo(ExitStatus.KEY_FILE_MISSING);
        assertThat(ExitStatus.KEY_FILE_MISSING.code()).isEqualTo(30);
    }

    @Test
    void withoutKeyOptionTheUsualKeysOfHomeAreOfferedAndTheAgentWhenThereIsOne() throws IOException {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Path ed = Files.writeString(ssh.resolve("id_ed25519"), "k");
        Path rsa = Files.writeString(ssh.resolve("id_rsa"), "k");
        ConnectOptions c = parse(new TestEnv(home).var("SSH_AUTH_SOCK", "/tmp/agent"), "srv", "-L")
                .connectOptions(Optional.empty(), Optional.empty());
        assertThat(c.privateKeys()).containsExactly(ed, rsa);
        assertThat(c.useAgent()).isTrue();
        assertThat(parse("srv", "-L").connectOptions(Optional.empty(), Optional.empty()).useAgent()).isFalse();
    }

    @Test
    void forcePasswordOffersNoKeysAndNoAgent() throws IOException {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "k");
        ConnectOptions c = parse(new TestEnv(home).var("SSH_AUTH_SOCK", "/tmp/agent"), "srv", "-L", "--force-password",
                "--password", "pw", "-i", key.toString()).connectOptions(Optional.empty(), Optional.empty());
        assertThat(c.privateKeys()).isEmpty();
        assertThat(c.useAgent()).isFalse();
        assertThat(c.password()).contains("pw");
    }

    @Test
    void hostKeysAreStrictUnlessAddToKnownHosts() {
        ConnectOptions strict = parse("srv", "-L").connectOptions(Optional.empty(), Optional.empty());
        assertThat(strict.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(strict.knownHosts()).isEqualTo(home.resolve(".ssh/known_hosts"));
        ConnectOptions tofu = parse("srv", "-L", "--add-to-known-hosts", "--known-hosts", "/tmp/kh")
                .connectOptions(Optional.empty(), Optional.empty());
        assertThat(tofu.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThat(tofu.knownHosts()).isEqualTo(Path.of("/tmp/kh"));
    }

    @Test
    void terminalDefaultsArePyhocas() {
        TerminalParams p = params(parse("srv"));
        assertThat(p.command()).isEqualTo("xterm");
        assertThat(p.geometry()).isEqualTo("800x600");
        assertThat(p.link()).isEqualTo(TerminalParams.Link.ADSL);
        assertThat(p.pack()).isEqualTo("16m-jpeg-9");
        assertThat(p.sessionType()).isEqualTo(SessionType.ROOTLESS);
        assertThat(p.setKeyboard()).isFalse();
        assertThat(p.sound()).isEqualTo(TerminalParams.SoundSystem.NONE);
    }

    @Test
    void nxOptionsReachTheTerminalParameters() {
        TerminalParams p = params(parse("srv", "-c", "XFCE", "-g", "1024x768", "-q", "lan", "-t", "desktop",
                "--pack", "64k-png", "-x", "--kbd-type", "pc105/de", "--kbd-layout", "DE", "--sound", "pulse"));
        assertThat(p.command()).isEqualTo("XFCE");
        assertThat(p.geometry()).isEqualTo("1024x768");
        assertThat(p.link()).isEqualTo(TerminalParams.Link.LAN);
        assertThat(p.sessionType()).isEqualTo(SessionType.DESKTOP);
        assertThat(p.pack()).isEqualTo("64k-png");
        assertThat(p.xinerama()).isTrue();
        assertThat(p.kbType()).isEqualTo("pc105/de");
        assertThat(p.kbLayout()).isEqualTo("de");
        assertThat(p.setKeyboard()).isTrue();
        assertThat(p.sound()).isEqualTo(TerminalParams.SoundSystem.PULSE);
        assertThat(params(parse("srv", "-t", "application")).sessionType()).isEqualTo(SessionType.ROOTLESS);
        assertThat(params(parse("srv", "--use-sound", "yes")).sound()).isEqualTo(TerminalParams.SoundSystem.PULSE);
        assertThat(params(parse("srv", "--use-sound", "no")).sound()).isEqualTo(TerminalParams.SoundSystem.NONE);
    }

    @Test
    void autoKeyboardLeavesTheServersKeyboard() {
        TerminalParams p = params(parse("srv", "--kbd-type", "auto", "--kbd-layout", "de"));
        assertThat(p.setKeyboard()).isFalse();
        assertThat(p.kbType()).isEqualTo("null/null");
        assertThat(p.kbLayout()).isEqualTo("null");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheValue() {
        assertThatThrownBy(() -> parse("srv", "-g", "huge")).isInstanceOf(UsageException.class).hasMessageContaining("huge");
        assertThatThrownBy(() -> parse("srv", "-q", "dsl")).hasMessageContaining("'dsl'");
        assertThatThrownBy(() -> parse("srv", "-t", "window")).hasMessageContaining("'window'");
        assertThatThrownBy(() -> parse("srv", "--sound", "alsa")).hasMessageContaining("'alsa'");
        assertThatThrownBy(() -> parse("srv", "--use-sound", "maybe")).hasMessageContaining("'maybe'");
        assertThatThrownBy(() -> parse("srv", "--auth-attempts", "three")).hasMessageContaining("'three'");
        assertThat(failure("srv", "-R", " ")).isEqualTo(ExitStatus.USAGE);
    }

    @Test
    void unknownPackIsPyhocaExitCode10() {
        assertThatThrownBy(() -> parse("srv", "--pack", "16m-jpeg")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown pack method '16m-jpeg'");
        assertThat(failure("srv", "--pack", "zip")).isEqualTo(ExitStatus.BAD_PACK);
        assertThat(ExitStatus.BAD_PACK.code()).isEqualTo(10);
    }

    @Test
    void backendOptionsBecomeBackendKeys() {
        var cfg = parse("srv", "-L", "--ssh-backend", "SSHJ", "--backend-controlsession", "PLAIN",
                "--backend-terminalsession", "PLAIN", "--backend-serversessioninfo", "PLAIN",
                "--backend-serversessionlist", "PLAIN", "--backend-proxy", "NX3", "--backend-sessionprofiles", "FILE",
                "--backend-clientsettings", "FILE", "--backend-clientprinting", "FILE").backendConfig();
        assertThat(cfg).containsEntry("x2go.backend.ssh", "SSHJ").containsEntry("x2go.backend.control", "PLAIN")
                .containsEntry("x2go.backend.terminal", "PLAIN").containsEntry("x2go.backend.info", "PLAIN")
                .containsEntry("x2go.backend.list", "PLAIN").containsEntry("x2go.backend.proxy", "NX3")
                .containsEntry("x2go.backend.profiles", "FILE").containsEntry("x2go.backend.settings", "FILE")
                .containsEntry("x2go.backend.printing", "FILE").hasSize(9);
        assertThat(parse("srv", "-L").backendConfig()).isEmpty();
    }

    @Test
    void brokersAreNotSupported() {
        assertThat(failure("-B", "https://broker", "-L")).isEqualTo(ExitStatus.NOT_SUPPORTED);
    }

    @Test
    void unsupportedButAcceptedOptionsWarn() {
        List<String> w = parse("srv", "-F", "/tmp,/home", "--printing", "-A", "--client-ssh-port", "22").warnings();
        // -F and --printing work now: only the option pyhoca-cli ignores too is warned about
        assertThat(w).hasSize(1);
        assertThat(String.join("\n", w)).contains("client-ssh-port")
                .doesNotContain("share-local-folders", "printing", "forward-sshagent");
        assertThat(parse("srv").warnings()).isEmpty();
    }

    @Test
    void noGraphicsAndListModesNeedNoProxy() {
        assertThat(parse("srv", "--no-graphics").graphics()).isFalse();
        assertThat(parse("srv", "-L").graphics()).isFalse();
        assertThat(parse("srv", "-R", "s").graphics()).isTrue();
    }

    @Test
    void fromStdinReadsUserHostCommandAndPassword() {
        Invocation inv = parse(new TestEnv(home).stdin("alice srv.example:2022 xfce secret words\n"), "--from-stdin");
        ConnectOptions c = inv.connectOptions(Optional.empty(), Optional.empty());
        assertThat(c.username()).isEqualTo("alice");
        assertThat(c.host()).isEqualTo("srv.example");
        assertThat(c.port()).isEqualTo(2022);
        assertThat(c.password()).contains("secret words");
        TerminalParams p = params(inv);
        assertThat(p.command()).isEqualTo("XFCE");
        assertThat(p.geometry()).isEqualTo("fullscreen");
        assertThatThrownBy(() -> parse(new TestEnv(home).stdin("alice\n"), "--from-stdin"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--from-stdin expects");
    }
}
