package org.x2go.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.ServerSessionStatus;
import org.x2go.spi.CommandResult;

/** The fake's X2Go commands against the raw outputs of real-server README §4. */
class X2GoCommandsTest {
    private static final Instant T0 = Instant.parse("2026-11-21T23:19:41Z");
    private static final Duration T = Duration.ofSeconds(10);
    private static final String START = "X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24"
            + " null null/null 0 R xterm both";

    private FakeX2GoServer server;
    private MinaClient client;

    @BeforeEach
    void start() throws Exception {
        server = FakeX2GoServer.builder().user("x2gotest").hostname("vm")
                .clock(Clock.fixed(T0, ZoneOffset.UTC)).build().start();
        client = new MinaClient(server);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static String wrap(String id, String cmd) {
        return "echo X2GODATABEGIN:" + id + "; PATH=/usr/local/bin:/usr/bin:/bin sh -c \"" + cmd
                + "\"; echo X2GODATAEND:" + id;
    }

    private CommandResult exec(String cmd) throws Exception {
        return client.exec(cmd);
    }

    @Test
    void wrappedFeatureListMatchesTheRealServerByteForByte() throws Exception {
        String id = "2af36e72-e604-11f1-8202-02fc00000001";
        CommandResult r = exec(wrap(id, "which x2gofeaturelist >/dev/null && x2gofeaturelist"));
        assertThat(r.stdout()).isEqualTo("X2GODATABEGIN:" + id + "\nX2GO_RUN_EXTENSIONS\nX2GO_FMBINDINGS\n"
                + "X2GO_PRINTING\nX2GOAGENT_RANDRXINERAMA\nX2GO_XSESSION\nX2GO_LIST_DESKTOPS\nX2GO_MOUNTDIRS\n"
                + "X2GO_UMOUNTSESSION_ALL\nX2GO_UMOUNTSESSION_ONLYPATH\nX2GO_PUBLISHED_APPLICATIONS\n"
                + "X2GO_SERVERSIDE_DESKTOPCOMMANDS\nX2GO_SET_KEYBOARD\nX2GO_LIST_SHADOWSESSIONS\nX2GO_MOUNT_UNCPATHS\n"
                + "X2GO_CLIPBOARD_MODES\nX2GODATAEND:" + id + "\n");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitStatus()).isZero();
        assertThat(server.receivedCommands()).containsExactly(wrap(id, "which x2gofeaturelist >/dev/null && x2gofeaturelist"));
    }

    @Test
    void staticQueries() throws Exception {
        assertThat(exec("x2goversion").stdout()).hasSize(199).startsWith("x2goserver: 4.1.0.3\n");
        assertThat(exec("x2gogetapps").stdout().getBytes(StandardCharsets.UTF_8)).hasSize(4489);
        assertThat(exec(wrap("a", "echo $HOME")).stdout()).isEqualTo("X2GODATABEGIN:a\n/home/x2gotest\nX2GODATAEND:a\n");
        assertThat(exec(wrap("b", "stat -tL \"/home/x2gotest\"")).stdout())
                .matches("X2GODATABEGIN:b\n/home/x2gotest 4096 8 41ed 1001 1001 fe00 \\d+ 4 0 0 \\d+ \\d+ \\d+ \\d+ 4096\n"
                        + "X2GODATAEND:b\n");
        assertThat(exec(wrap("c", "which xterm && echo OK")).stdout())
                .isEqualTo("X2GODATABEGIN:c\n/usr/bin/xterm\nOK\nX2GODATAEND:c\n");
        assertThat(exec("x2gofeature X2GO_LIST_SHADOWSESSIONS")).isEqualTo(new CommandResult("ok\n", "", 0));
        assertThat(exec("x2gofeature NO_SUCH_FEATURE")).isEqualTo(new CommandResult("not available\n", "", 255));
        assertThat(exec("x2golistsessions")).isEqualTo(new CommandResult("", "", 0));
        assertThat(exec("x2golistmounts")).isEqualTo(new CommandResult("",
                "no valid session name that we can use at /usr/bin/x2golistmounts line 31.\n", 255));
    }

