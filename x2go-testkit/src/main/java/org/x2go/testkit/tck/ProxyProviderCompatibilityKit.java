package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.AgentInfo;
import org.x2go.api.X2GoProxyException;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;
import org.x2go.spi.RemoteShell;
import org.x2go.testkit.FakeSession;
import org.x2go.testkit.FakeX2GoServer;

/**
 * Compatibility kit for {@link ProxyProvider} and the {@link GraphicsProxy} it starts, against a session on
 * a {@link FakeX2GoServer}. A subclass provides:
 * <ul>
 *   <li>{@link #provider()}: the provider, configured so that it runs on a build machine without a display
 *       (e.g. pointing at a stub binary);</li>
 *   <li>{@link #shell(FakeX2GoServer)}: the SSH connection the proxy forwards through, usually a real
 *       transport logged into the kit's server; a test double whose forward does not reach the server
 *       also overrides {@link #tunnelReachesTheServer()};</li>
 *   <li>optionally {@link #providerThatCannotStart()}: the provider configured so that {@code start}
 *       must fail (a missing binary, say); without one, that test is skipped with the reason.</li>
 * </ul>
 *
 * <pre>{@code
 * class TunnelKitTest extends ProxyProviderCompatibilityKit {
 *     @Override protected ProxyProvider provider() { return new TunnelProxyProvider(options); }
 *     @Override protected RemoteShell shell(FakeX2GoServer s) { return new JschTransport().connect(s.connectOptions().build()); }
 * }
 * }</pre>
 */
public abstract class ProxyProviderCompatibilityKit {

    /** Upper bound for any single step. */
    protected static final Duration STEP = Duration.ofSeconds(20);

    /** The local sessions root ({@code ~/.x2go}) of the current test. */
    @TempDir
    protected Path sessionsRoot;

    /** The server of the current test (user {@code kituser}). */
    protected FakeX2GoServer server;

    private RemoteShell shell;
    private AgentInfo agent;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** @return the provider under test */
    protected abstract ProxyProvider provider();

    /**
     * @param server the kit's server; {@code server.connectOptions().build()} logs in
     * @return a connection to it for the graphics forward (closed by the kit)
     */
    protected abstract RemoteShell shell(FakeX2GoServer server);

    /**
     * @return a provider whose {@code start} must fail with {@link X2GoProxyException} (e.g. its binary
     *         missing), or empty when there is no such configuration
     */
    protected Optional<ProxyProvider> providerThatCannotStart() {
        return Optional.empty();
    }

    /** @return false when {@link #shell} is a double whose forwards do not reach the server */
    protected boolean tunnelReachesTheServer() {
        return true;
    }

    /** @return the display handed in the request */
    protected String display() {
        return ":0";
    }

    /** Starts the server, a session on it (as x2gostartagent would have) and the connection. */
    @BeforeEach
    void startSession() {
        server = FakeX2GoServer.builder().user("kituser").hostname("kithost").build().start();
        FakeSession s = server.sessions().startExternally('D', "xterm");
        agent = new AgentInfo(s.display(), s.cookie(), s.agentPid(), s.name(), s.graphicsPort(), s.soundPort(),
                s.sshfsPort(), -1, -1);
        shell = shell(server);
    }

    /** Closes every proxy the test started, the connection and the server. */
    @AfterEach
    void stopAll() throws Exception {
        try {
            for (AutoCloseable c : toClose) {
                c.close();
            }
            shell.close();
        } finally {
            server.close();
        }
    }

    /** @return the request for the kit's session */
    protected ProxyRequest request() {
        return new ProxyRequest(shell, agent, sessionsRoot, display());
    }

    private GraphicsProxy start() {
        GraphicsProxy p = assertTimeoutPreemptively(STEP, () -> provider().start(request()));
        assertNotNull(p, "start() returned null");
        toClose.add(p);
        return p;
    }

    /** The name configuration selects the provider by. */
    @Test
    void nameIsSelectable() {
        ProviderNames.assertSelectable(provider());
    }

    /** A started proxy runs, on a loopback tunnel, with its files in the session's directory. */
    @Test
    void startedProxyRunsOnALoopbackTunnel() {
        GraphicsProxy p = start();
        assertTrue(p.isAlive(), "alive after start");
        assertTrue(p.exitCode().isEmpty(), "no exit code while running");
        InetSocketAddress tunnel = p.tunnelAddress();
        assertTrue(tunnel.getAddress().isLoopbackAddress(), "tunnel on loopback: " + tunnel);
        assertTrue(tunnel.getPort() > 0, "tunnel port: " + tunnel);
        assertTrue(p.sessionDirectory().startsWith(sessionsRoot), p.sessionDirectory() + " under " + sessionsRoot);
        assertTrue(p.sessionDirectory().getFileName().toString().contains(agent.sessionName()),
                "session directory names the session: " + p.sessionDirectory());
        assertNotNull(p.errorLog());
        assertNotNull(p.outputLog());
    }

