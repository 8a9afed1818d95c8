package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.x2go.api.AgentInfo;
import org.x2go.api.SessionType;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoDesktopSharingDeniedException;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.TerminalSession;

/** The PLAIN terminal session against a scripted server: command order and strings (TV-18..24). */
class PlainTerminalSessionTest {
    static final String AGENT = "56\n0123456789abcdef0123456789abcdef\n4242\n%s\n30001\n30002\n30003\n";
    static final String LISTED = "12345|alice-50-1700000000_stRTERMINAL_dp24|50|srv|S|d|cookie50|ip|30001|30002|d2|alice|0|30003";

    private ScriptedShell shell;
    /** How many commands the connect-time set-up sent. */
    private int setup;

    private ControlSession control(Function<String, CommandResult> extra) {
        Function<String, CommandResult> base = PlainControlSessionTest.server(
                PlainControlSessionTest.FEATURES, LISTED + "\n");
        shell = new ScriptedShell(c -> {
            CommandResult r = extra.apply(c);
            return r != null ? r : base.apply(c);
        });
        ControlSession cs = new PlainControlSessionProvider().create(shell, new PlainSessionListParser(),
                Duration.ofSeconds(5));
        setup = shell.inner.size();
        return cs;
    }

    private static Function<String, CommandResult> agentFor(String name) {
        return c -> c.contains("x2gostartagent") ? ScriptedShell.out(AGENT.formatted(name))
                : c.endsWith("&& echo OK") ? ScriptedShell.out("/usr/bin/xterm\nOK\n") : null;
    }

    @Test
    void startRunSuspendTerminateSendExactlyTheseCommands() {
        String name = "alice-56-1700000000_stRxterm_dp24";
        ControlSession cs = control(agentFor(name));
        TerminalParams p = TerminalParams.builder().command("xterm").build();
        TerminalSession ts = new PlainTerminalSessionProvider().start(cs, p);
        assertThat(ts.agent()).isEqualTo(new AgentInfo(56, "0123456789abcdef0123456789abcdef", 4242, name, 30001,
                30002, 30003, -1, -1));
        ts.runCommand();
        ts.suspend();
        assertThatThrownBy(ts::runCommand).isInstanceOf(X2GoTerminalSessionException.class)
                .hasMessageContaining("suspended");
        ts.terminate();
        ts.terminate();
        ts.close();
        assertThat(shell.inner.subList(setup, shell.inner.size())).containsExactly(
                "which xterm && echo OK",
                "X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24 null null/null 0 R xterm both",
                "setsid x2goruncommand 56 4242 " + name + " 30002 xterm none R 1>/dev/null 2>/dev/null & exit",
                "x2gosuspend-session " + name,
                "x2goterminate-session " + name);
    }

    @Test
    void tv19KeyboardIsSetAfterTheCommandAndPulseUsesTheRemoteContainer() {
        String name = "alice-51-1700000000_stRTERMINAL_dp24";
        ControlSession cs = control(agentFor(name));
        TerminalParams p = TerminalParams.builder().geometry("1024x768").link(TerminalParams.Link.LAN)
                .kbType("pc105/de").kbLayout("de").kbVariant("nodeadkeys").dpi(96).xinerama(true)
                .clipboard(TerminalParams.Clipboard.SERVER).command("TERMINAL").sound(TerminalParams.SoundSystem.PULSE)
                .build();
        TerminalSession ts = new PlainTerminalSessionProvider().start(cs, p);
        ts.runCommand();
        assertThat(shell.inner.subList(setup, shell.inner.size())).containsExactly(
                "X2GO_XINERAMA=true X2GODPI=96 x2gostartagent 1024x768 lan 16m-jpeg-9 unix-kde-depth_24 de pc105/de 1 R "
                        + "TERMINAL server",
                "PULSE_CLIENTCONFIG=/home/alice/.x2go/C-" + name + "/.pulse-client.conf setsid x2goruncommand 56 4242 "
                        + name + " 30002 TERMINAL pulse R 1>/dev/null 2>/dev/null & exit",
                "export DISPLAY=:56 &&  setxkbmap  -layout de -variant nodeadkeys");
    }

