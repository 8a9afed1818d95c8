package org.x2go.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionList;
import org.x2go.cli.TestEnv;

/** The command without a server: help, version, usage errors and the checks made before connecting. */
class CliTest {
    @TempDir
    Path home;

    @Test
    void helpListsPyhocaOptionsAndTheAdditions() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("--help")).isZero();
        assertThat(t.out()).contains("Usage: x2go", "--list-sessions", "--remote-ssh-port", "--add-to-known-hosts",
                "--terminate-on-ctrl-c", "--backend-clientprinting", "--known-hosts", "--json", "--ssh-backend",
                "--no-graphics", "demo");
        assertThat(t.err()).isEmpty();
    }

    @Test
    void versionPrintsTheBuildVersion() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("-V")).isZero();
        assertThat(t.out()).startsWith("x2go (x2go-java) ").doesNotContain("${project.version}").contains("0.");
    }

    @Test
    void unknownOptionIsOneUsageLineAndExitCode2() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("--bogus", "srv")).isEqualTo(2);
        assertThat(t.err()).startsWith("x2go: error: Unknown option: '--bogus'").contains("x2go --help")
                .doesNotContain("\tat ");
        assertThat(t.out()).isEmpty();
    }

    @Test
    void keyDirectoryIsNamedAsADirectory() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("srv", "-L", "-i", home.toString())).isEqualTo(30);
        assertThat(t.err()).isEqualTo("x2go: error: SSH private key " + home + " is a directory, not a key file\n");
    }

    @Test
    void controlCharactersInABadArgumentAreMadeVisible() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("--bogus\u001b[2J", "srv")).isEqualTo(2);
        assertThat(t.err()).doesNotContain("\u001b").contains("--bogus\\x1b[2J");
    }

    @Test
    void missingOptionValueIsAUsageError() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("srv", "-R")).isEqualTo(2);
        assertThat(t.err()).contains("x2go: error:", "--resume");
    }

    @Test
    void missingServerIsAUsageError() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("-L")).isEqualTo(2);
        assertThat(t.err()).isEqualTo("x2go: error: argument --server (or --session-profile) is required\n");
    }

    @Test
    void desktopSharingIsRefusedClearly() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("srv", "-D", "bob@50")).isEqualTo(40);
        assertThat(t.err()).contains("desktop sharing (-D bob@50) is not supported yet");
    }

    @Test
    void attachingWithoutDisplayNeedsNoGraphicsAndDoesNotConnect() {
        TestEnv t = new TestEnv(home);
        // port 1 on loopback: if the command tried to connect, the error would be a connection error instead
        assertThat(t.run("127.0.0.1", "-p", "1", "-N")).isEqualTo(15);
        assertThat(t.err()).contains("DISPLAY is not set", "--no-graphics");
    }

    @Test
    void unsupportedOptionsWarnEvenWhenQuiet() {
        TestEnv t = new TestEnv(home);
        t.run("srv", "-D", "x", "--client-ssh-port", "22", "--quiet");
        assertThat(t.err()).contains("x2go: warning: --client-ssh-port is ignored");
    }

    @Test
    void resumeNewestAndOldestPickByCreationTime() {
        SessionList l = new SessionList(List.of(
                FormatsTest.session("u-51-1700000200_stRxterm_dp24", ServerSessionStatus.SUSPENDED, 51),
                FormatsTest.session("u-50-1700000100_stRxterm_dp24", ServerSessionStatus.SUSPENDED, 50),
                FormatsTest.session("u-52-1700000300_stRxclock_dp24", ServerSessionStatus.RUNNING, 52)), List.of());
        assertThat(CommandRunner.pickToResume(l, "NEWEST")).contains("u-52-1700000300_stRxclock_dp24");
        assertThat(CommandRunner.pickToResume(l, "OLDEST")).contains("u-50-1700000100_stRxterm_dp24");
        assertThat(CommandRunner.pickToResume(l, "u-51-1700000200_stRxterm_dp24")).contains("u-51-1700000200_stRxterm_dp24");
        assertThat(CommandRunner.pickToResume(l, "nope")).isEmpty();
        assertThat(CommandRunner.pickToResume(SessionList.EMPTY, "NEWEST")).isEmpty();
    }

    @Test
    void tryResumePrefersASuspendedSessionWithTheSameCommand() {
        SessionList l = new SessionList(List.of(
                FormatsTest.session("u-52-1700000300_stRxterm_dp24", ServerSessionStatus.RUNNING, 52),
                FormatsTest.session("u-51-1700000200_stRxclock_dp24", ServerSessionStatus.SUSPENDED, 51),
                FormatsTest.session("u-50-1700000100_stRxterm_dp24", ServerSessionStatus.SUSPENDED, 50)), List.of());
        assertThat(CommandRunner.resumable(l, "xterm")).contains("u-50-1700000100_stRxterm_dp24");
        assertThat(CommandRunner.resumable(l, "/usr/bin/xclock")).contains("u-51-1700000200_stRxclock_dp24");
        assertThat(CommandRunner.resumable(l, "xeyes")).isEmpty();
        SessionList runningOnly = new SessionList(List.of(
                FormatsTest.session("u-52-1700000300_stRxterm_dp24", ServerSessionStatus.RUNNING, 52)), List.of());
        assertThat(CommandRunner.resumable(runningOnly, "xterm")).contains("u-52-1700000300_stRxterm_dp24");
    }
}
