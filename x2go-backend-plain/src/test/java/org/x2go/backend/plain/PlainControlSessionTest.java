package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoRemoteHomeException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;

/** The PLAIN control session against a scripted shell (TV-13..16). */
class PlainControlSessionTest {
    static final String FEATURES = "X2GO_PUBLISHED_APPLICATIONS\nX2GO_LIST_SHADOWSESSIONS\n";

    static Function<String, CommandResult> server(String features, String list) {
        return c -> switch (c) {
            case "which x2gofeaturelist >/dev/null && x2gofeaturelist" -> ScriptedShell.out(features);
            case "echo $HOME" -> ScriptedShell.out("/home/alice\n");
            case "stat -tL /home/alice" -> ScriptedShell.out("/home/alice 4096 8 41ed 1001 1001 fe00 1474565 4 0 0\n");
            case "which x2goversion >/dev/null && x2goversion" -> ScriptedShell.out("x2goserver: 4.1.0.3\nbad\n");
            case "export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }",
                 "export HOSTNAME && x2golistsessions" -> ScriptedShell.out(list);
            case "export HOSTNAME && x2golistdesktops" -> ScriptedShell.out("alice@:50\nbob@:51.0\n");
            case "which x2gogetapps >/dev/null && x2gogetapps" ->
                    ScriptedShell.out("<desktop>\nName=XTerm\nExec=xterm\n</desktop>\n");
            case "echo" -> ScriptedShell.out("\n");
            default -> c.startsWith("export HOSTNAME && x2golistmounts ")
                    ? ScriptedShell.out("n|_home_alice_Documents|localhost\n\n") : ScriptedShell.out("");
        };
    }

    /** A server that answers the combined set-up with {@code setup}, and everything else as {@link #server}. */
    static Function<String, CommandResult> modern(String setup) {
        return c -> c.equals(X2GoCommands.connectSetup()) ? ScriptedShell.out(setup) : server(FEATURES, "").apply(c);
    }

    static String setupAnswer(String home, String stat, int status, String features) {
        return "X2GOSETUP:HOME\n" + home + "\nX2GOSETUP:STAT\n" + stat + "X2GOSETUP:STATUS " + status
                + "\nX2GOSETUP:FEATURES\n" + features + "X2GOSETUP:END\n";
    }

    private static ControlSession connect(ScriptedShell shell) {
        return new PlainControlSessionProvider().create(shell, new PlainSessionListParser(), Duration.ofSeconds(5));
    }

    @Test
    void connectSetsUpInOneCommandWhenTheServerAnswersIt() {
        ScriptedShell shell = new ScriptedShell(modern(setupAnswer("/home/alice",
                "/home/alice 4096 8 41ed 1001 1001 fe00 1474565 4 0 0\n", 0, FEATURES)));
        ControlSession cs = connect(shell);
        assertThat(shell.inner).containsExactly(X2GoCommands.connectSetup());
        assertThat(cs.features()).containsExactly("X2GO_LIST_SHADOWSESSIONS", "X2GO_PUBLISHED_APPLICATIONS");
        assertThat(cs.remoteHome()).isEqualTo("/home/alice");
        assertThat(shell.inner).hasSize(1); // cached
    }

    @Test
    void theOneCommandSetUpReportsAMissingHomeWithWhatStatSaid() {
        ScriptedShell shell = new ScriptedShell(modern(setupAnswer("/home/alice",
                "stat: cannot statx '/home/alice': No such file or directory\n", 1, FEATURES)));
        assertThatThrownBy(() -> connect(shell)).isInstanceOf(X2GoRemoteHomeException.class)
                .hasMessageContaining("/home/alice of alice@127.0.0.1 does not exist: stat: cannot statx");
        assertThat(shell.isConnected()).isFalse();
        assertThat(shell.inner).hasSize(1);
    }

    @Test
    void theOneCommandSetUpReportsAnEmptyHome() {
        ScriptedShell shell = new ScriptedShell(modern(setupAnswer("", "stat: cannot stat ''\n", 1, FEATURES)));
        assertThatThrownBy(() -> connect(shell)).isInstanceOf(X2GoRemoteHomeException.class)
                .hasMessageContaining("no home directory for alice@127.0.0.1:2222");
        assertThat(shell.inner).hasSize(1);
    }

