package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.PublishedApplication;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoException;
import org.x2go.api.X2GoNotImplementedYetException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionListParser;
import org.x2go.spi.SshTransport;
import org.x2go.testkit.FakeSession;
import org.x2go.testkit.FakeX2GoServer;
import org.x2go.testkit.internal.SimpleSessionListParser;

/**
 * Compatibility kit for {@link ControlSessionProvider} implementations, run against a
 * {@link FakeX2GoServer} through a real {@link SshTransport}:
 *
 * <pre>{@code
 * class PlainControlSessionTest extends ControlSessionCompatibilityKit {
 *     @Override protected ControlSessionProvider provider() { return new PlainControlSessionProvider(); }
 *     @Override protected SshTransport transport() { return new JschTransport(); }
 * }
 * }</pre>
 */
public abstract class ControlSessionCompatibilityKit {

    /** Upper bound for any single step. */
    protected static final Duration STEP = Duration.ofSeconds(20);

    /** The server of the current test (user {@code kituser}). */
    protected FakeX2GoServer server;

    private ControlSession control;

    /** @return the control-session provider under test */
    protected abstract ControlSessionProvider provider();

    /** @return the transport to connect with */
    protected abstract SshTransport transport();

    /**
     * @return the list parser handed to the provider: by default the first {@link SessionListParser}
     *         service on the class path, else a minimal built-in one
     */
    protected SessionListParser listParser() {
        return ServiceLoader.load(SessionListParser.class).findFirst().orElseGet(SimpleSessionListParser::new);
    }

    /** @return the per-command time limit the kit creates control sessions with */
    protected Duration commandTimeout() {
        return Duration.ofSeconds(10);
    }

    /** Starts the fake server. */
    @BeforeEach
    void startServer() {
        server = FakeX2GoServer.builder().user("kituser").hostname("kithost").build().start();
    }

    /** Closes the control session and the server. */
    @AfterEach
    void stopServer() {
        if (control != null) {
            try {
                control.close();
            } catch (RuntimeException e) {
                // the test may already have broken the connection on purpose
            }
        }
        server.close();
    }

    /**
     * @return a control session on a fresh connection, closed after the test
     */
    protected ControlSession control() {
        return control(commandTimeout());
    }

    /**
     * @param timeout per-command time limit
     * @return a control session on a fresh connection, closed after the test
     */
    protected ControlSession control(Duration timeout) {
        RemoteShell shell = assertTimeoutPreemptively(STEP, () -> transport().connect(server.connectOptions().build()));
        control = provider().create(shell, listParser(), timeout);
        return control;
    }

    /** Output is cut to what lies between the data markers: login noise never reaches the caller. */
    @Test
    void runStripsLoginNoiseOutsideTheDataMarkers() {
        server.behaviour().noiseBeforeOutput("NOISE-FROM-BASHRC");
        ControlSession c = control();
        CommandResult r = c.run("echo hello");
        assertEquals("hello\n", r.stdout());
        assertEquals("", r.stderr());
        String sent = server.receivedCommands().get(server.receivedCommands().size() - 1);
        assertTrue(sent.contains("X2GODATABEGIN:") && sent.contains("X2GODATAEND:"),
                "command must be framed by data markers: " + sent);
    }

    /** stderr is passed through unfiltered. */
    @Test
    void runPassesStderrThrough() {
        ControlSession c = control();
        CommandResult r = c.run("echo out; echo err >&2");
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
    }

    /** Feature list, versions and home directory as the server reports them. */
    @Test
    void featuresVersionsAndHome() {
        ControlSession c = control();
        Set<String> features = c.features();
        assertEquals(15, features.size(), "features: " + features);
        assertTrue(features.contains("X2GO_LIST_SHADOWSESSIONS"));
        assertEquals("4.1.0.3", c.versions().get("x2goserver"));
        assertEquals("3.5.99.26", c.versions().get("x2goserver-x2goagent"));
        assertEquals("/home/kituser", c.remoteHome());
        assertTrue(c.isAlive());
    }

    /** No sessions: an empty list, not an error. */
    @Test
    void emptySessionList() {
        SessionList list = control().listSessions();
        assertEquals(0, list.size());
        assertEquals(List.of(), list.skippedLines());
    }

