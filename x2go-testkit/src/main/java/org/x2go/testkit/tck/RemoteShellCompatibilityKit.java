package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;
import org.x2go.spi.SshTransport;
import org.x2go.testkit.FakeX2GoServer;
import org.x2go.testkit.internal.KeyFiles;

/**
 * Compatibility kit for {@link SshTransport} implementations. Extend it and return your transport:
 *
 * <pre>{@code
 * class MyTransportTest extends RemoteShellCompatibilityKit {
 *     @Override protected SshTransport transport() { return new MyTransport(); }
 * }
 * }</pre>
 *
 * Each test starts its own {@link FakeX2GoServer} (user {@code kituser}, password {@code kitpass}
 * plus the generated client key) and closes every connection it opens.
 */
public abstract class RemoteShellCompatibilityKit {

    /** Upper bound for any single test step, so that a broken transport fails instead of hanging. */
    protected static final Duration STEP = Duration.ofSeconds(20);

    /** The server of the current test. */
    protected FakeX2GoServer server;

    @TempDir
    Path tmp;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /**
     * @return the transport under test; may be a new instance per call
     */
    protected abstract SshTransport transport();

    /** Starts the fake server. */
    @BeforeEach
    void startServer() {
        server = FakeX2GoServer.builder().user("kituser").password("kitpass").build().start();
    }