    @Test
    void tv23ShadowRunsNoCommand() {
        String name = "alice-57-1700000000_stS1XSHADbobXSHADPP51_dp24";
        ControlSession cs = control(agentFor(name));
        TerminalSession ts = new PlainTerminalSessionProvider().start(cs, TerminalParams.builder()
                .command("1XSHADbobXSHAD:51").sessionType(SessionType.SHADOW).build());
        int before = shell.inner.size();
        ts.runCommand();
        assertThat(shell.inner).hasSize(before);
    }

    @Test
    void shadowRefusalIsDesktopSharingDenied() {
        ControlSession cs = control(c -> c.contains("x2gostartagent") ? new CommandResult("", "ACCESS DENIED for bob\n", 0)
                : null);
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().start(cs, TerminalParams.builder()
                .command("1XSHADbobXSHAD:51").sessionType(SessionType.SHADOW).build()))
                .isInstanceOf(X2GoDesktopSharingDeniedException.class).hasMessageContaining("ACCESS DENIED");
    }

    @Test
    void missingCommandAndGarbageAnswersFailTheStart() {
        ControlSession cs = control(c -> c.endsWith("&& echo OK") ? ScriptedShell.out("") : null);
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().start(cs, TerminalParams.builder().command("nosuch").build()))
                .isInstanceOf(X2GoTerminalSessionException.class).hasMessageContaining("nosuch");
        ControlSession garbage = control(c -> c.contains("x2gostartagent")
                ? new CommandResult("", "Unable to find free display port\n", 0) : null);
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().start(garbage, TerminalParams.builder().command("TERMINAL").build()))
                .isInstanceOf(X2GoTerminalSessionException.class).hasMessageContaining("Unable to find free display port");
    }

    @Test
    void kdriveNeedsTheServerFeature() {
        ControlSession cs = control(c -> null);
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().start(cs, TerminalParams.builder().command("KDE")
                .sessionType(SessionType.KDRIVE).build())).isInstanceOf(X2GoTerminalSessionException.class)
                .hasMessageContaining("X2GOKDRIVE_BASE_SUPPORT");
    }

    @Test
    void tv24ResumeUsesTheReturnedPorts() {
        String name = "alice-50-1700000000_stRTERMINAL_dp24";
        ControlSession cs = control(c -> c.startsWith("x2goresume-session")
                ? new CommandResult("gr_port=40001\nsound_port=30002\nfs_port=40003\n",
                "Died at /usr/lib/x2go/x2gormport line 34.\n", 0) : null);
        TerminalParams p = TerminalParams.builder().geometry("maximize").link(TerminalParams.Link.WAN).pack("64k-png")
                .kbType("pc105/us").kbLayout("us").command("TERMINAL").build();
        TerminalSession ts = new PlainTerminalSessionProvider().resume(cs, name, p);
        assertThat(ts.agent()).isEqualTo(new AgentInfo(50, "cookie50", 12345, name, 40001, 30002, 40003, -1, -1));
        assertThat(shell.inner.subList(setup, shell.inner.size())).containsExactly(
                "export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }",
                "x2goresume-session " + name + " 1024x768 wan 64k-png us pc105/us 1 both False");
        ts.suspend();
        assertThat(shell.inner.get(shell.inner.size() - 1)).isEqualTo("x2gosuspend-session " + name);
    }

    @Test
    void resumeOfAnUnlistedSessionSendsNoResumeFixedQ29() {
        ControlSession cs = control(c -> null);
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().resume(cs, "gone-1-1_stRxterm_dp24",
                TerminalParams.builder().build())).isInstanceOf(X2GoTerminalSessionException.class)
                .hasMessageContaining("gone-1-1_stRxterm_dp24");
        assertThat(shell.inner).noneMatch(c -> c.startsWith("x2goresume-session"));
    }

    @Test
    void resumeOfATerminatedSessionFails() {
        ControlSession cs = control(c -> c.startsWith("x2goresume-session")
                ? new CommandResult("", "session alice-50-1700000000_stRTERMINAL_dp24 terminated\n", 3) : null);
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().resume(cs, "alice-50-1700000000_stRTERMINAL_dp24",
                TerminalParams.builder().build())).isInstanceOf(X2GoTerminalSessionException.class)
                .hasMessageContaining("terminated");
    }

    @Test
    void aSessionCanBeSuspendedOnlyOnceAndNotAfterClose() {
        String name = "alice-56-1700000000_stRxterm_dp24";
        TerminalSession ts = new PlainTerminalSessionProvider().start(control(agentFor(name)),
                TerminalParams.builder().command("xterm").build());
        ts.suspend();
        int sent = shell.inner.size();
        assertThatThrownBy(ts::suspend).isInstanceOf(X2GoTerminalSessionException.class)
                .hasMessageContaining("Cannot suspend session " + name + ": it is suspended");
        assertThat(shell.inner).hasSize(sent);
        TerminalSession other = new PlainTerminalSessionProvider().start(control(agentFor(name)),
                TerminalParams.builder().command("xterm").build());
        other.close();
        assertThatThrownBy(other::runCommand).hasMessageContaining("it is closed");
        other.terminate();
        assertThatThrownBy(other::suspend).hasMessageContaining("it is closed");
    }

    @Test
    void anEmptyCommandRunsTerminalOrPublished() {
        String name = "alice-56-1700000000_stRTERMINAL_dp24";
        ControlSession cs = control(agentFor(name));
        TerminalSession ts = new PlainTerminalSessionProvider().start(cs, TerminalParams.builder().command("")
                .sessionType(SessionType.ROOTLESS).build());
        ts.runCommand();
        assertThat(shell.inner.get(shell.inner.size() - 1)).contains(" 30002 TERMINAL none R ");
        String pub = "alice-57-1700000000_stPPUBLISHED_dp24";
        ControlSession cs2 = control(agentFor(pub));
        new org.x2go.backend.plain.internal.PlainTerminalSession(cs2, new AgentInfo(57, "c", 1, pub, 1, 2, 3, -1, -1),
                TerminalParams.builder().build(), new SessionTypeRules.Kind("P", "")).runCommand();
        assertThat(shell.inner.get(shell.inner.size() - 1)).contains(" 2 PUBLISHED none P ");
    }

    @Test
    void xdmcpAndShadowRunNoCommand() {
        String name = "alice-57-1700000000_stDXDMCP_dp24";
        ControlSession cs = control(agentFor(name));
        int before = shell.inner.size();
        new org.x2go.backend.plain.internal.PlainTerminalSession(cs, new AgentInfo(57, "c", 1, name, 1, 2, 3, -1, -1),
                TerminalParams.builder().build(), new SessionTypeRules.Kind("D", "XDMCP")).runCommand();
        new org.x2go.backend.plain.internal.PlainTerminalSession(cs, new AgentInfo(57, "c", 1, name, 1, 2, 3, -1, -1),
                TerminalParams.builder().build(), new SessionTypeRules.Kind("S", "xterm")).runCommand();
        assertThat(shell.inner).hasSize(before);
    }

    @Test
    void aQuietRunCommandLogsNothingAndAutoKeyboardIsNotSet() {
        String name = "alice-56-1700000000_stRxterm_dp24";
        ControlSession cs = control(agentFor(name));
        TerminalSession ts = new PlainTerminalSessionProvider().start(cs, TerminalParams.builder().command("xterm")
                .kbType("auto").kbLayout("de").build());
        try (CapturedStderr err = new CapturedStderr()) {
            ts.runCommand();
            assertThat(err.text()).isEmpty();
        }
        assertThat(shell.inner).noneMatch(c -> c.contains("setxkbmap"));
        TerminalSession kb = new PlainTerminalSessionProvider().start(cs, TerminalParams.builder().command("xterm")
                .kbType("pc105/de").kbLayout("de").build());
        try (CapturedStderr err = new CapturedStderr()) {
            kb.runCommand();
            assertThat(err.text()).isEmpty();
        }
        assertThat(shell.inner.get(shell.inner.size() - 1)).isEqualTo("export DISPLAY=:56 &&  setxkbmap  -layout de");
    }

    @Test
    void publishedApplicationsNeedTheServerFeature() {
        ControlSession cs = control(c -> c.equals("which x2gofeaturelist >/dev/null && x2gofeaturelist")
                ? ScriptedShell.out("X2GO_LIST_SHADOWSESSIONS\n") : null);
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().start(cs, TerminalParams.builder().command("")
                .sessionType(SessionType.PUBLISHED).build())).isInstanceOf(X2GoTerminalSessionException.class)
                .hasMessageContaining("X2GO_PUBLISHED_APPLICATIONS");
        String name = "alice-58-1700000000_stPPUBLISHED_dp24";
        ControlSession with = control(agentFor(name));
        assertThat(new PlainTerminalSessionProvider().start(with, TerminalParams.builder().command("")
                .sessionType(SessionType.PUBLISHED).build()).agent().sessionName()).isEqualTo(name);
    }

    @Test
    void anUnknownPackIsWarnedOnStartAndResumeAKnownOneIsNot() {
        String name = "alice-50-1700000000_stRTERMINAL_dp24";
        ControlSession cs = control(c -> c.startsWith("x2goresume-session") ? ScriptedShell.out("gr_port=40001\n")
                : agentFor(name).apply(c));
        try (CapturedStderr err = new CapturedStderr()) {
            new PlainTerminalSessionProvider().start(cs, TerminalParams.builder().command("TERMINAL").build());
            new PlainTerminalSessionProvider().resume(cs, name, TerminalParams.builder().build());
            assertThat(err.text()).doesNotContain("Pack method");
        }
        try (CapturedStderr err = new CapturedStderr()) {
            new PlainTerminalSessionProvider().start(cs, TerminalParams.builder().command("TERMINAL").pack("bogus").build());
            assertThat(err.text()).contains("Pack method 'bogus' is not one of the NX methods");
        }
        try (CapturedStderr err = new CapturedStderr()) {
            new PlainTerminalSessionProvider().resume(cs, name, TerminalParams.builder().pack("bogus2").build());
            assertThat(err.text()).contains("Pack method 'bogus2' is not one of the NX methods");
        }
    }

    @Test
    void aResumedShadowSessionRunsNoCommand() {
        String name = "alice-50-1700000000_stS1XSHADbobXSHADPP51_dp24";
        ControlSession cs = control(c -> c.startsWith("export HOSTNAME && {")
                ? ScriptedShell.out(LISTED.replace("alice-50-1700000000_stRTERMINAL_dp24", name) + "\n")
                : c.startsWith("x2goresume-session") ? ScriptedShell.out("gr_port=40001\n") : null);
        TerminalSession ts = new PlainTerminalSessionProvider().resume(cs, name, TerminalParams.builder()
                .sessionType(SessionType.ROOTLESS).command("xterm").build());
        int before = shell.inner.size();
        ts.runCommand();
        assertThat(shell.inner).hasSize(before);
    }

    @Test
    void aResumedSessionRunsWithTheTypeOfItsNameAndTheListedFacts() {
        String name = "alice-50-1700000000_stDTERMINAL_dp24";
        ControlSession cs = control(c -> c.startsWith("export HOSTNAME && {")
                ? ScriptedShell.out(LISTED.replace("stRTERMINAL", "stDTERMINAL") + "|7|8\n")
                : c.startsWith("x2goresume-session") ? ScriptedShell.out("gr_port=40001\n") : null);
        TerminalSession ts = new PlainTerminalSessionProvider().resume(cs, name, TerminalParams.builder()
                .sessionType(SessionType.ROOTLESS).command("TERMINAL").build());
        assertThat(ts.agent()).isEqualTo(new AgentInfo(50, "cookie50", 12345, name, 40001, 30002, 30003, 7, 8));
        ts.runCommand();
        assertThat(shell.inner.get(shell.inner.size() - 1)).contains(" TERMINAL none D ");
        String odd = "oddname";
        ControlSession cs2 = control(c -> c.startsWith("export HOSTNAME && {")
                ? ScriptedShell.out(LISTED.replace("alice-50-1700000000_stRTERMINAL_dp24", odd) + "\n")
                : c.startsWith("x2goresume-session") ? ScriptedShell.out("gr_port=40001\ntekictrl_port=9\n"
                + "tekidata_port=10\n") : null);
        TerminalSession ts2 = new PlainTerminalSessionProvider().resume(cs2, odd, TerminalParams.builder()
                .sessionType(SessionType.ROOTLESS).command("TERMINAL").build());
        assertThat(ts2.agent().tekiCtrlPort()).isEqualTo(9);
        assertThat(ts2.agent().tekiDataPort()).isEqualTo(10);
        ts2.runCommand();
        assertThat(shell.inner.get(shell.inner.size() - 1)).contains(" TERMINAL none R ");
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().resume(cs2, " ", TerminalParams.builder().build()))
                .hasMessageContaining("no session name");
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().resume(cs2, null, TerminalParams.builder().build()))
                .hasMessageContaining("no session name");
    }
}