    /** Every field of a listed session matches the server's state. */
    @Test
    void listSessionsReportsEveryField() {
        FakeSession a = server.sessions().startExternally('R', "xterm");
        FakeSession b = server.sessions().startExternally('D', "KDE");
        server.sessions().suspendExternally(b.name());
        SessionList list = control().listSessions();
        assertEquals(2, list.size(), "sessions: " + list);
        SessionInfo ia = list.byName(a.name()).orElseThrow();
        assertEquals(a.agentPid(), ia.agentPid());
        assertEquals(a.display(), ia.display());
        assertEquals("kithost", ia.hostname());
        assertEquals(ServerSessionStatus.RUNNING, ia.status());
        assertEquals(a.cookie(), ia.cookie());
        assertEquals(a.graphicsPort(), ia.graphicsPort());
        assertEquals(a.soundPort(), ia.soundPort());
        assertEquals(a.sshfsPort(), ia.sshfsPort());
        assertEquals("kituser", ia.username());
        assertTrue(ia.createdAt().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"), ia.createdAt());
        assertEquals(-1, ia.tekiCtrlPort());
        assertEquals(ServerSessionStatus.SUSPENDED, list.byName(b.name()).orElseThrow().status());
        assertTrue(list.byName(b.name()).orElseThrow().isDesktopSession());
    }

    /** Noise, CRLF line endings, a locale warning and a malformed line do not hide valid sessions. */
    @Test
    void listSessionsSurvivesPollutedOutput() {
        FakeSession a = server.sessions().startExternally('R', "xterm");
        server.behaviour().noiseBeforeOutput("NOISE-FROM-BASHRC").crlfLineEndings(true)
                .localeWarningInSessionList().malformedLineInSessionList();
        SessionList list = control().listSessions();
        assertEquals(1, list.size(), "sessions: " + list);
        SessionInfo info = list.sessions().get(0);
        assertEquals(a.name(), info.name());
        assertEquals(a.sshfsPort(), info.sshfsPort());
        assertEquals(-1, info.tekiDataPort(), "a trailing \\r must not break the last field");
        assertTrue(list.skippedLines().stream().anyMatch(l -> l.contains("broken-line")),
                "malformed line must be reported as skipped: " + list.skippedLines());
    }

    /** Desktops without empty entries; mounts of a session without mounts are empty. */
    @Test
    void desktopsAndMounts() {
        FakeSession a = server.sessions().startExternally('R', "xterm");
        ControlSession c = control();
        assertEquals(List.of("kituser@:" + a.display()), c.listDesktops());
        assertEquals(List.of(), c.listMounts(a.name()));
    }

    /** Suspend and terminate reach the server; unknown names are not errors. */
    @Test
    void suspendAndTerminate() {
        FakeSession a = server.sessions().startExternally('R', "xterm");
        ControlSession c = control();
        c.suspend(a.name());
        assertEquals(ServerSessionStatus.SUSPENDED, server.sessions().get(a.name()).status());
        c.terminate(a.name());
        assertEquals(ServerSessionStatus.FAILED, server.sessions().get(a.name()).status());
        assertEquals(0, c.listSessions().size());
        c.suspend("kituser-99-1234567890_stRxterm_dp24");
        c.terminate("kituser-99-1234567890_stRxterm_dp24");
    }

    /** A session name with shell metacharacters is rejected or quoted, never executed. */
    @Test
    void sessionNamesCannotInjectCommands() {
        ControlSession c = control();
        for (String evil : List.of("x; touch /tmp/pwned1", "$(touch /tmp/pwned2)", "x' ; touch /tmp/pwned3 ; '",
                "x\" ; touch /tmp/pwned4 ; \"")) {
            try {
                c.suspend(evil);
                c.terminate(evil);
            } catch (IllegalArgumentException | X2GoException e) {
                // rejecting the name is fine too
            }
        }
        for (int i = 1; i <= 4; i++) {
            assertFalse(Files.exists(server.localPath("/tmp/pwned" + i)), "injected command ran: pwned" + i);
        }
    }

    /** Published applications, when the provider implements them, come from {@code x2gogetapps}. */
    @Test
    void publishedApplications() {
        ControlSession c = control();
        List<PublishedApplication> apps;
        try {
            apps = c.publishedApplications();
        } catch (X2GoNotImplementedYetException e) {
            Assumptions.abort("provider does not implement publishedApplications(): " + e.getMessage());
            return;
        }
        Set<String> names = apps.stream().map(PublishedApplication::name).collect(Collectors.toSet());
        assertEquals(Set.of("Vim", "XTerm", "UXTerm"), names);
    }

    /** A command slower than the time limit fails with X2GoControlSessionException, promptly. */
    @Test
    void slowCommandTimesOut() {
        ControlSession c = control(Duration.ofMillis(700));
        server.behaviour().delayCommand("x2golistsessions", Duration.ofSeconds(15));
        assertTimeoutPreemptively(STEP, () -> assertThrows(X2GoControlSessionException.class, c::listSessions));
    }

    /** A dropped connection fails the command and the session reports not alive. */
    @Test
    void droppedConnection() {
        ControlSession c = control();
        server.behaviour().dropConnectionOn("x2golistsessions");
        assertTimeoutPreemptively(STEP, () -> assertThrows(X2GoControlSessionException.class, c::listSessions));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (c.isAlive()) {
            if (System.nanoTime() > deadline) {
                fail("isAlive() still true after the connection dropped");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        assertThrows(X2GoControlSessionException.class, () -> c.run("echo"));
    }

    /** close() closes the connection and is idempotent. */
    @Test
    void closeIsIdempotent() {
        ControlSession c = control();
        RemoteShell shell = c.shell();
        assertTrue(shell.isConnected());
        c.close();
        c.close();
        assertFalse(shell.isConnected());
        assertThrows(X2GoControlSessionException.class, () -> c.run("echo"));
    }
}