    /** Closes connections, then the server. */
    @AfterEach
    void stopServer() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                // cleanup of a test that already failed or passed; nothing to assert here
            }
        }
        if (server != null) {
            server.close();
        }
    }

    /** @return options with the client key and a matching known_hosts file */
    protected ConnectOptions.Builder options() {
        return server.connectOptions();
    }

    /**
     * Connects and registers the connection for closing after the test.
     *
     * @param options how
     * @return the connection
     */
    protected RemoteShell connect(ConnectOptions options) {
        RemoteShell shell = assertTimeoutPreemptively(STEP, () -> transport().connect(options),
                "connect did not finish within " + STEP);
        toClose.add(shell);
        return shell;
    }

    /** A key-authenticated connection reports where it goes and that it is up. */
    @Test
    void connectsWithKeyAndReportsEndpoint() {
        RemoteShell shell = connect(options().build());
        assertTrue(shell.isConnected(), "isConnected after connect");
        assertEquals(server.host(), shell.host());
        assertEquals(server.port(), shell.port());
        assertEquals("kituser", shell.username());
    }

    /** Password authentication works when no key is offered. */
    @Test
    void connectsWithPassword() {
        ConnectOptions o = ConnectOptions.builder(server.host(), "kituser").port(server.port())
                .password("kitpass").knownHosts(server.knownHostsFile())
                .connectTimeout(Duration.ofSeconds(10)).keepAliveInterval(Duration.ZERO).build();
        RemoteShell shell = connect(o);
        assertEquals("hi\n", shell.exec("echo hi", STEP).stdout());
    }

    /** stdout, stderr and the exit status arrive separately and intact. */
    @Test
    void execReturnsStdoutStderrAndExitStatus() {
        RemoteShell shell = connect(options().build());
        CommandResult r = shell.exec("echo out; echo err >&2; exit 3", STEP);
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals(3, r.exitStatus());
        CommandResult ok = shell.exec("echo 'hello world'", STEP);
        assertEquals("hello world\n", ok.stdout());
        assertEquals("", ok.stderr());
        assertEquals(0, ok.exitStatus());
        assertEquals(List.of("echo out; echo err >&2; exit 3", "echo 'hello world'"), server.receivedCommands(),
                "the command line must reach the server unchanged");
    }

    /** Non-ASCII output is decoded as UTF-8. */
    @Test
    void execDecodesUtf8() {
        RemoteShell shell = connect(options().build());
        assertEquals("Grüße ☃\n", shell.exec("echo 'Grüße ☃'", STEP).stdout());
    }

    /** More than 1 MiB of output is read completely (no window or buffer deadlock). */
    @Test
    void execReadsLargeOutput() {
        RemoteShell shell = connect(options().build());
        CommandResult r = shell.exec("seq 1 200000", STEP);
        assertEquals(0, r.exitStatus());
        assertTrue(r.stdout().length() >= 1024 * 1024, "expected >= 1 MiB, got " + r.stdout().length());
        String[] lines = r.stdout().split("\n");
        assertEquals(200000, lines.length);
        assertEquals("1", lines[0]);
        assertEquals("200000", lines[lines.length - 1]);
    }

    /** Several commands run at the same time on one connection, each on its own channel. */
    @Test
    void concurrentExecsOnOneConnection() throws Exception {
        RemoteShell shell = connect(options().build());
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CommandResult>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String cmd = "sleep 1; echo job" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return shell.exec(cmd, STEP);
                }));
            }
            go.countDown();
            for (int i = 0; i < n; i++) {
                CommandResult r = results.get(i).get(STEP.toSeconds(), TimeUnit.SECONDS);
                assertEquals("job" + i + "\n", r.stdout());
                assertEquals(0, r.exitStatus());
            }
            assertTrue(server.maxConcurrentCommands() >= 2,
                    "commands were serialised: at most " + server.maxConcurrentCommands() + " ran at once");
            assertEquals(1, server.activeConnections(), "all commands must share one connection");
        } finally {
            pool.shutdownNow();
        }
    }

    /** A command that outlives its time limit fails with X2GoTimeOutException, promptly. */
    @Test
    void execTimesOut() {
        RemoteShell shell = connect(options().build());
        long start = System.nanoTime();
        assertTimeoutPreemptively(STEP, () -> assertThrows(X2GoTimeOutException.class,
                () -> shell.exec("sleep 30", Duration.ofMillis(500))));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0,
                "timeout took too long");
        // the connection survives a timed-out command
        assertEquals("still\n", shell.exec("echo still", STEP).stdout());
    }

    /** A connection that breaks while a command runs fails that command instead of hanging. */
    @Test
    void droppedConnectionFailsRunningCommand() throws Exception {
        RemoteShell shell = connect(options().build());
        CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
                () -> shell.exec("echo started; sleep 30", STEP));
        server.awaitCommand(c -> c.contains("sleep 30"), STEP);
        server.disconnectAll();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> running.get(STEP.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(X2GoControlSessionException.class, e.getCause(),
                "expected X2GoControlSessionException, got " + e.getCause());
        assertEventually(() -> !shell.isConnected(), "isConnected() still true after the server dropped it");
    }

    /** A connection dropped exactly when a command arrives fails that command. */
    @Test
    void connectionDroppedOnCommandArrival() {
        RemoteShell shell = connect(options().build());
        server.behaviour().dropConnectionOn("x2golistsessions");
        assertTimeoutPreemptively(STEP, () -> assertThrows(X2GoControlSessionException.class,
                () -> shell.exec("x2golistsessions", STEP)));
    }

    // ---------------------------------------------------------------- faults injected by the server

    /** Output limit the flood tests configure: small, so a flood is cut in well under a second. */
    protected static final long FLOOD_LIMIT = 256 * 1024;

    /** How much later than its timeout a failing call may return (scheduling, closing the channel). */
    protected static final Duration SLACK = Duration.ofSeconds(5);

    /** A server that never stops writing to stdout: the call fails naming the limit; the connection lives on. */
    @Test
    void stdoutFloodIsCutAtTheOutputLimit() {
        RemoteShell shell = connect(options().maxCommandOutput(FLOOD_LIMIT).build());
        server.behaviour().floodStdout("x2golistsessions");
        assertFailsNamingTheLimit(shell, "x2golistsessions");
        assertStillUsable(shell);
    }

    /** The same on stderr, while stdout stays silent. */
    @Test
    void stderrFloodIsCutAtTheOutputLimit() {
        RemoteShell shell = connect(options().maxCommandOutput(FLOOD_LIMIT).build());
        server.behaviour().floodStderr("x2golistsessions");
        assertFailsNamingTheLimit(shell, "x2golistsessions");
        assertStillUsable(shell);
    }

    /** A flood that cannot reach a far-away limit before the timeout ends at the timeout. */
    @Test
    void floodBelowAFarLimitEndsAtTheTimeout() {
        RemoteShell shell = connect(options().maxCommandOutput(Long.MAX_VALUE).build());
        server.behaviour().floodStdout("x2golistsessions");
        Duration timeout = Duration.ofMillis(300);
        // the flood must not reach memory limits within 300 ms, so only the timeout can end the call
        X2GoTimeOutException e = assertFailsWithin(timeout, X2GoTimeOutException.class,
                () -> shell.exec("x2golistsessions", timeout));
        assertTrue(e.getMessage().contains(timeout.toMillis() + " ms"), "timeout not named: " + e.getMessage());
        assertStillUsable(shell);
    }

    /** Output of exactly the limit is returned whole, stdout and stderr counted together; one byte more fails. */
    @Test
    void outputOfExactlyTheLimitIsReturnedWhole() {
        String command = "seq 1 1000; seq 1 10 >&2";
        long size = seqBytes(1000) + seqBytes(10);
        RemoteShell exact = connect(options().maxCommandOutput(size).build());
        CommandResult r = exact.exec(command, STEP);
        assertEquals(seqBytes(1000), r.stdout().length());
        assertEquals(seqBytes(10), r.stderr().length());
        assertEquals(0, r.exitStatus());
        exact.close();
        RemoteShell tight = connect(options().maxCommandOutput(size - 1).build());
        X2GoControlSessionException e = assertFailsWithin(STEP, X2GoControlSessionException.class,
                () -> tight.exec(command, STEP));
        assertTrue(e.getMessage().contains(String.valueOf(size - 1)), "limit not named: " + e.getMessage());
        assertStillUsable(tight);
    }

    /** A command that never answers and never exits times out within its timeout. */
    @Test
    void hangingCommandTimesOutPromptly() {
        RemoteShell shell = connect(options().build());
        server.behaviour().hang("x2gostartagent");
        Duration timeout = Duration.ofMillis(400);
        X2GoTimeOutException e = assertFailsWithin(timeout, X2GoTimeOutException.class,
                () -> shell.exec("x2gostartagent", timeout));
        assertTrue(e.getMessage().contains("400 ms"), "timeout not named: " + e.getMessage());
        assertStillUsable(shell);
    }

    /** A connection dropped after half a reply fails the call, not with a truncated result. */
    @Test
    void connectionDroppedMidCommandFailsTheCall() {
        RemoteShell shell = connect(options().build());
        server.behaviour().dropConnectionMidCommand("seq");
        assertFailsWithin(STEP, X2GoControlSessionException.class, () -> shell.exec("seq 1 20000", STEP));
        assertEventually(() -> !shell.isConnected(), "isConnected() still true after the server dropped it");
    }

    /** A slow link that still delivers within the timeout gives the complete output. */
    @Test
    void slowTrickleWithinTheTimeoutSucceeds() {
        RemoteShell shell = connect(options().build());
        server.behaviour().trickle("seq", 7, Duration.ofMillis(20));
        CommandResult r = assertTimeoutPreemptively(STEP, () -> shell.exec("seq 1 20; echo done >&2; exit 4", STEP));
        assertEquals(seqText(20), r.stdout());
        assertEquals("done\n", r.stderr());
        assertEquals(4, r.exitStatus());
    }

    /** A slow link that does not deliver within the timeout times out at the timeout, not at its end. */
    @Test
    void slowTrickleBeyondTheTimeoutTimesOut() {
        RemoteShell shell = connect(options().build());
        server.behaviour().trickle("seq", 1, Duration.ofMillis(100));
        Duration timeout = Duration.ofMillis(500);
        // 1,000 bytes at 10 per second would take 100 s
        X2GoTimeOutException e = assertFailsWithin(timeout, X2GoTimeOutException.class,
                () -> shell.exec("seq 1 300", timeout));
        assertTrue(e.getMessage().contains("500 ms"), "timeout not named: " + e.getMessage());
        assertStillUsable(shell);
    }

    /** Transports do not wait for framing markers: a reply without its end marker comes back as sent. */
    @Test
    void missingEndMarkerIsReturnedAsSent() {
        RemoteShell shell = connect(options().build());
        server.behaviour().omitEndMarker("X2GODATA");
        CommandResult r = assertTimeoutPreemptively(STEP,
                () -> shell.exec("echo X2GODATABEGIN:k; echo data; echo X2GODATAEND:k", STEP));
        assertEquals("X2GODATABEGIN:k\ndata\n", r.stdout());
        assertEquals(0, r.exitStatus());
        server.behaviour().clearFault("X2GODATA");
        assertEquals("X2GODATABEGIN:k\nX2GODATAEND:k\n",
                shell.exec("echo X2GODATABEGIN:k; echo X2GODATAEND:k", STEP).stdout());
    }

    /**
     * A network that stops delivering anything in either direction (a dead reader thread, a frozen link):
     * the call still returns at its timeout.
     */
    @Test
    void frozenNetworkStillEndsTheCallAtItsTimeout() throws IOException {
        try (FreezingRelay relay = new FreezingRelay(server.port())) {
            Path kh = tmp.resolve("relay_known_hosts");
            Files.writeString(kh, server.knownHostsLine().replace("]:" + server.port() + " ", "]:" + relay.port() + " ")
                    + "\n");
            RemoteShell shell = connect(options().port(relay.port()).knownHosts(kh).build());
            assertEquals("ok\n", shell.exec("echo ok", STEP).stdout());
            relay.freeze();
            Duration timeout = Duration.ofMillis(500);
            X2GoTimeOutException e = assertFailsWithin(timeout, X2GoTimeOutException.class,
                    () -> shell.exec("echo frozen", timeout));
            assertTrue(e.getMessage().contains("500 ms"), "timeout not named: " + e.getMessage());
        }
    }

    private void assertFailsNamingTheLimit(RemoteShell shell, String command) {
        // the limit, not the (long) timeout, must end the call: within SLACK
        X2GoControlSessionException e = assertFailsWithin(Duration.ZERO, X2GoControlSessionException.class,
                () -> shell.exec(command, STEP));
        assertTrue(e.getMessage().contains(String.valueOf(FLOOD_LIMIT)), "limit not named: " + e.getMessage());
        assertTrue(e.getMessage().contains("maxCommandOutput"), "setting not named: " + e.getMessage());
    }

    /**
     * Asserts that a call fails with exactly this type (or a subtype) within {@code timeout} plus {@link #SLACK}.
     *
     * @param timeout the call's own timeout
     * @param type    the expected exception type
     * @param call    the call
     * @param <T>     the type
     * @return the exception
     */
    protected static <T extends Throwable> T assertFailsWithin(Duration timeout, Class<T> type,
                                                             org.junit.jupiter.api.function.Executable call) {
        Duration bound = timeout.plus(SLACK);
        long start = System.nanoTime();
        T e = assertTimeoutPreemptively(bound.plus(SLACK), () -> assertThrows(type, call),
                "the call did not return within " + bound.plus(SLACK));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "the call took " + took.toMillis() + " ms, allowed " + bound.toMillis());
        return e;
    }

    /** The connection still runs commands, on one SSH session, after a failed call. */
    private void assertStillUsable(RemoteShell shell) {
        assertTrue(shell.isConnected(), "the connection must survive a failed command");
        assertEquals("still\n", assertTimeoutPreemptively(STEP, () -> shell.exec("echo still", STEP)).stdout());
        assertEventually(() -> server.activeConnections() == 1, "the failed command must not cost the connection, "
                + server.activeConnections() + " connections open");
    }

    private static String seqText(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append(i).append('\n');
        }
        return b.toString();
    }

    private static long seqBytes(int n) {
        return seqText(n).length();
    }

    /** Commands on a closed connection fail with X2GoControlSessionException; close is idempotent. */
    @Test
    void execAfterCloseFails() {
        RemoteShell shell = connect(options().build());
        shell.close();
        shell.close();
        assertFalse(shell.isConnected());
        assertThrows(X2GoControlSessionException.class, () -> shell.exec("echo hi", STEP));
    }

    /** A rejected key and password give X2GoAuthenticationException. */
    @Test
    void wrongCredentialsFailAuthentication() {
        Path otherKey = tmp.resolve("other_id");
        KeyFiles.writePrivateKey(KeyFiles.generate(), otherKey, "stranger");
        ConnectOptions o = ConnectOptions.builder(server.host(), "kituser").port(server.port())
                .privateKey(otherKey).password("wrong").knownHosts(server.knownHostsFile())
                .connectTimeout(Duration.ofSeconds(10)).keepAliveInterval(Duration.ZERO).build();
        assertTimeoutPreemptively(STEP, () -> assertThrows(X2GoAuthenticationException.class,
                () -> toClose.add(transport().connect(o))));
    }

    /**
     * A port that accepts TCP and never sends an SSH banner: the connect fails as a timeout once its connect
     * timeout has passed, never later (a transport without a read timeout on the banner would wait forever).
     */
    @Test
    void silentPortTimesOutAtTheConnectTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept()); // accept and say nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "kit-silent-port");
            acceptor.setDaemon(true);
            acceptor.start();
            ConnectOptions o = ConnectOptions.builder("127.0.0.1", "kituser").port(silent.getLocalPort())
                    .privateKey(server.clientKeyFile()).knownHosts(server.knownHostsFile())
                    .connectTimeout(Duration.ofMillis(800)).keepAliveInterval(Duration.ZERO).build();
            long t0 = System.nanoTime();
            assertTimeoutPreemptively(STEP, () -> assertThrows(X2GoTimeOutException.class,
                    () -> toClose.add(transport().connect(o))));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 700, "gave up before the connect timeout: " + ms + " ms");
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** An unknown user is an authentication failure too. */
    @Test
    void unknownUserFailsAuthentication() {
        ConnectOptions o = ConnectOptions.builder(server.host(), "nobody").port(server.port())
                .privateKey(server.clientKeyFile()).knownHosts(server.knownHostsFile())
                .connectTimeout(Duration.ofSeconds(10)).keepAliveInterval(Duration.ZERO).build();
        assertTimeoutPreemptively(STEP, () -> assertThrows(X2GoAuthenticationException.class,
                () -> toClose.add(transport().connect(o))));
    }

    /** Strict policy and an empty known_hosts: UNKNOWN with the server's SHA-256 fingerprint. */
    @Test
    void unknownHostKeyIsRejected() throws IOException {
        Path empty = Files.createFile(tmp.resolve("known_hosts"));
        ConnectOptions o = options().knownHosts(empty).hostKeyPolicy(HostKeyPolicy.STRICT).build();
        X2GoHostKeyException e = assertTimeoutPreemptively(STEP, () -> assertThrows(X2GoHostKeyException.class,
                () -> toClose.add(transport().connect(o))));
        assertEquals(X2GoHostKeyException.Reason.UNKNOWN, e.reason());
        assertEquals(server.hostKeyFingerprint(), e.fingerprint());
        assertTrue(e.fingerprint().startsWith("SHA256:"), e.fingerprint());
        assertEquals(server.host(), e.host());
        assertEquals(server.port(), e.port());
        assertEquals("", Files.readString(empty), "strict policy must not write known_hosts");
    }

    /** A host key that differs from known_hosts is CHANGED, under either policy. */
    @Test
    void changedHostKeyIsRejected() {
        String newFingerprint = server.changeHostKey();
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            ConnectOptions o = options().hostKeyPolicy(policy).build();
            X2GoHostKeyException e = assertTimeoutPreemptively(STEP,
                    () -> assertThrows(X2GoHostKeyException.class, () -> toClose.add(transport().connect(o))),
                    "policy " + policy);
            assertEquals(X2GoHostKeyException.Reason.CHANGED, e.reason(), "policy " + policy);
            assertEquals(newFingerprint, e.fingerprint(), "policy " + policy);
        }
    }

    /** ACCEPT_NEW connects to an unknown host, appends its key, and the key is then trusted. */
    @Test
    void acceptNewAppendsToKnownHosts() throws IOException {
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, "# existing line\n");
        RemoteShell shell = connect(options().knownHosts(kh).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build());
        assertEquals("ok\n", shell.exec("echo ok", STEP).stdout());
        String content = Files.readString(kh);
        assertTrue(content.startsWith("# existing line\n"), "existing content must be kept: " + content);
        String keyBase64 = server.knownHostsLine().split(" ")[2];
        assertTrue(content.contains(keyBase64), "known_hosts lacks the server key: " + content);
        // now strictly trusted
        RemoteShell again = connect(options().knownHosts(kh).hostKeyPolicy(HostKeyPolicy.STRICT).build());
        assertTrue(again.isConnected());
    }

    /** A local forward carries bytes both ways to a loopback service behind the server. */
    @Test
    void localPortForwardRoundTrip() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            RemoteShell shell = connect(options().build());
            PortForward fwd = shell.forwardLocal(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", echo.port());
            toClose.add(fwd);
            assertTrue(fwd.localAddress().getPort() > 0, "forward must report its bound port");
            byte[] payload = new byte[256 * 1024];
            new Random(42).nextBytes(payload);
            assertTimeoutPreemptively(STEP, () -> {
                try (Socket s = new Socket("127.0.0.1", fwd.localAddress().getPort())) {
                    s.setSoTimeout((int) STEP.toMillis());
                    OutputStream out = s.getOutputStream();
                    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                        try {
                            out.write(payload);
                            out.flush();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    byte[] back = s.getInputStream().readNBytes(payload.length);
                    writer.get();
                    assertArrayEquals(payload, back);
                }
            });
            fwd.close();
            fwd.close();
            assertEventually(() -> !acceptsConnections(fwd.localAddress()), "forward still listening after close");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void echoRoundTrip(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) STEP.toMillis());
            byte[] payload = "through the reverse tunnel\n".getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(payload);
            s.getOutputStream().flush();
            assertArrayEquals(payload, s.getInputStream().readNBytes(payload.length));
        }
    }

    /**
     * A reverse forward ({@code ssh -R}) makes the server listen on its loopback port and tunnels each
     * connection to the local target; pause stops the server listening, resume asks again, close is final.
     */
    @Test
    void reverseForwardRoundTripPauseResumeAndClose() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            RemoteShell shell = connect(options().build());
            int port = freePort();
            org.x2go.spi.RemoteForward fwd = shell.forwardRemote(port, new InetSocketAddress("127.0.0.1", echo.port()));
            toClose.add(fwd);
            assertEquals(port, fwd.serverPort());
            assertFalse(fwd.isPaused());
            // the fake server runs in this JVM, so "the server's loopback port" is this machine's
            assertTimeoutPreemptively(STEP, () -> echoRoundTrip(port));
            fwd.pause();
            assertTrue(fwd.isPaused());
            InetSocketAddress serverSide = new InetSocketAddress("127.0.0.1", port);
            assertEventually(() -> !acceptsConnections(serverSide), "server still listening after pause");
            fwd.resume();
            assertFalse(fwd.isPaused());
            assertTimeoutPreemptively(STEP, () -> echoRoundTrip(port));
            fwd.close();
            fwd.close();
            assertTrue(fwd.isPaused());
            assertEventually(() -> !acceptsConnections(serverSide), "server still listening after close");
            assertThrows(IllegalStateException.class, fwd::resume);
        }
    }

    /** A port the server cannot listen on is refused with a tunnel exception; openWithRetry asks exactly twice. */
    @Test
    void reverseForwardOfATakenPortIsRefusedAndAskedForTwiceByOpenWithRetry() throws Exception {
        RemoteShell shell = connect(options().build());
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", 9);
            assertThrows(org.x2go.api.X2GoFwTunnelException.class,
                    () -> shell.forwardRemote(taken.getLocalPort(), target));
            org.x2go.api.X2GoFwTunnelException e = assertThrows(org.x2go.api.X2GoFwTunnelException.class,
                    () -> org.x2go.spi.RemoteForward.openWithRetry(shell, taken.getLocalPort(), target, Duration.ZERO));
            assertEquals(1, e.getSuppressed().length, "the first refusal is kept as suppressed");
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
        }
        assertTrue(shell.isConnected(), "a refused forward leaves the connection usable");
        assertThrows(IllegalArgumentException.class, () -> shell.forwardRemote(0, new InetSocketAddress("127.0.0.1", 9)));
        assertThrows(IllegalArgumentException.class, () -> shell.forwardRemote(65536, new InetSocketAddress("127.0.0.1", 9)));
    }

    /** SFTP writes, reads and removes a file in the home directory. */
    @Test
    void sftpRoundTrip() {
        RemoteShell shell = connect(options().build());
        String remote = server.homeDirectory() + "/kit-" + System.nanoTime() + ".txt";
        byte[] content = "Grüße über SFTP\n".getBytes(StandardCharsets.UTF_8);
        try (SftpSession sftp = shell.openSftp()) {
            sftp.write(remote, content);
            assertArrayEquals(content, sftp.read(remote));
            assertTrue(Files.exists(server.localPath(remote)), "file must be on the server");
            sftp.remove(remote);
            assertFalse(Files.exists(server.localPath(remote)), "file must be gone");
        }
        assertTrue(shell.isConnected(), "closing SFTP must not close the connection");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Polls a condition for up to 10 s.
     *
     * @param condition what must become true
     * @param message   failure message
     */
    protected static void assertEventually(java.util.function.BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail(message);
    }

    private static boolean acceptsConnections(InetSocketAddress a) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", a.getPort()), 500);
            return true;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback TCP relay to the server that can stop forwarding bytes, both ways, at once. */
    static final class FreezingRelay implements AutoCloseable {
        private final ServerSocket socket;
        private final int target;
        private final CountDownLatch thawed = new CountDownLatch(1);
        private volatile boolean frozen;
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kit-relay");
            t.setDaemon(true);
            return t;
        });

        FreezingRelay(int target) throws IOException {
            this.target = target;
            socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            pool.execute(this::acceptLoop);
        }

        int port() {
            return socket.getLocalPort();
        }

        /** From now on, bytes already read are held back and nothing more is forwarded. */
        void freeze() {
            frozen = true;
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), target);
                    sockets.add(c);
                    sockets.add(s);
                    pool.execute(() -> pump(c, s));
                    pool.execute(() -> pump(s, c));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) != -1) {
                    if (frozen) {
                        thawed.await(STEP.toMillis() * 3, TimeUnit.MILLISECONDS);
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: the relay ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws IOException {
            thawed.countDown();
            socket.close();
            for (Socket s : sockets) {
                s.close();
            }
            pool.shutdownNow();
        }
    }

    /** A loopback TCP echo service, one thread per connection. */
    static final class EchoServer implements AutoCloseable {
        private final ServerSocket socket;
        private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kit-echo");
            t.setDaemon(true);
            return t;
        });

        EchoServer() throws IOException {
            socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            pool.execute(this::acceptLoop);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    pool.execute(() -> echo(c));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket c) {
            try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // peer closed: nothing to echo any more
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            pool.shutdownNow();
        }
    }
}