    @Test
    void aServerThatDoesNotAnswerTheOneCommandSetUpGetsTheSeparateCommands() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        assertThat(shell.inner).containsExactly(X2GoCommands.connectSetup(),
                "which x2gofeaturelist >/dev/null && x2gofeaturelist", "echo $HOME", "stat -tL /home/alice");
        assertThat(cs.features()).containsExactly("X2GO_LIST_SHADOWSESSIONS", "X2GO_PUBLISHED_APPLICATIONS");
        assertThat(cs.remoteHome()).isEqualTo("/home/alice");
        assertThat(shell.inner).hasSize(4); // cached
    }

    @Test
    void aHalfUnderstoodSetUpAnswerIsNotUsed() {
        // the status line is garbled: nothing of this answer is trusted, not even the features before it
        ScriptedShell shell = new ScriptedShell(modern(setupAnswer("/elsewhere", "", 0, "X2GO_FMBINDINGS\n")
                .replace("STATUS 0", "STATUS zero")));
        ControlSession cs = connect(shell);
        assertThat(shell.inner).hasSize(4);
        assertThat(cs.remoteHome()).isEqualTo("/home/alice");
        assertThat(cs.features()).contains("X2GO_PUBLISHED_APPLICATIONS");
    }

    @Test
    void missingHomeFailsTheConnectAndClosesTheShell() {
        ScriptedShell shell = new ScriptedShell(c -> c.startsWith("stat") ? new CommandResult("", "stat: cannot statx", 1)
                : server(FEATURES, "").apply(c));
        assertThatThrownBy(() -> connect(shell)).isInstanceOf(X2GoRemoteHomeException.class)
                .hasMessageContaining("/home/alice");
        assertThat(shell.isConnected()).isFalse();
    }

    @Test
    void tv14ListWithAndWithoutShadowFeature() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ParsersTest.TV1 + "\n" + ParsersTest.TV2 + "\n"));
        SessionList l = connect(shell).listSessions();
        assertThat(l.size()).isEqualTo(2);
        assertThat(shell.inner.get(shell.inner.size() - 1))
                .isEqualTo("export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }");
        ScriptedShell plain = new ScriptedShell(server("X2GO_FMBINDINGS\n", ""));
        assertThat(connect(plain).listSessions()).isEqualTo(SessionList.EMPTY);
        assertThat(plain.inner.get(plain.inner.size() - 1)).isEqualTo("export HOSTNAME && x2golistsessions");
    }

    @Test
    void tv14DesktopsMountsSuspendTerminate() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        assertThat(cs.listDesktops()).containsExactly("alice@:50", "bob@:51.0");
        assertThat(cs.listMounts("n")).containsExactly("n|_home_alice_Documents|localhost");
        cs.suspend("alice-50-1700000000_stDKDE_dp24");
        cs.terminate("alice-50-1700000000_stDKDE_dp24");
        assertThat(shell.inner.subList(4, shell.inner.size())).containsExactly("export HOSTNAME && x2golistdesktops",
                "export HOSTNAME && x2golistmounts n", "x2gosuspend-session alice-50-1700000000_stDKDE_dp24",
                "x2goterminate-session alice-50-1700000000_stDKDE_dp24");
    }

    @Test
    void versionsAndPublishedApplications() {
        ControlSession cs = connect(new ScriptedShell(server(FEATURES, "")));
        assertThat(cs.versions()).isEqualTo(Map.of("x2goserver", "4.1.0.3"));
        assertThat(cs.publishedApplications()).extracting(a -> a.exec()).containsExactly("xterm");
        ControlSession without = connect(new ScriptedShell(server("", "")));
        assertThat(without.publishedApplications()).isEmpty();
    }

    @Test
    void eachCommandGetsAFreshMarkerId() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        cs.run("echo");
        cs.run("echo");
        List<String> ids = shell.framed.stream().map(f -> ScriptedShell.decode(f)[0]).distinct().toList();
        assertThat(ids).hasSize(shell.framed.size());
    }

    @Test
    void tv16DeadSessionSendsNothingAndIsNotAliveFixedQ24() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        assertThat(cs.isAlive()).isTrue();
        shell.failNext = new X2GoControlSessionException("connection reset");
        assertThatThrownBy(() -> cs.run("echo")).isInstanceOf(X2GoControlSessionException.class);
        int sent = shell.framed.size();
        assertThatThrownBy(() -> cs.listSessions()).isInstanceOf(X2GoControlSessionException.class)
                .hasMessageContaining("dead");
        assertThat(shell.framed).hasSize(sent);
        assertThat(cs.isAlive()).isFalse();
    }

    @Test
    void aCommandTimeoutOnALiveConnectionSurfacesAsTheTimeoutTypeAndFailsOnlyThatCommand() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        shell.failNext = new X2GoTimeOutException("slow");
        assertThatThrownBy(() -> cs.run("sleep 30")).isInstanceOf(X2GoTimeOutException.class)
                .hasCauseInstanceOf(X2GoTimeOutException.class).hasMessageContaining("sleep 30")
                .hasMessageContaining("timed out after 5000 ms");
        assertThat(cs.isAlive()).isTrue();
    }

    @Test
    void closedSessionRefusesCommands() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        cs.close();
        cs.close();
        assertThat(shell.isConnected()).isFalse();
        assertThat(cs.isAlive()).isFalse();
        assertThatThrownBy(() -> cs.run("echo")).isInstanceOf(X2GoControlSessionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aTimeoutThatLostTheConnectionMarksTheSessionDeadWithThatCause() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        shell.failNext = new X2GoTimeOutException("slow");
        shell.connected = false;
        assertThatThrownBy(() -> cs.run("sleep 30")).isInstanceOf(X2GoTimeOutException.class)
                .hasMessageContaining("timed out after 5000 ms on alice@127.0.0.1:2222");
        shell.connected = true;
        assertThatThrownBy(() -> cs.run("echo")).isInstanceOf(X2GoControlSessionException.class)
                .hasMessageContaining("is dead (timed out and disconnected)").hasMessageContaining("not sent: echo");
        assertThat(cs.isAlive()).isFalse();
    }

    @Test
    void theFirstCauseOfDeathIsKept() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        shell.failNext = new X2GoControlSessionException("first failure");
        assertThatThrownBy(() -> cs.run("echo")).hasMessageContaining("first failure");
        assertThatThrownBy(() -> cs.run("echo")).hasMessageContaining("Control session to alice@127.0.0.1:2222 is dead "
                + "(first failure)");
        shell.failNext = new X2GoControlSessionException(null);
        assertThat(cs.isAlive()).isFalse();
        assertThatThrownBy(() -> cs.run("echo")).hasMessageContaining("(first failure)");
    }

    @Test
    void aFailureWithoutMessageIsConnectionFailed() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        shell.failNext = new X2GoControlSessionException(null);
        assertThatThrownBy(() -> cs.run("echo")).isInstanceOf(X2GoControlSessionException.class);
        assertThatThrownBy(() -> cs.run("echo")).hasMessageContaining("is dead (connection failed)");
    }

    @Test
    void aFailingLivenessProbeOnAConnectedShellIsNotAlive() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        ControlSession cs = connect(shell);
        shell.failNext = new X2GoTimeOutException("probe too slow");
        assertThat(cs.isAlive()).isFalse();
        assertThat(cs.isAlive()).isTrue(); // only timed out: still usable
        shell.connected = false;
        int sent = shell.framed.size();
        assertThat(cs.isAlive()).isFalse();
        assertThat(shell.framed).hasSize(sent);
    }

    @Test
    void anEmptyHomeIsAnError() {
        ScriptedShell shell = new ScriptedShell(c -> c.equals("echo $HOME") ? ScriptedShell.out("\n")
                : server(FEATURES, "").apply(c));
        assertThatThrownBy(() -> connect(shell)).isInstanceOf(X2GoRemoteHomeException.class)
                .hasMessageContaining("no home directory for alice@127.0.0.1:2222");
    }

    @Test
    void quietSuspendAndTerminateLogNothingAndServerComplaintsAreWarned() {
        ScriptedShell shell = new ScriptedShell(c -> c.startsWith("x2goterminate-session")
                ? new CommandResult("", "no such session\n", 1) : server(FEATURES, "").apply(c));
        ControlSession cs = connect(shell);
        try (CapturedStderr err = new CapturedStderr()) {
            cs.suspend("s-1");
            assertThat(err.text()).isEmpty();
            cs.terminate("s-1");
            assertThat(err.text()).contains("WARN").contains("terminate of s-1: server said no such session");
        }
        assertThat(shell.inner).contains("x2gosuspend-session s-1", "x2goterminate-session s-1");
    }

    @Test
    void shellIsTheConnection() {
        ScriptedShell shell = new ScriptedShell(server(FEATURES, ""));
        assertThat(connect(shell).shell()).isSameAs(shell);
    }
}