    @Test
    void startAgentAnswersSevenLinesAndListsTheSession() throws Exception {
        CommandResult r = exec(START);
        String[] lines = r.stdout().split("\n", -1);
        assertThat(lines).hasSize(8);
        assertThat(lines[0]).isEqualTo("50");
        assertThat(lines[1]).matches("[0-9a-f]{32}");
        assertThat(lines[3]).isEqualTo("x2gotest-50-1795303181_stRxterm_dp24");
        int gr = Integer.parseInt(lines[4]);
        assertThat(Integer.parseInt(lines[5])).isEqualTo(gr + 1);
        assertThat(Integer.parseInt(lines[6])).isEqualTo(gr + 2);
        assertThat(r.stderr()).isEmpty();

        String list = exec("export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }").stdout();
        assertThat(list).isEqualTo(lines[2] + "|x2gotest-50-1795303181_stRxterm_dp24|50|vm|R|2026-11-21T23:19:41|"
                + lines[1] + "|127.0.0.1|" + gr + "|" + (gr + 1) + "|2026-11-21T23:19:41|x2gotest|0|" + (gr + 2)
                + "|-1|-1\n");
        assertThat(list.split("\\|")).hasSize(16);
        assertThat(Files.readString(server.localPath("~/.x2go/C-x2gotest-50-1795303181_stRxterm_dp24/state")))
                .isEqualTo("STARTING");

        String second = exec("X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_16 null"
                + " null/null 0 D KDE both").stdout();
        assertThat(second).startsWith("51\n").contains("\nx2gotest-51-1795303181_stDKDE_dp16\n");
    }

    @Test
    void sessionNameDropsCharactersOutsideTheAllowedSet() throws Exception {
        String out = exec("x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24 null null/null 0 S "
                + "1XSHADbobXSHAD:51").stdout();
        assertThat(out.split("\n")[3]).isEqualTo("x2gotest-50-1795303181_stS1XSHADbobXSHADPP51_dp24");
    }

