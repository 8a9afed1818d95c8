package org.x2go.proxy.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.AgentInfo;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoProxyException;
import org.x2go.backend.plain.JschTransport;
import org.x2go.backend.plain.PlainControlSessionProvider;
import org.x2go.backend.plain.PlainSessionListParser;
import org.x2go.backend.plain.PlainTerminalSessionProvider;
import org.x2go.spi.ControlSession;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.LocalPorts;
import org.x2go.spi.ProxyRequest;
import org.x2go.spi.RemoteShell;
import org.x2go.testkit.FakeSession;
import org.x2go.testkit.FakeX2GoServerExtension;

/** The TUNNEL backend's life cycle against the testkit's fake server, over the real JSch transport. */
class TunnelProxyFakeServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final FakeX2GoServerExtension X2GO = FakeX2GoServerExtension.perClass();

    @TempDir
    Path tmp;

    private RemoteShell shell;
    private ControlSession control;
    private AgentInfo agent;
    private final List<GraphicsProxy> started = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startAgent() {
        shell = new JschTransport().connect(X2GO.connectOptions());
        control = new PlainControlSessionProvider().create(shell, new PlainSessionListParser(), WAIT);
        agent = new PlainTerminalSessionProvider().start(control, TerminalParams.builder().command("xterm").build())
                .agent();
    }

    @AfterEach
    void closeAll() {
        started.forEach(GraphicsProxy::close);
        control.close();
        shell.close();
    }

    private GraphicsProxy start(TunnelOptions options) {
        GraphicsProxy p = new TunnelProxyProvider(options).start(
                new ProxyRequest(shell, agent, tmp.resolve(".x2go"), "unused"));
        started.add(p);
        return p;
    }

    private static TunnelOptions tunnelOnly() {
        TunnelOptions d = TunnelOptions.defaults();
        return new TunnelOptions(TunnelOptions.Attach.NONE, Path.of("/nonexistent/nxproxy"),
                Path.of("/nonexistent/Xvfb"), d.screen(), d.startTimeout(), Duration.ofSeconds(2));
    }

    private TunnelOptions headless(Path nxproxy, Path xvfb, Duration startTimeout) {
        return new TunnelOptions(TunnelOptions.Attach.HEADLESS, nxproxy, xvfb, "800x600x24", startTimeout,
                Duration.ofSeconds(2));
    }

    @Test
    void tunnelOnlyCarriesTheGatewaysGreetingWithTheSessionCookieToTheAgent() throws Exception {
        GraphicsProxy proxy = start(tunnelOnly());

        assertThat(proxy.isAlive()).isTrue();
        assertThat(proxy.sessionCookie()).contains(agent.cookie());
        InetSocketAddress at = proxy.tunnelAddress();
        assertThat(at.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(at.getPort()).isEqualTo(agent.graphicsPort() + LocalPorts.LOOPBACK_OFFSET);
        assertThat(X2GO.sessions().get(agent.sessionName()).proxyAttached()).isFalse();

        try (Socket gateway = new Socket(at.getAddress(), at.getPort())) {
            OutputStream out = gateway.getOutputStream();
            out.write(("NXPROXY-3.5.0-3.5.99 cookie=" + proxy.sessionCookie().orElseThrow()
                    + ",stream=default,data=default ").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            FakeSession s = X2GO.sessions().await(agent.sessionName(),
                    f -> f.lastProxyHandshake().isPresent(), WAIT);
            assertThat(s.lastProxyHandshake().orElseThrow()).startsWith("NXPROXY-")
                    .contains("cookie=" + agent.cookie());
            assertThat(s.proxyAttached()).isTrue();
        }
        assertThat(proxy.exitCode()).isEmpty();
        assertThat(proxy.sessionDirectory()).isDirectory().endsWith(Path.of("S-" + agent.sessionName()));
        assertThat(Files.getPosixFilePermissions(proxy.sessionDirectory()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void closingATunnelStopsListeningAndReportsTheExitOnceToEachCallbackEvenWhenClosedTwice() throws Exception {
        GraphicsProxy proxy = start(tunnelOnly());
        int port = proxy.tunnelAddress().getPort();
        List<Integer> first = new CopyOnWriteArrayList<>();
        List<Integer> second = new CopyOnWriteArrayList<>();
        proxy.onExit(first::add);
        proxy.onExit(c -> {
            throw new IllegalStateException("a failing callback must not hide the exit from the next one");
        });
        proxy.onExit(second::add);

        proxy.close();
        proxy.close();

        assertThat(proxy.isAlive()).isFalse();
        assertThat(proxy.exitCode()).hasValue(0);
        await("the tunnel's local port released", () -> LocalPorts.isFree(port));
        assertThat(first).containsExactly(0);
        assertThat(second).containsExactly(0);
        List<Integer> late = new CopyOnWriteArrayList<>();
        proxy.onExit(late::add);
        assertThat(late).as("a callback added after the end runs at once").containsExactly(0);
    }

    @Test
    void headlessStartsNxproxyOnThePrivateDisplayWithTheCookieAndTheTunnelPort() throws Exception {
        Path args = tmp.resolve("nxproxy.args");
        Path nxproxy = script("nxproxy", "echo \"$@\" > " + args + "; echo \"DISPLAY=$DISPLAY NX_CLIENT=$NX_CLIENT"
                + " XAUTHORITY=$XAUTHORITY\" >> " + args + "; exec sleep 300");
        Path xvfb = script("Xvfb", "echo \"$@\" > " + tmp.resolve("xvfb.args") + "; echo 73; exec sleep 300");
        GraphicsProxy proxy = start(headless(nxproxy, xvfb, WAIT));

        await("nxproxy wrote its arguments", () -> Files.exists(args) && lines(args).size() == 2);
        int port = proxy.tunnelAddress().getPort();
        assertThat(lines(args).get(0)).isEqualTo("-S nx/nx,retry=5,composite=1,connect=127.0.0.1,clipboard=1,cookie="
                + agent.cookie() + ",port=" + port + ",errors=" + proxy.errorLog() + ":" + agent.display());
        Path authority = proxy.sessionDirectory().resolve("xvfb.auth");
        assertThat(lines(args).get(1)).isEqualTo("DISPLAY=:73 NX_CLIENT=/bin/true XAUTHORITY=" + authority);
        assertThat(lines(tmp.resolve("xvfb.args")).get(0))
                .isEqualTo("-displayfd 1 -screen 0 800x600x24 -nolisten tcp -auth " + authority);
        assertThat(Files.size(authority)).as("one cookie entry").isEqualTo(2 + 2 + 2 + 2 + 18 + 2 + 16);
        assertThat(proxy.isAlive()).isTrue();
        assertThat(proxy.exitCode()).isEmpty();
    }

    @Test
    void nxproxyDeathStopsTheDisplayClosesTheTunnelAndReportsTheExitCode() throws Exception {
        Path nxproxy = script("nxproxy", "exec sleep 300");
        Path xvfb = script("Xvfb", "echo 74; exec sleep 300");
        GraphicsProxy proxy = start(headless(nxproxy, xvfb, WAIT));
        int port = proxy.tunnelAddress().getPort();
        ProcessHandle display = child(xvfb).orElseThrow();
        CountDownLatch exited = new CountDownLatch(1);
        int[] code = {Integer.MIN_VALUE};
        proxy.onExit(c -> {
            code[0] = c;
            exited.countDown();
        });

        ProcessHandle proxyProcess = child(nxproxy).orElseThrow();
        assertThat(proxyProcess.destroyForcibly()).isTrue(); // the proxy dies, as on a server-side suspend

        assertThat(exited.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(code[0]).isEqualTo(137); // 128 + SIGKILL
        assertThat(proxy.exitCode()).hasValue(137);
        assertThat(proxy.isAlive()).isFalse();
        assertThat(display.isAlive()).as("the private Xvfb stopped with its proxy").isFalse();
        await("the tunnel's local port released", () -> LocalPorts.isFree(port));
        proxy.close(); // after the end: nothing left to do, no exception
        assertThat(proxy.exitCode()).hasValue(137);
    }

    @Test
    void closeStopsNxproxyAndItsDisplayAndReturnsAfterTheCallbacksHeardTheExit() throws Exception {
        Path nxproxy = script("nxproxy", "exec sleep 300");
        Path xvfb = script("Xvfb", "echo 75; exec sleep 300");
        GraphicsProxy proxy = start(headless(nxproxy, xvfb, WAIT));
        ProcessHandle display = child(xvfb).orElseThrow();
        ProcessHandle proxyProcess = child(nxproxy).orElseThrow();
        List<Integer> codes = new CopyOnWriteArrayList<>();
        proxy.onExit(codes::add);

        proxy.close();
        proxy.close();

        assertThat(codes).containsExactly(143); // 128 + SIGTERM
        assertThat(proxyProcess.isAlive()).isFalse();
        assertThat(display.isAlive()).isFalse();
        assertThat(LocalPorts.isFree(proxy.tunnelAddress().getPort())).isTrue();
    }

    @Test
    void anXvfbThatNeverReportsADisplayIsStoppedAndNoTunnelIsLeftOpen() throws Exception {
        Path nxproxy = script("nxproxy", "exec sleep 300");
        Path xvfb = script("Xvfb", "exec sleep 300");
        int preferred = agent.graphicsPort() + LocalPorts.LOOPBACK_OFFSET;

        assertThatThrownBy(() -> start(headless(nxproxy, xvfb, Duration.ofSeconds(1))))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("did not report a display within PT1S");

        assertThat(LocalPorts.isFree(preferred)).isTrue();
        ProcessHandle silent = ProcessHandle.of(pid(xvfb)).orElse(null);
        assertThat(silent == null || !silent.isAlive()).as("the silent Xvfb stopped").isTrue();
        assertThat(tmp.resolve("nxproxy.pid")).as("nxproxy never started").doesNotExist();
    }

    @Test
    void anXvfbThatAnswersSomethingElseThanADisplayNumberIsRefusedNamingTheAnswer() throws Exception {
        Path xvfb = script("Xvfb", "echo 'no screens'; exec sleep 300");
        assertThatThrownBy(() -> start(headless(script("nxproxy", "exec sleep 300"), xvfb, WAIT)))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("did not report a display number (said 'no screens'");
        ProcessHandle refused = ProcessHandle.of(pid(xvfb)).orElse(null);
        assertThat(refused == null || !refused.isAlive()).as("the Xvfb stopped").isTrue();
    }

    @Test
    void aMissingNxproxyIsNamedWithItsPackageAndTheKeyBeforeAnyTunnelOpens() {
        Path xvfb = tmp.resolve("Xvfb");
        assertThatThrownBy(() -> start(headless(tmp.resolve("no-nxproxy"), xvfb, WAIT)))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("nxproxy not found or not executable at " + tmp.resolve("no-nxproxy"))
                .hasMessageContaining("'nxproxy'").hasMessageContaining("x2go.proxy.tunnel.nxproxy");
        assertThat(LocalPorts.isFree(agent.graphicsPort() + LocalPorts.LOOPBACK_OFFSET)).isTrue();
    }

    @Test
    void aCookieThatIsNotHexIsRefusedBeforeAnyTunnelOpens() {
        agent = new AgentInfo(agent.display(), "abc,listen=1", agent.agentPid(), agent.sessionName(),
                agent.graphicsPort(), agent.soundPort(), agent.sshfsPort(), -1, -1);
        assertThatThrownBy(() -> start(tunnelOnly()))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessage("Agent cookie of session " + agent.sessionName() + " is not hexadecimal");
        assertThat(LocalPorts.isFree(agent.graphicsPort() + LocalPorts.LOOPBACK_OFFSET)).isTrue();
    }

    @Test
    void aSessionNameThatIsNotOnePathElementIsRefused() {
        agent = new AgentInfo(agent.display(), agent.cookie(), agent.agentPid(), "../evil", agent.graphicsPort(),
                agent.soundPort(), agent.sshfsPort(), -1, -1);
        assertThatThrownBy(() -> start(tunnelOnly()))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessage("Session name unusable as a directory name: '../evil'");
        assertThat(tmp.resolve(".x2go")).doesNotExist();
    }

    @Test
    void realNxproxyOnAPrivateXvfbGreetsTheFakeAgentWithTheCookie() throws Exception {
        TunnelOptions real = TunnelOptions.defaults();
        Assumptions.assumeTrue(Files.isExecutable(real.nxproxy()) && Files.isExecutable(real.xvfb()),
                "nxproxy and Xvfb installed");
        GraphicsProxy proxy = start(real);

        FakeSession s = X2GO.sessions().await(agent.sessionName(), f -> f.lastProxyHandshake().isPresent(), WAIT);
        assertThat(s.lastProxyHandshake().orElseThrow()).startsWith("NXPROXY-")
                .contains("cookie=" + agent.cookie());
        assertThat(proxy.isAlive()).isTrue();
        assertThat(proxy.outputLog()).exists();
        assertThat(proxy.sessionDirectory().resolve("xvfb.log")).exists();

        proxy.close();
        assertThat(proxy.isAlive()).isFalse();
        assertThat(proxy.exitCode()).isPresent();
        X2GO.sessions().await(agent.sessionName(), f -> !f.proxyAttached(), WAIT);
    }

    private Path script(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        // the pid file: exec keeps the pid, so it names the process that the script becomes
        Files.writeString(p, "#!/bin/sh\necho $$ > " + tmp.resolve(name + ".pid") + "\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    /** @return the live process the script became, once it wrote its pid (empty when it has ended) */
    private Optional<ProcessHandle> child(Path script) throws InterruptedException {
        Path pid = tmp.resolve(script.getFileName() + ".pid");
        await(script.getFileName() + " started", () -> lines(pid).size() == 1);
        return ProcessHandle.of(Long.parseLong(lines(pid).get(0).strip())).filter(ProcessHandle::isAlive);
    }

    private long pid(Path script) throws InterruptedException {
        Path pid = tmp.resolve(script.getFileName() + ".pid");
        await(script.getFileName() + " started", () -> lines(pid).size() == 1);
        return Long.parseLong(lines(pid).get(0).strip());
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Polls every 20 ms until the condition holds, failing after {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            Thread.sleep(20); // polling interval; the condition is re-checked
        }
    }
}
