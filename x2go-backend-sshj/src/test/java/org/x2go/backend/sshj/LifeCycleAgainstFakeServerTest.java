package org.x2go.backend.sshj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.AgentInfo;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.backend.plain.JschTransport;
import org.x2go.backend.plain.PlainControlSessionProvider;
import org.x2go.backend.plain.PlainSessionListParser;
import org.x2go.backend.plain.PlainTerminalSessionProvider;
import org.x2go.spi.ControlSession;
import org.x2go.spi.PortForward;
import org.x2go.spi.SshTransport;
import org.x2go.spi.TerminalSession;
import org.x2go.testkit.FakeX2GoServer;
import org.x2go.testkit.FakeSession;

/**
 * The PLAIN control and terminal backends through both transports against the in-process fake X2Go
 * server: connect, list, start, attach a "proxy", run, suspend, resume, terminate, with the exact
 * command strings the server received.
 */
class LifeCycleAgainstFakeServerTest {
    private static final Duration STEP = Duration.ofSeconds(10);

    private FakeX2GoServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    static Stream<Arguments> transports() {
        return Stream.of(Arguments.of("JSCH", new JschTransport()), Arguments.of("SSHJ", new SshjTransport()));
    }

    @BeforeEach
    void start() {
        server = FakeX2GoServer.builder().build().start();
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
        server.close();
    }

    private ControlSession connect(SshTransport transport) {
        ControlSession cs = new PlainControlSessionProvider().create(transport.connect(server.connectOptions().build()),
                new PlainSessionListParser(), STEP);
        toClose.add(cs);
        return cs;
    }

    /** The inner commands the server received, recovered from our frame. */
    private List<String> innerCommands() {
        List<String> out = new ArrayList<>();
        for (String framed : server.receivedCommands()) {
            String head = " sh -c '";
            int a = framed.indexOf(head);
            int b = framed.lastIndexOf("'; echo X2GODATAEND:");
            assertThat(framed).startsWith("echo X2GODATABEGIN:").contains("PATH=/usr/local/bin:/usr/bin:/bin sh -c '");
            out.add(framed.substring(a + head.length(), b).replace("'\\''", "'"));
        }
        return out;
    }

    private void attachProxy(ControlSession cs, AgentInfo agent) throws Exception {
        PortForward fwd = cs.shell().forwardLocal(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", agent.graphicsPort());
        toClose.add(fwd);
        Socket s = new Socket("127.0.0.1", fwd.localAddress().getPort());
        toClose.add(s);
        OutputStream out = s.getOutputStream();
        out.write(("NXPROXY-3.5.0-3.5.99 cookie=" + agent.cookie() + ",stream=default,data=default ")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        server.sessions().awaitProxyAttached(agent.sessionName(), STEP);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void fullLifeCycleSendsExactlyTheseCommands(String label, SshTransport transport) throws Exception {
        ControlSession cs = connect(transport);
        assertThat(cs.listSessions()).isEqualTo(SessionList.EMPTY);

        TerminalParams params = TerminalParams.builder().command("xterm").build();
        TerminalSession ts = new PlainTerminalSessionProvider().start(cs, params);
        toClose.add(ts);
        AgentInfo agent = ts.agent();
        String name = agent.sessionName();
        assertThat(name).contains("_stRxterm_dp24");
        attachProxy(cs, agent);
        ts.runCommand();
        FakeSession fs = server.sessions().await(name, f -> f.runCommand().isPresent(), STEP);
        assertThat(fs.runCommand()).contains("xterm");
        assertThat(fs.startCommand()).isEqualTo("xterm");

        SessionInfo listed = cs.listSessions().byName(name).orElseThrow();
        assertThat(listed.status()).isEqualTo(ServerSessionStatus.RUNNING);
        assertThat(listed.graphicsPort()).isEqualTo(agent.graphicsPort());
        assertThat(listed.cookie()).isEqualTo(agent.cookie());

        ts.suspend();
        assertThat(cs.listSessions().byName(name).orElseThrow().status()).isEqualTo(ServerSessionStatus.SUSPENDED);

        TerminalSession resumed = new PlainTerminalSessionProvider().resume(cs, name, params);
        toClose.add(resumed);
        FakeSession afterResume = server.sessions().get(name);
        assertThat(resumed.agent().graphicsPort()).isEqualTo(afterResume.graphicsPort());
        assertThat(resumed.agent().cookie()).isEqualTo(agent.cookie());
        assertThat(cs.listSessions().byName(name).orElseThrow().status()).isEqualTo(ServerSessionStatus.RUNNING);

        resumed.terminate();
        assertThat(cs.listSessions().byName(name)).isEmpty();
        assertThatThrownBy(() -> new PlainTerminalSessionProvider().resume(cs, name, params))
                .isInstanceOf(X2GoTerminalSessionException.class);

        String list = "export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }";
        assertThat(innerCommands()).containsExactly(
                // connect's set-up (home, its check, the features) is one command
                org.x2go.backend.plain.X2GoCommands.connectSetup(),
                list,
                "which xterm && echo OK",
                "X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24 null null/null 0 R xterm both",
                "setsid x2goruncommand " + agent.display() + " " + agent.agentPid() + " " + name + " "
                        + agent.soundPort() + " xterm none R 1>/dev/null 2>/dev/null & exit",
                list,
                "x2gosuspend-session " + name,
                list,
                list,
                "x2goresume-session " + name + " 800x600 adsl 16m-jpeg-9 null null/null 0 both False",
                list,
                "x2goterminate-session " + name,
                list,
                list);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void commandWithSpacesAndSlashesReachesTheServerWhole(String label, SshTransport transport) throws Exception {
        ControlSession cs = connect(transport);
        TerminalSession ts = new PlainTerminalSessionProvider().start(cs,
                TerminalParams.builder().command("xterm -hold -e ls -la /etc/x2go").build());
        toClose.add(ts);
        attachProxy(cs, ts.agent());
        ts.runCommand();
        FakeSession fs = server.sessions().await(ts.sessionName(), f -> f.runCommand().isPresent(), STEP);
        assertThat(fs.runCommand()).contains("xterm -hold -e ls -la /etc/x2go");
        assertThat(fs.startCommand()).isEqualTo("xterm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void noiseCrlfLocaleWarningsAndMalformedLinesNeverReachTheCaller(String label, SshTransport transport) {
        server.behaviour().noiseBeforeOutput("NOISE-FROM-BASHRC\n").crlfLineEndings(true).localeWarningInSessionList()
                .malformedLineInSessionList();
        ControlSession cs = connect(transport);
        assertThat(cs.features()).contains("X2GO_LIST_SHADOWSESSIONS").allMatch(f -> !f.contains("NOISE"));
        server.sessions().startExternally('R', "xclock");
        SessionList l = cs.listSessions();
        assertThat(l.size()).isEqualTo(1);
        assertThat(l.sessions().get(0).name()).contains("_stRxclock_");
        assertThat(l.skippedLines()).isNotEmpty().noneMatch(s -> s.startsWith("perl"));
    }
}
