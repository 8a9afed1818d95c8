package org.x2go.proxy.nx3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.AgentInfo;
import org.x2go.api.BackendKind;
import org.x2go.api.X2GoBackendException;
import org.x2go.api.X2GoProxyException;
import org.x2go.proxy.nx3.FakeNxproxy.Mode;
import org.x2go.spi.BackendConfig;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.LocalPorts;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;

/** The provider with a fake nxproxy script and a fake SSH connection. */
class Nx3ProxyProviderTest {
    private static final String COOKIE = "0123456789abcdef0123456789abcdef";
    private static final String SESSION = "alice-50-1700000000_stDKDE_dp24";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private GraphicsProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static AgentInfo agent(int graphicsPort) {
        return new AgentInfo(50, COOKIE, 4711, SESSION, graphicsPort, 30002, 30003, -1, -1);
    }

    /** A graphics port whose loopback-preferred local port (+10000) is free right now. */
    private static int graphicsPortWithFreeLocalTwin() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(LocalPorts.IPV4_LOOPBACK, 0));
            assertThat(s.getLocalPort()).isGreaterThan(LocalPorts.LOOPBACK_OFFSET);
            return s.getLocalPort() - LocalPorts.LOOPBACK_OFFSET;
        }
    }

    private Path root() {
        return tmp.resolve("home/.x2go");
    }

    private Nx3ProxyProvider provider(FakeNxproxy fake, Duration grace) {
        return new Nx3ProxyProvider(fake.executable, ProcessLauncher.system(), grace);
    }

    private FakeNxproxy fake(Mode mode) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("fake"));
        return FakeNxproxy.create(d, mode);
    }

    private static int awaitExit(GraphicsProxy p) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        AtomicInteger code = new AtomicInteger(Integer.MIN_VALUE);
        p.onExit(c -> {
            code.set(c);
            latch.countDown();
        });
        assertThat(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exit callback").isTrue();
        return code.get();
    }

    @Test
    void isFoundByServiceLoaderAsNx3() {
        assertThat(ServiceLoader.load(ProxyProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof Nx3ProxyProvider).map(ProxyProvider::name))
                .containsExactly("NX3");
        assertThat(new Nx3ProxyProvider().binary()).isEqualTo(Path.of("/usr/bin/nxproxy"));
    }

    @Test
    void startsNxproxyWithTheExactTv27CommandLineAndEnvironmentOnTheLocalTunnelPort() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        int gp = graphicsPortWithFreeLocalTwin();
        FakeShell shell = new FakeShell("127.0.0.1");
        proxy = provider(fake, Duration.ofSeconds(2)).start(new ProxyRequest(shell, agent(gp), root(), ":99"));
        awaitExit(proxy);

        Path lc = root().toAbsolutePath().resolve("S-" + SESSION);
        assertThat(fake.args()).containsExactly(fake.executable.toString(), "-S",
                "nx/nx,retry=5,composite=1,connect=127.0.0.1,clipboard=1,cookie=" + COOKIE
                        + ",port=" + (gp + 10000) + ",errors=" + lc + "/session.err:50");
        assertThat(fake.env()).containsExactly("NX_CLIENT=/bin/true", "NX_ROOT=" + root().toAbsolutePath(),
                "DISPLAY=:99");
        assertThat(shell.calls).containsExactly(new FakeShell.ForwardCall(
                new InetSocketAddress(LocalPorts.IPV4_LOOPBACK, gp + 10000), "127.0.0.1", gp));
        assertThat(proxy.tunnelAddress().getPort()).isEqualTo(gp + 10000);
    }

    @Test
    void sessionDirectoryHoldsTheLogsAndNoOptionsFileAndIsKeptAfterClose() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        proxy = provider(fake, Duration.ofSeconds(2))
                .start(new ProxyRequest(new FakeShell("10.0.0.5"), agent(graphicsPortWithFreeLocalTwin()), root(), ":0"));
        awaitExit(proxy);
        proxy.close();

        Path lc = root().toAbsolutePath().resolve("S-" + SESSION);
        assertThat(proxy.sessionDirectory()).isEqualTo(lc);
        assertThat(proxy.errorLog()).isEqualTo(lc.resolve("session.err"));
        assertThat(proxy.outputLog()).isEqualTo(lc.resolve("session.log"));
        try (Stream<Path> files = Files.list(lc)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("session.log", "session.err");
        }
        // stdout and stderr of the process both land in session.log.
        assertThat(Files.readAllLines(proxy.outputLog())).contains("fake-nxproxy-stdout", "fake-nxproxy-stderr");
        assertThat(Files.readString(proxy.errorLog())).isEqualTo("fake error log\n");
        assertThat(Files.getPosixFilePermissions(lc)).hasSize(3); // rwx for the owner only
    }

    @Test
    void sessionLogIsAppendedAcrossRestarts() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        Nx3ProxyProvider provider = provider(fake, Duration.ofSeconds(2));
        for (int i = 0; i < 2; i++) {
            GraphicsProxy p = provider.start(new ProxyRequest(new FakeShell("10.0.0.5"),
                    agent(graphicsPortWithFreeLocalTwin()), root(), ":0"));
            awaitExit(p);
            p.close();
            proxy = p;
        }
        assertThat(Files.readAllLines(proxy.outputLog())).filteredOn("fake-nxproxy-stdout"::equals).hasSize(2);
    }

    @Test
    void busyPreferredPortFallsBackToAnotherFreePortNeverTheServers() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(LocalPorts.IPV4_LOOPBACK, 0));
            int gp = busy.getLocalPort() - 10000;
            FakeShell shell = new FakeShell("localhost");
            proxy = provider(fake, Duration.ofSeconds(2)).start(new ProxyRequest(shell, agent(gp), root(), ":0"));
            awaitExit(proxy);
            assertThat(shell.calls).singleElement().satisfies(c -> {
                assertThat(c.bind().getPort()).isZero();
                assertThat(c.bind().getAddress()).isEqualTo(LocalPorts.IPV4_LOOPBACK);
            });
            int local = shell.forward().localAddress().getPort();
            assertThat(local).isNotIn(0, gp, gp + 10000);
            assertThat(fake.args().get(2)).contains(",port=" + local + ",");
        }
    }

    @Test
    void preferredPortAbove65535TakesAnyFreePort() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        FakeShell shell = new FakeShell("127.0.0.1");
        proxy = provider(fake, Duration.ofSeconds(2)).start(new ProxyRequest(shell, agent(60000), root(), ":0"));
        awaitExit(proxy);
        assertThat(shell.calls).singleElement().extracting(c -> c.bind().getPort()).isEqualTo(0);
        assertThat(proxy.tunnelAddress().getPort()).isNotIn(0, 60000);
    }

    @Test
    void forwardRefusedOnThePreferredPortIsRetriedOnAnyFreePort() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        int gp = graphicsPortWithFreeLocalTwin();
        FakeShell shell = new FakeShell("127.0.0.1", 1);
        proxy = provider(fake, Duration.ofSeconds(2)).start(new ProxyRequest(shell, agent(gp), root(), ":0"));
        awaitExit(proxy);
        assertThat(shell.calls).extracting(c -> c.bind().getPort()).containsExactly(gp + 10000, 0);
        assertThat(fake.args().get(2)).contains(",port=" + proxy.tunnelAddress().getPort() + ",");
    }

    @Test
    void processExitReachesEveryCallbackOnceAndClosesTheTunnel() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        FakeShell shell = new FakeShell("127.0.0.1");
        proxy = provider(fake, Duration.ofSeconds(2))
                .start(new ProxyRequest(shell, agent(graphicsPortWithFreeLocalTwin()), root(), ":0"));
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch counted = new CountDownLatch(1);
        proxy.onExit(c -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });
        proxy.onExit(c -> {
            calls.incrementAndGet();
            counted.countDown();
        });
        assertThat(awaitExit(proxy)).isEqualTo(3);
        assertThat(counted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(proxy.isAlive()).isFalse();
        assertThat(proxy.exitCode()).hasValue(3);
        assertThat(shell.forward().closeCount).hasValue(1);
        assertThat(shell.forward().socket.isClosed()).isTrue();
        // Registered after the exit: called at once, on this thread.
        AtomicInteger late = new AtomicInteger(-1);
        proxy.onExit(late::set);
        assertThat(late).hasValue(3);
        proxy.close();
        assertThat(calls).hasValue(1);
        assertThat(shell.forward().closeCount).hasValue(1);
    }

    @Test
    void closeSendsSigtermClosesTheTunnelAndIsIdempotent() throws Exception {
        FakeNxproxy fake = fake(Mode.WAIT_FOR_TERM);
        FakeShell shell = new FakeShell("127.0.0.1");
        proxy = provider(fake, Duration.ofSeconds(5))
                .start(new ProxyRequest(shell, agent(graphicsPortWithFreeLocalTwin()), root(), ":0"));
        fake.awaitReady(WAIT);
        assertThat(proxy.isAlive()).isTrue();
        assertThat(proxy.exitCode()).isEmpty();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch exited = new CountDownLatch(1);
        proxy.onExit(c -> {
            calls.incrementAndGet();
            exited.countDown();
        });

        proxy.close();
        proxy.close();

        assertThat(Files.readString(fake.dir.resolve("term"))).isEqualTo("TERM\n");
        assertThat(proxy.isAlive()).isFalse();
        assertThat(proxy.exitCode()).hasValue(0); // the script's TERM handler exits 0: no kill was needed
        assertThat(shell.forward().closeCount).hasValue(1);
        assertThat(exited.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(calls).hasValue(1);
    }

    @Test
    void closeKillsAProcessThatIgnoresSigtermAfterTheGracePeriod() throws Exception {
        FakeNxproxy fake = fake(Mode.IGNORE_TERM);
        FakeShell shell = new FakeShell("127.0.0.1");
        proxy = provider(fake, Duration.ofMillis(300))
                .start(new ProxyRequest(shell, agent(graphicsPortWithFreeLocalTwin()), root(), ":0"));
        fake.awaitReady(WAIT);

        long t0 = System.nanoTime();
        proxy.close();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(proxy.isAlive()).isFalse();
        assertThat(proxy.exitCode()).hasValue(128 + 9); // SIGKILL
        assertThat(ms).isGreaterThanOrEqualTo(300).isLessThan(5000);
        assertThat(shell.forward().closeCount).hasValue(1);
    }

    @Test
    void missingNxproxyNamesTheDebianPackageAndOpensNothing() {
        Path missing = tmp.resolve("no/such/nxproxy");
        FakeShell shell = new FakeShell("127.0.0.1");
        assertThatThrownBy(() -> new Nx3ProxyProvider(missing, ProcessLauncher.system(), Duration.ofSeconds(1))
                .start(new ProxyRequest(shell, agent(30001), root(), ":0")))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("Debian package 'nxproxy'");
        assertThat(shell.calls).isEmpty();
        assertThat(root()).doesNotExist();
    }

    @Test
    void nonExecutableNxproxyIsReportedLikeAMissingOne() throws Exception {
        Path plain = Files.writeString(tmp.resolve("nxproxy"), "not a program");
        FakeShell shell = new FakeShell("127.0.0.1");
        assertThatThrownBy(() -> new Nx3ProxyProvider(plain, ProcessLauncher.system(), Duration.ofSeconds(1))
                .start(new ProxyRequest(shell, agent(30001), root(), ":0")))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("Debian package 'nxproxy'");
        assertThat(shell.calls).isEmpty();
    }

    @Test
    void launchFailureClosesTheTunnelAndNamesTheBinary() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        FakeShell shell = new FakeShell("127.0.0.1");
        ProcessLauncher broken = (cmd, log) -> {
            throw new IOException("injected: exec format error");
        };
        assertThatThrownBy(() -> new Nx3ProxyProvider(fake.executable, broken, Duration.ofSeconds(1))
                .start(new ProxyRequest(shell, agent(graphicsPortWithFreeLocalTwin()), root(), ":0")))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining(fake.executable.toString())
                .hasMessageContaining("injected: exec format error");
        assertThat(shell.forward().closeCount).hasValue(1);
    }

    @Test
    void launcherReceivesTheCommandLineAndTheSessionLogPath() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProcessLauncher recording = (cmd, log) -> {
            seen.add(cmd);
            seen.add(log);
            return ProcessLauncher.system().launch(cmd, log);
        };
        proxy = new Nx3ProxyProvider(fake.executable, recording, Duration.ofSeconds(1))
                .start(new ProxyRequest(new FakeShell("10.0.0.5"), agent(30001), root(), ":7"));
        awaitExit(proxy);
        Nx3CommandLine cmd = (Nx3CommandLine) seen.get(0);
        assertThat(cmd.environment()).containsEntry("DISPLAY", ":7");
        assertThat(seen.get(1)).isEqualTo(proxy.outputLog());
    }

    @Test
    void sessionNameThatIsNotASinglePathElementIsRejectedBeforeAnythingOpens() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        FakeShell shell = new FakeShell("127.0.0.1");
        AgentInfo evil = new AgentInfo(50, COOKIE, 1, "../../etc/evil", 30001, 1, 2, -1, -1);
        assertThatThrownBy(() -> provider(fake, Duration.ofSeconds(1)).start(new ProxyRequest(shell, evil, root(), ":0")))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("'../../etc/evil'");
        assertThat(shell.calls).isEmpty();
    }

    @Test
    void badCookieIsRejectedBeforeTheTunnelOpens() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        FakeShell shell = new FakeShell("127.0.0.1");
        AgentInfo bad = new AgentInfo(50, "zz;rm -rf /", 1, SESSION, 30001, 1, 2, -1, -1);
        assertThatThrownBy(() -> provider(fake, Duration.ofSeconds(1)).start(new ProxyRequest(shell, bad, root(), ":0")))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("cookie is not hexadecimal")
                .hasMessageNotContaining("zz;rm -rf /") // a secret, and server-controlled
                .extracting(e -> ((X2GoProxyException) e).reason()).isEqualTo(X2GoProxyException.Reason.BAD_SESSION_DATA);
        assertThat(shell.calls).isEmpty();
        assertThat(root()).doesNotExist();
    }

    @Test
    void aRequestWithoutDisplayIsRefusedWithTheNoDisplayReasonBeforeAnythingOpens() throws Exception {
        FakeNxproxy fake = fake(Mode.EXIT_3);
        FakeShell shell = new FakeShell("127.0.0.1");
        assertThatThrownBy(() -> provider(fake, Duration.ofSeconds(1)).start(new ProxyRequest(shell, agent(30001), root(), " ")))
                .isInstanceOf(X2GoProxyException.class)
                .hasMessageContaining("No X display")
                .hasMessageContaining("TUNNEL")
                .extracting(e -> ((X2GoProxyException) e).reason()).isEqualTo(X2GoProxyException.Reason.NO_DISPLAY);
        assertThat(shell.calls).isEmpty();
        assertThat(root()).doesNotExist();
    }

    private static BackendConfig config(Map<String, String> entries, String display, boolean graphics) {
        return BackendConfig.of(BackendKind.PROXY, "NX3", entries, new java.util.Properties(), display, graphics);
    }

    @Test
    void configureAppliesTheBinaryAndStopGraceOfItsOwnNamespaceOnly() {
        Nx3ProxyProvider p = (Nx3ProxyProvider) new Nx3ProxyProvider().configure(config(Map.of(
                Nx3ProxyProvider.BINARY_KEY, "/opt/nx/bin/nxproxy", Nx3ProxyProvider.STOP_GRACE_KEY, "PT0.5S",
                "x2go.proxy.tunnel.screen", "640x480x16"), ":0", true));
        assertThat(p.binary()).isEqualTo(Path.of("/opt/nx/bin/nxproxy"));
        assertThat(p.stopGrace()).isEqualTo(Duration.ofMillis(500));
        Nx3ProxyProvider unchanged = (Nx3ProxyProvider) new Nx3ProxyProvider().configure(config(Map.of(), ":0", true));
        assertThat(unchanged.binary()).isEqualTo(Nx3ProxyProvider.DEFAULT_BINARY);
        assertThat(unchanged.stopGrace()).isEqualTo(Nx3ProxyProvider.DEFAULT_STOP_GRACE);
    }

    @Test
    void configureRefusesUnknownKeysAndBadValuesNamingTheKey() {
        assertThatThrownBy(() -> new Nx3ProxyProvider().configure(config(Map.of("x2go.proxy.nx3.binray", "/x"), ":0", true)))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining("x2go.proxy.nx3.binray");
        assertThatThrownBy(() -> new Nx3ProxyProvider().configure(config(Map.of(Nx3ProxyProvider.STOP_GRACE_KEY, "5"), ":0", true)))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining(Nx3ProxyProvider.STOP_GRACE_KEY);
        assertThatThrownBy(() -> new Nx3ProxyProvider().configure(config(Map.of(Nx3ProxyProvider.STOP_GRACE_KEY, "PT2M"), ":0", true)))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining("between");
    }

    @Test
    void configureInAGraphicsClientWithoutDisplayFailsEarlyWithTheNoDisplayReason() {
        assertThatThrownBy(() -> new Nx3ProxyProvider().configure(config(Map.of(), null, true)))
                .isInstanceOf(X2GoProxyException.class)
                .extracting(e -> ((X2GoProxyException) e).reason()).isEqualTo(X2GoProxyException.Reason.NO_DISPLAY);
        // a headless client never starts the proxy: no display needed
        assertThat(new Nx3ProxyProvider().configure(config(Map.of(), null, false))).isInstanceOf(Nx3ProxyProvider.class);
    }
}