    @Test
    void proxyAttachSuspendResumeTerminateLifeCycle() throws Exception {
        String[] start = exec(START).stdout().split("\n");
        String name = start[3];
        int gr = Integer.parseInt(start[4]);
        try (Socket proxy = new Socket("127.0.0.1", gr)) {
            OutputStream out = proxy.getOutputStream();
            out.write(("NXPROXY-3.5.0-3.5.99 cookie=" + start[1] + ",stream=default,data=default ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            FakeSession running = server.sessions().awaitAgentState(name, AgentState.RUNNING, T);
            assertThat(running.proxyAttachments()).isEqualTo(1);
            server.sessions().await(name, s -> s.lastProxyHandshake().isPresent(), T);
            assertThat(server.sessions().get(name).lastProxyHandshake()).contains(
                    "NXPROXY-3.5.0-3.5.99 cookie=" + start[1] + ",stream=default,data=default");

            assertThat(exec("setsid x2goruncommand 50 " + start[2] + " " + name + " " + start[5]
                    + " \"xterm\" none R 1>/dev/null 2>/dev/null & exit")).isEqualTo(new CommandResult("", "", 0));
            assertThat(server.sessions().get(name).runCommand()).contains("xterm");

            assertThat(exec("x2gosuspend-session " + name)).isEqualTo(new CommandResult("", "", 0));
            FakeSession suspended = server.sessions().get(name);
            assertThat(suspended.status()).isEqualTo(ServerSessionStatus.SUSPENDED);
            assertThat(suspended.agentState()).isEqualTo(AgentState.SUSPENDED);
            proxy.setSoTimeout(10_000);
            InputStream in = proxy.getInputStream();
            assertThat(in.read()).as("the agent closes the proxy connection on suspend").isEqualTo(-1);
        }
        assertThat(exec("x2golistsessions").stdout()).contains("|S|");

        CommandResult resumed = exec("x2goresume-session " + name + " 800x600 adsl 16m-jpeg-9 null null/null 0 both False");
        assertThat(resumed.stdout()).isEqualTo("gr_port=" + gr + "\nsound_port=" + (gr + 1) + "\nfs_port=" + (gr + 2) + "\n");
        assertThat(resumed.stderr()).isEqualTo("Died at /usr/lib/x2go/x2gormport line 34.\n"
                + "Died at /usr/lib/x2go/x2gormport line 34.\n");
        assertThat(server.sessions().get(name).agentState()).isEqualTo(AgentState.RESUMING);
        assertThat(server.sessions().get(name).status()).isEqualTo(ServerSessionStatus.RUNNING);

        assertThat(exec("x2goterminate-session " + name)).isEqualTo(new CommandResult("", "", 0));
        assertThat(server.sessions().get(name).status()).isEqualTo(ServerSessionStatus.FAILED);
        assertThat(exec("x2golistsessions").stdout()).isEmpty();
        assertThat(exec("x2goresume-session " + name + " 800x600 adsl 16m-jpeg-9 null null/null 0 both False"))
                .isEqualTo(new CommandResult("", "session " + name + " terminated\n", 3));
        assertThat(Files.readString(server.localPath("/home/x2gotest/.x2go/C-" + name + "/state"))).isEqualTo("TERMINATED");
    }

    @Test
    void suspendBeforeAnyProxyAttachedAbortsTheSession() throws Exception {
        String name = exec(START).stdout().split("\n")[3];
        exec("x2gosuspend-session " + name);
        assertThat(server.sessions().get(name).status()).isEqualTo(ServerSessionStatus.FAILED);
        assertThat(exec("x2golistsessions").stdout()).isEmpty();
    }

    @Test
    void unknownSessionsAndMissingArgumentsGiveTheRealExitCodes() throws Exception {
        assertThat(exec("x2gosuspend-session x2gotest-99-1234567890_stRxterm_dp24")).isEqualTo(new CommandResult("", "", 0));
        assertThat(exec("x2goterminate-session x2gotest-99-1234567890_stRxterm_dp24")).isEqualTo(new CommandResult("", "", 0));
        assertThat(exec("x2gosuspend-session")).isEqualTo(new CommandResult("", "x2gosuspend-session: needs "
                + "<X2GO-SESSION> as first argument. Alternatively, you can set $X2GO_SESSION with the correct session"
                + " name\n", 255));
        assertThat(exec("x2goresume-session")).isEqualTo(new CommandResult("", "not enough command line arguments\n", 1));
        CommandResult noArgs = exec("x2gostartagent");
        assertThat(noArgs.exitStatus()).isEqualTo(10);
        assertThat(noArgs.stderr()).startsWith("Unable to find free display port");
    }

    @Test
    void listOrdersSuspendedFirstAndReflectsOtherClients() throws Exception {
        FakeSession a = server.sessions().startExternally('R', "xterm");
        FakeSession b = server.sessions().startExternally('R', "xclock");
        server.sessions().suspendExternally(b.name());
        List<String> lines = exec("x2golistsessions").stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("|" + b.name() + "|51|").contains("|S|");
        assertThat(lines.get(1)).contains("|" + a.name() + "|50|").contains("|R|");
        assertThat(exec("x2golistdesktops").stdout()).isEqualTo("x2gotest@:50\nx2gotest@:51\n");
        server.sessions().terminateExternally(a.name());
        assertThat(exec("x2golistsessions").stdout().lines()).singleElement().asString().contains(b.name());
        // the F row keeps display 50 reserved until purged, as without x2gocleansessions
        assertThat(exec(START).stdout()).startsWith("52\n");
        server.sessions().purgeFinished();
        assertThat(exec(START).stdout()).startsWith("50\n");
    }

    @Test
    void vanishedProxySuspendsTheAgentAndTheNextListFlipsTheStatus() throws Exception {
        String[] start = exec(START).stdout().split("\n");
        try (Socket proxy = new Socket("127.0.0.1", Integer.parseInt(start[4]))) {
            assertThat(proxy.isConnected()).isTrue();
            server.sessions().awaitAgentState(start[3], AgentState.RUNNING, T);
        }
        server.sessions().awaitAgentState(start[3], AgentState.SUSPENDED, T);
        assertThat(server.sessions().get(start[3]).status()).isEqualTo(ServerSessionStatus.RUNNING);
        assertThat(exec("x2golistsessions").stdout()).contains("|S|");
    }

    @Test
    void scriptedNoiseCrlfLocaleWarningAndMalformedLine() throws Exception {
        server.sessions().startExternally('R', "xterm");
        server.behaviour().noiseBeforeOutput("NOISE-FROM-BASHRC").crlfLineEndings(true)
                .malformedLineInSessionList().localeWarningInSessionList();
        CommandResult r = exec(wrap("n", "export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }"));
        assertThat(r.stdout()).startsWith("NOISE-FROM-BASHRC\r\nX2GODATABEGIN:n\r\n12345|broken-line|50|R\r\n"
                + "perl:warning:Settinglocalefailed.\r\n").endsWith("|-1|-1\r\nX2GODATAEND:n\r\n");
        assertThat(r.stderr()).startsWith("perl: warning: Setting locale failed.\r\n");
        server.behaviour().reset();
        assertThat(exec("echo x").stdout()).isEqualTo("x\n");
    }

    @Test
    void slowCommandIsDelayedAndDropDisconnects() throws Exception {
        server.behaviour().delayCommand("x2golistsessions", Duration.ofMillis(300));
        long t0 = System.nanoTime();
        exec("x2golistsessions");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        server.behaviour().dropConnectionOn("x2goversion");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> exec("x2goversion"))
                .isInstanceOf(java.io.IOException.class);
        assertThat(client.session.isOpen()).isFalse();
        try (MinaClient again = new MinaClient(server)) {
            assertThat(again.exec("x2goversion").exitStatus()).as("drop is one-shot").isZero();
        }
    }
}
