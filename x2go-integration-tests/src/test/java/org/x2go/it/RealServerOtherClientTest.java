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
import org.x2go.testkit.RealX2GoServer;
import org.x2go.api.EventCause;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionState;
import org.x2go.api.TerminalParams;
import org.x2go.client.X2GoClient;
import org.x2go.guardian.GuardianOptions;

/**
 * With the guardian on, other clients suspend, resume and terminate our session and start one of their own:
 * plain OpenSSH running the X2Go server scripts, and for the resume a second, independent {@link X2GoClient}.
 * The registry must report each change within two refresh intervals with the cause the evidence allows:
 * a resume by another client (only a client resumes), a suspend or end seen on the server (cause unknown),
 * a session this client did not start registered as another client's.
 */
@Tag("real-server")
class RealServerOtherClientTest {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Two refresh intervals, plus the time one x2golistsessions round trip may take on a loaded machine. */
    private static final Duration DETECT = INTERVAL.multipliedBy(2).plusSeconds(2);

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

    @Test
    void changesByAnotherClientAreReportedAsSuch() throws Exception {
        EventRecorder events = new EventRecorder();
        GuardianOptions guardian = GuardianOptions.builder().autoUpdateSessionRegistry(true)
                .autoRegisterSessions(true).refreshInterval(INTERVAL).build();
        try (X2GoClient client = X2GoClient.builder().display(server.display()).sessionsRoot(home.resolve(".x2go"))
                .listener(events).guardian(guardian).build()) {
            String profile = client.connect("loopback-other", server.connectOptions());
            UUID uuid = client.startSession(profile, TerminalParams.builder().command("xterm").build());
            String name = client.summary(uuid).orElseThrow().sessionName();
            RealServerLifecycleTest.awaitAgentState(client, profile, name, "RUNNING");

            server.ssh("x2gosuspend-session " + name);
            events.await(SessionEvent.Kind.SUSPENDED, EventCause.BY_SERVER, name, DETECT);
            await("the record suspended", DETECT,
                    () -> client.summary(uuid).orElseThrow().state() == SessionState.SUSPENDED);

            // The resume is done by a second, independent X2GoClient, because it attaches a proxy: resumed by
            // plain ssh, nxagent stays RESUMING for only 2 to 35 s before it falls back to SUSPENDED, so a tick
            // could miss the R, and a terminate racing that fallback can leave the dead session listed as S
            // (x2golistsessions and x2gocleansessions write S without re-reading the row; seen in CI).
            try (X2GoClient second = X2GoClient.builder().display(server.display())
                    .sessionsRoot(home.resolve("other/.x2go")).build()) {
                String secondProfile = second.connect("loopback-second-client", server.connectOptions());
                second.resumeSession(secondProfile, name, TerminalParams.builder().command("xterm").build());
                events.await(SessionEvent.Kind.RESUMED, EventCause.BY_OTHER_CLIENT, name, DETECT);
                RealServerLifecycleTest.awaitAgentState(second, secondProfile, name, "RUNNING");

                server.ssh("x2goterminate-session " + name);
                events.await(SessionEvent.Kind.TERMINATED, EventCause.BY_SERVER, name, DETECT);
            }
            events.awaitExactly(name, DETECT, "STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_SERVER",
                    "RESUMED/BY_OTHER_CLIENT", "TERMINATED/BY_SERVER");

            String out = server.ssh("x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24 null null/null 0 R xterm both");
            String other = out.strip().split("\n")[3].strip();
            SessionEvent registered = events.await(SessionEvent.Kind.REGISTERED, EventCause.BY_OTHER_CLIENT, other, DETECT);
            assertThat(client.registry().sessionOfSessionName(other)).contains(registered.sessionUuid());
            events.awaitExactly(other, DETECT, "REGISTERED/BY_OTHER_CLIENT");
            events.awaitExactly(name, DETECT, "STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_SERVER",
                    "RESUMED/BY_OTHER_CLIENT", "TERMINATED/BY_SERVER");
        }
    }

    @Test
    void connectingWhileASessionRunsReportsItAsFoundRunning() throws Exception {
        try (X2GoClient first = X2GoClient.builder().display(server.display())
                .sessionsRoot(home.resolve("first/.x2go")).build()) {
            String firstProfile = first.connect("loopback-first", server.connectOptions());
            UUID uuid = first.startSession(firstProfile, TerminalParams.builder().command("xterm").build());
            String name = first.summary(uuid).orElseThrow().sessionName();
            RealServerLifecycleTest.awaitAgentState(first, firstProfile, name, "RUNNING");

            EventRecorder events = new EventRecorder();
            GuardianOptions guardian = GuardianOptions.builder().autoRegisterSessions(true).refreshInterval(INTERVAL)
                    .build();
            try (X2GoClient client = X2GoClient.builder().display(server.display())
                    .sessionsRoot(home.resolve(".x2go")).listener(events).guardian(guardian).build()) {
                String profile = client.connect("loopback-connecting", server.connectOptions());
                assertThat(client.registry().sessionOfSessionName(name)).as("registered by connect").isPresent();
                events.awaitExactly(name, DETECT, "REGISTERED/BY_OTHER_CLIENT",
                        "FOUND_RUNNING_AFTER_CONNECT/BY_OTHER_CLIENT");
                assertThat(profile).isEqualTo("loopback-connecting");
            }
            first.terminateSession(uuid);
        }
    }
}
