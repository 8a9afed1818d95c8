package org.x2go.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.x2go.it.RealServerSupport.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.x2go.testkit.RealX2GoServer;
import org.x2go.api.EventCause;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionState;
import org.x2go.api.SessionType;
import org.x2go.api.TerminalParams;
import org.x2go.client.X2GoClient;

/**
 * The whole client stack against the real x2goserver on 127.0.0.1:2222: our SSH transports, the PLAIN
 * backends, the registry and the real nxproxy drawing on the Xvfb display.
 */
@Tag("real-server")
class RealServerLifecycleTest {
    /** Fraction of the screen that must change when the session's window appears (xterm ≈ 10 %). */
    static final double DRAWN_THRESHOLD = 0.02;
    private static final Duration STEP = Duration.ofSeconds(30);

    private static RealX2GoServer server;

    @TempDir
    Path home;

    @BeforeAll
    static void findServer() {
        server = RealX2GoServer.require();
    }

    @AfterEach
    void terminateLeftovers() throws Exception {
        // A failed assertion must not leave sessions behind for the next test.
        for (String line : server.ssh("x2golistsessions").split("\n")) {
            String[] f = line.split("\\|");
            if (f.length > 2 && f[1].startsWith(server.user() + "-")) {
                server.ssh("x2goterminate-session " + f[1]);
            }
        }
    }

    private X2GoClient client(String ssh, EventRecorder events) {
        return X2GoClient.builder().set("x2go.backend.ssh", ssh).display(server.display())
                .sessionsRoot(home.resolve(".x2go")).listener(events).build();
    }

    @ParameterizedTest(name = "rootless xterm life cycle over {0}")
    @ValueSource(strings = {"JSCH", "SSHJ"})
    void rootlessLifecycle(String ssh) throws Exception {
        Screenshot before = Screenshot.take(server.display());
        EventRecorder events = new EventRecorder();
        try (X2GoClient client = client(ssh, events)) {
            String profile = client.connect("loopback-" + ssh, server.connectOptions());
            client.listSessions(profile);

            TerminalParams params = TerminalParams.builder().command("xterm").build();
            UUID uuid = client.startSession(profile, params);
            String name = client.summary(uuid).orElseThrow().sessionName();
            assertThat(name).startsWith(server.user() + "-").contains("_stRxterm_dp24");
            awaitAgentState(client, profile, name, "RUNNING");
            awaitListed(client, profile, name, 'R');
            assertThat(client.summary(uuid).orElseThrow().state()).isEqualTo(SessionState.RUNNING);
            org.x2go.spi.GraphicsProxy proxy = client.graphicsProxy(uuid).orElseThrow();
            assertThat(proxy.isAlive()).isTrue();
            assertThat(proxy.sessionDirectory()).isDirectory().endsWith(Path.of("S-" + name));
            assertThat(proxy.errorLog().getParent()).isEqualTo(proxy.sessionDirectory());

            double[] drawn = {0};
            await("the xterm window drawn on " + server.display(), STEP, () -> {
                drawn[0] = screenshotDifference(before);
                return drawn[0] > DRAWN_THRESHOLD;
            });
            assertThat(drawn[0]).isGreaterThan(DRAWN_THRESHOLD);

            client.suspendSession(uuid);
            awaitListed(client, profile, name, 'S');
            assertThat(client.summary(uuid).orElseThrow().state()).isEqualTo(SessionState.SUSPENDED);

            UUID resumed = client.resumeSession(profile, name, params);
            assertThat(resumed).isEqualTo(uuid);
            awaitAgentState(client, profile, name, "RUNNING");
            awaitListed(client, profile, name, 'R');

            client.terminateSession(uuid);
            await("session gone from the list", STEP, () -> client.listSessions(profile).byName(name).isEmpty());

            events.await(SessionEvent.Kind.STARTED, EventCause.BY_THIS_CLIENT, name, STEP);
            events.await(SessionEvent.Kind.SUSPENDED, EventCause.BY_THIS_CLIENT, name, STEP);
            events.await(SessionEvent.Kind.RESUMED, EventCause.BY_THIS_CLIENT, name, STEP);
            events.await(SessionEvent.Kind.TERMINATED, EventCause.BY_THIS_CLIENT, name, STEP);
            assertThat(events.events()).noneMatch(e -> e.cause() != EventCause.BY_THIS_CLIENT);
        }
    }

    @Test
    void desktopSessionRunsOnce() throws Exception {
        EventRecorder events = new EventRecorder();
        try (X2GoClient client = client("JSCH", events)) {
            String profile = client.connect("loopback-desktop", server.connectOptions());
            TerminalParams params = TerminalParams.builder().sessionType(SessionType.DESKTOP)
                    .command("/usr/bin/xterm").geometry("1024x700").build();
            UUID uuid = client.startSession(profile, params);
            String name = client.summary(uuid).orElseThrow().sessionName();
            assertThat(name).contains("_stD");
            awaitAgentState(client, profile, name, "RUNNING");
            SessionInfo info = awaitListed(client, profile, name, 'R');
            assertThat(info.sessionType()).contains(SessionType.DESKTOP);
            client.terminateSession(uuid);
            await("desktop session gone", STEP, () -> client.listSessions(profile).byName(name).isEmpty());
        }
    }

    private static double screenshotDifference(Screenshot before) {
        try {
            return Screenshot.take(server.display()).differenceTo(before);
        } catch (Exception e) {
            throw new AssertionError("screenshot failed", e);
        }
    }

    static void awaitAgentState(X2GoClient client, String profile, String name, String state) throws InterruptedException {
        await("agent state " + state + " of " + name, STEP, () -> state.equals(
                client.controlSession(profile).run("cat ~/.x2go/C-" + name + "/state").stdout().strip()));
    }

    static SessionInfo awaitListed(X2GoClient client, String profile, String name, char status)
            throws InterruptedException {
        SessionInfo[] found = {null};
        await(name + " listed as " + status, STEP, () -> {
            SessionList l = client.listSessions(profile);
            found[0] = l.byName(name).filter(i -> i.status().letter() == status).orElse(null);
            return found[0] != null;
        });
        return found[0];
    }
}