    /** The tunnel leads to the session's graphics port on the server. */
    @Test
    void tunnelLeadsToTheAgentsGraphicsPort() throws Exception {
        Assumptions.assumeTrue(tunnelReachesTheServer(), "the subclass's shell does not forward to the server");
        GraphicsProxy p = start();
        if (!server.sessions().get(agent.sessionName()).proxyAttached()) {
            // the provider does not attach a client itself (a tunnel for a gateway): the kit does
            Socket s = new Socket();
            toClose.add(s);
            s.connect(p.tunnelAddress(), (int) STEP.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("NXPROXY-3.5.0 cookie=" + agent.cookie() + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        assertTrue(server.sessions().awaitProxyAttached(agent.sessionName(), STEP).proxyAttached());
    }

    /** {@code close()} ends the proxy, is idempotent, and calls exit listeners once. */
    @Test
    void closeIsIdempotentAndEndsTheProxy() throws Exception {
        GraphicsProxy p = start();
        AtomicInteger before = new AtomicInteger();
        CountDownLatch ended = new CountDownLatch(1);
        p.onExit(code -> {
            before.incrementAndGet();
            ended.countDown();
        });
        assertTimeoutPreemptively(STEP, () -> {
            p.close();
            p.close();
        });
        assertTrue(ended.await(STEP.toMillis(), TimeUnit.MILLISECONDS), "onExit after close");
        assertFalse(p.isAlive(), "alive after close");
        assertTrue(p.exitCode().isPresent(), "exit code after close");
        AtomicInteger after = new AtomicInteger();
        p.onExit(code -> after.incrementAndGet());
        assertEquals(1, after.get(), "a listener added after the end runs at once");
        p.close();
        assertEquals(1, before.get(), "a listener runs once");
    }

    /**
     * After {@code close()} the tunnel's local port is free again, within {@link #STEP}: a transport may close its
     * listener on its own I/O thread a moment after {@code close()} returns (seen once in a CI run).
     */
    @Test
    void closeReleasesTheTunnelPort() throws Exception {
        GraphicsProxy p = start();
        InetSocketAddress tunnel = p.tunnelAddress();
        p.close();
        long deadline = System.nanoTime() + STEP.toNanos();
        while (true) {
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(tunnel);
                assertEquals(tunnel.getPort(), again.getLocalPort());
                return;
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the tunnel port " + tunnel + " is still taken " + STEP + " after close()", e);
                }
                Thread.sleep(20); // polling the port with a deadline, not synchronisation
            }
        }
    }

    /** Closing the proxy leaves the SSH connection usable (it belongs to the profile, not the proxy). */
    @Test
    void closeLeavesTheConnectionOpen() {
        start().close();
        assertTrue(shell.isConnected(), "the profile's connection survives the proxy");
    }

    /** A second proxy for another session runs beside the first on its own tunnel. */
    @Test
    void twoSessionsGetTwoTunnels() {
        GraphicsProxy first = start();
        FakeSession s = server.sessions().startExternally('D', "xclock");
        AgentInfo second = new AgentInfo(s.display(), s.cookie(), s.agentPid(), s.name(), s.graphicsPort(),
                s.soundPort(), s.sshfsPort(), -1, -1);
        GraphicsProxy p = assertTimeoutPreemptively(STEP,
                () -> provider().start(new ProxyRequest(shell, second, sessionsRoot, display())));
        toClose.add(p);
        assertFalse(first.tunnelAddress().equals(p.tunnelAddress()), "distinct tunnels");
        assertFalse(first.sessionDirectory().equals(p.sessionDirectory()), "distinct session directories");
    }

    /** A proxy that cannot start says so with {@link X2GoProxyException}, not a raw runtime exception. */
    @Test
    void failureToStartIsAProxyException() {
        Optional<ProxyProvider> broken = providerThatCannotStart();
        Assumptions.assumeTrue(broken.isPresent(), "the subclass has no configuration that fails to start");
        X2GoProxyException e = assertThrows(X2GoProxyException.class, () -> broken.get().start(request()));
        assertNotNull(e.getMessage());
    }
}
