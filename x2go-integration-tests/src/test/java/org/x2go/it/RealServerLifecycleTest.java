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
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionState;
import org.x2go.api.SessionType;
import org.x2go.api.TerminalParams;
import org.x2go.client.X2GoClient;
import org.x2go.guardian.GuardianOptions;

/**
 * The whole client stack against the real x2goserver on 127.0.0.1:2222: our SSH transports, the PLAIN
 * backends, the registry and the real nxproxy drawing on the Xvfb display. The events of every flow
 * (own, other clients, command exit, killed proxy, connect while running, a slow server) are checked
 * by {@link RealServerEventMatrixTest}.
 */
@Tag("real-server")
class RealServerLifecycleTest {
    /** Fraction of the screen that must change when the session's window appears (xterm ≈ 10 %). */
    static final double DRAWN_THRESHOLD = 0.02;
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Duration TICK = Duration.ofSeconds(1);
    /** Issue 13: a resume straight after an own suspend took 11 s while the server still listed R. */
    private static final Duration RESUME_AFTER_SUSPEND = Duration.ofSeconds(3);

    private static RealX2GoServer server;
    /** How long a test waits for the previous test's agents to exit. */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @TempDir
    Path home;
    /** The test user's sessions listed before the test: cleaned-up sessions are only the test's own. */
    private java.util.Set<String> sessionsBefore = java.util.Set.of();

    @BeforeAll
    static void findServer() {
        server = RealX2GoServer.require();
    }

    @org.junit.jupiter.api.BeforeEach
    void noteSessionsBefore() throws Exception {
        sessionsBefore = RealServerSupport.listedSessions(server);
        RealServerSupport.settle(server, SETTLE); // a previous module's agents may still hold their displays
    }

    @AfterEach
    void terminateLeftovers() throws Exception {
        RealServerSupport.terminateSessionsStartedSince(server, sessionsBefore);
        RealServerSupport.settle(server, SETTLE);
    }

    private X2GoClient client(String ssh, EventRecorder events) {
        return X2GoClient.builder().listener(RealServerSupport.OWN_SESSIONS).set("x2go.backend.ssh", ssh).display(server.display())
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
            // guaranteed: an own suspend returns once the server lists the session as suspended
            assertThat(listed(client, profile, name).orElseThrow().status().letter()).isEqualTo('S');
            assertThat(client.summary(uuid).orElseThrow().state()).isEqualTo(SessionState.SUSPENDED);

            UUID resumed = client.resumeSession(profile, name, params);
            assertThat(resumed).isEqualTo(uuid);
            awaitAgentState(client, profile, name, "RUNNING");
            awaitListed(client, profile, name, 'R');

            client.terminateSession(uuid);
            await("session gone from the list", STEP, () -> client.listSessions(profile).byName(name).isEmpty());

            events.awaitExactly(name, STEP, "STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_THIS_CLIENT",
                    "RESUMED/BY_THIS_CLIENT", "TERMINATED/BY_THIS_CLIENT");
            assertThat(events.events()).noneMatch(e -> e.cause() != EventCause.BY_THIS_CLIENT);
        }
    }

    /** Guardian ticks every second, auto-registration on: what an integrator runs. */
    private X2GoClient guardedClient(EventRecorder events) {
        return X2GoClient.builder().listener(RealServerSupport.OWN_SESSIONS).set("x2go.backend.ssh", "JSCH").display(server.display())
                .sessionsRoot(home.resolve(".x2go")).listener(events)
                .guardian(GuardianOptions.builder().autoRegisterSessions(true).refreshInterval(TICK).build()).build();
    }

    @Test
    void ownSuspendThenResumeIsFast_andOwnTerminateIsNeverRelistedOrRegisteredAgain() throws Exception {
        EventRecorder events = new EventRecorder();
        try (X2GoClient client = guardedClient(events)) {
            String profile = client.connect("loopback-own", server.connectOptions());
            TerminalParams params = TerminalParams.builder().command("xterm").build();
            UUID uuid = client.startSession(profile, params);
            String name = client.summary(uuid).orElseThrow().sessionName();
            awaitAgentState(client, profile, name, "RUNNING"); // a proxy attached: the agent survives a suspend

            client.suspendSession(uuid);
            assertThat(listed(client, profile, name).orElseThrow().status().letter()).isEqualTo('S');
            long t0 = System.nanoTime();
            assertThat(client.resumeSession(profile, name, params)).isEqualTo(uuid);
            Duration resume = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(resume).as("resume straight after an own suspend").isLessThan(RESUME_AFTER_SUSPEND);
            awaitAgentState(client, profile, name, "RUNNING");
            awaitTicks(client, 2); // the guardian has looked at the resumed session

            client.terminateSession(uuid);
            assertThat(listed(client, profile, name)).as("gone once terminateSession returned").isEmpty();
            awaitTicks(client, 3); // a relisted or re-registered session would show up here
            assertThat(client.registry().sessionOfSessionName(name)).isEmpty();
            events.awaitExactly(name, STEP, "STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_THIS_CLIENT",
                    "RESUMED/BY_THIS_CLIENT", "TERMINATED/BY_THIS_CLIENT");
        }
    }

    /** The server's entry for a session, straight from the control session (no reconciliation). */
    static java.util.Optional<SessionInfo> listed(X2GoClient client, String profile, String name) {
        return client.controlSession(profile).listSessions().byName(name);
    }

    /** Waits until the client's guardian has finished n more ticks. */
    static void awaitTicks(X2GoClient client, int n) throws InterruptedException {
        org.x2go.guardian.SessionGuardian g = client.guardian().orElseThrow();
        long target = g.tickCount() + n + 1; // the tick in progress may have listed before the change
        await(n + " guardian ticks", TICK.multipliedBy(n + 2L).plus(STEP), () -> g.tickCount() >= target);
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
