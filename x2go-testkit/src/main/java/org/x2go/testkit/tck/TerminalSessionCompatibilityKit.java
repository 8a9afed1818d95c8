package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.AgentInfo;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.spi.ControlSession;
import org.x2go.spi.TerminalSession;
import org.x2go.spi.TerminalSessionProvider;
import org.x2go.testkit.AgentState;
import org.x2go.testkit.FakeSession;
import org.x2go.testkit.FakeX2GoServer;

/**
 * Compatibility kit for {@link TerminalSessionProvider} and {@link TerminalSession}, run against a
 * {@link FakeX2GoServer}: start, run the command, suspend, resume, terminate, close. A subclass provides
 * the provider and a control session on the kit's server (with whatever transport and control backend it
 * ships with):
 *
 * <pre>{@code
 * class PlainTerminalKitTest extends TerminalSessionCompatibilityKit {
 *     @Override protected TerminalSessionProvider provider() { return new PlainTerminalSessionProvider(); }
 *     @Override protected ControlSession control(FakeX2GoServer server) {
 *         RemoteShell shell = new JschTransport().connect(server.connectOptions().build());
 *         return new PlainControlSessionProvider().create(shell, new PlainSessionListParser(), Duration.ofSeconds(10));
 *     }
 * }
 * }</pre>
 *
 * The kit closes the control session (and so its connection) after each test.
 */
public abstract class TerminalSessionCompatibilityKit {

    /** Upper bound for waiting on the server's side of a step. */
    protected static final Duration STEP = Duration.ofSeconds(20);

    /** The server of the current test (user {@code kituser}). */
    protected FakeX2GoServer server;

    private ControlSession control;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** @return the provider under test */
    protected abstract TerminalSessionProvider provider();

    /**
     * @param server the kit's fake server; {@code server.connectOptions().build()} logs in
     * @return a connected control session on it (closed by the kit)
     */
    protected abstract ControlSession control(FakeX2GoServer server);

    /** @return the parameters the kit starts and resumes sessions with */
    protected TerminalParams params() {
        return TerminalParams.builder().command("xterm").build();
    }

    /** Starts the fake server and connects. */
    @BeforeEach
    void connect() {
        server = FakeX2GoServer.builder().user("kituser").hostname("kithost").build().start();
        control = control(server);
    }

    /** Closes what the test opened, the control session and the server. */
    @AfterEach
    void disconnect() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        try {
            control.close();
        } finally {
            server.close();
        }
    }

    private TerminalSession start() {
        TerminalSession t = provider().start(control, params());
        toClose.add(t);
        return t;
    }

    /** Stands in for a graphics proxy: without one the agent aborts on suspend, as a real one does. */
    private void attachProxy(AgentInfo agent) throws Exception {
        Socket s = new Socket();
        toClose.add(s);
        s.connect(new InetSocketAddress(FakeX2GoServer.HOST, agent.graphicsPort()), (int) STEP.toMillis());
        OutputStream out = s.getOutputStream();
        out.write(("NXPROXY-3.5.0 cookie=" + agent.cookie() + ",root=/tmp\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        server.sessions().awaitProxyAttached(agent.sessionName(), STEP);
    }

    /** The name configuration selects the provider by. */
    @Test
    void nameIsSelectable() {
        ProviderNames.assertSelectable(provider());
    }

    /** A started session's agent facts are the server's: name, display, cookie, ports. */
    @Test
    void startGivesTheAgentFactsTheServerHolds() throws Exception {
        TerminalSession t = start();
        AgentInfo a = t.agent();
        assertEquals(a.sessionName(), t.sessionName());
        FakeSession s = server.sessions().get(a.sessionName());
        assertEquals(s.display(), a.display());
        assertEquals(s.cookie(), a.cookie());
        assertEquals(s.graphicsPort(), a.graphicsPort());
        assertEquals(s.agentPid(), a.agentPid());
        assertEquals(ServerSessionStatus.RUNNING, s.status());
        assertEquals(AgentState.STARTING, s.agentState());
        assertTrue(s.runCommand().isEmpty(), "the command runs only on runCommand()");
        assertTrue(server.receivedCommands().stream().anyMatch(c -> c.contains("x2gostartagent")),
                "x2gostartagent was sent: " + server.receivedCommands());
    }

    /** Two starts give two sessions. */
    @Test
    void twoStartsGiveTwoSessions() {
        assertNotEquals(start().sessionName(), start().sessionName());
        assertEquals(2, server.sessions().listed().size());
    }

    /** {@code runCommand()} runs the session's command on the server. */
    @Test
    void runCommandRunsTheSessionsCommand() throws Exception {
        TerminalSession t = start();
        t.runCommand();
        FakeSession s = server.sessions().await(t.sessionName(), f -> f.runCommand().isPresent(), STEP);
        assertTrue(s.runCommand().orElseThrow().contains("xterm"), s.runCommand().orElseThrow());
    }

    /** Suspend, then resume with the ports the server hands out again. */
    @Test
    void suspendAndResume() throws Exception {
        TerminalSession t = start();
        t.runCommand();
        attachProxy(t.agent());
        t.suspend();
        server.sessions().await(t.sessionName(), f -> f.status() == ServerSessionStatus.SUSPENDED, STEP);
        t.close();

        TerminalSession r = provider().resume(control, t.sessionName(), params());
        toClose.add(r);
        assertEquals(t.sessionName(), r.sessionName());
        FakeSession s = server.sessions().awaitAgentState(t.sessionName(), AgentState.RESUMING, STEP);
        assertEquals(s.graphicsPort(), r.agent().graphicsPort());
        assertEquals(s.cookie(), r.agent().cookie());
        assertEquals(ServerSessionStatus.RUNNING, s.status());
    }

    /** Terminate ends the server session. */
    @Test
    void terminateEndsTheSession() throws Exception {
        TerminalSession t = start();
        t.runCommand();
        t.terminate();
        FakeSession s = server.sessions().await(t.sessionName(), f -> !f.isListed(), STEP);
        assertFalse(s.isListed());
    }

    /** Resuming a session the server does not know is a terminal-session error naming it. */
    @Test
    void resumingAnUnknownSessionIsATerminalSessionError() {
        String name = "kituser-77-1700000000_stDxterm_dp24";
        X2GoTerminalSessionException e = assertThrows(X2GoTerminalSessionException.class,
                () -> provider().resume(control, name, params()));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    /** {@code close()} is idempotent and leaves the server session running. */
    @Test
    void closeIsIdempotentAndLeavesTheServerSessionAlone() {
        TerminalSession t = start();
        t.runCommand();
        t.close();
        t.close();
        assertEquals(ServerSessionStatus.RUNNING, server.sessions().get(t.sessionName()).status());
        assertTrue(control.isAlive(), "the control session survives a terminal session's close");
    }

    /** The kit's own helper, for subclasses that add tests: the socket is closed after the test. */
    protected final void attachFakeProxy(AgentInfo agent) throws Exception {
        attachProxy(agent);
    }
}
