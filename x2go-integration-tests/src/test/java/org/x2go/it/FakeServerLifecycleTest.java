package org.x2go.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.x2go.api.EventCause;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionState;
import org.x2go.api.TerminalParams;
import org.x2go.client.X2GoClient;
import org.x2go.testkit.FakeX2GoServerExtension;

/** The whole client stack over both SSH transports against the in-process fake server. */
class FakeServerLifecycleTest {
    private static final Duration STEP = Duration.ofSeconds(20);

    @RegisterExtension
    final FakeX2GoServerExtension x2go = FakeX2GoServerExtension.perTest();

    @TempDir
    Path home;

    @org.junit.jupiter.api.Test
    void aServerWithoutX2GoFeaturesIsRejectedAtConnect() {
        x2go.behaviour().features(java.util.List.of());
        try (X2GoClient client = X2GoClient.builder().graphics(false).sessionsRoot(home).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.connect("plain-ssh", x2go.connectOptions()))
                    .isInstanceOf(org.x2go.api.X2GoNotAnX2GoServerException.class)
                    .hasMessageContaining("is not an X2Go server");
            assertThat(client.connectedProfiles()).isEmpty();
        }
    }

    @ParameterizedTest(name = "life cycle over {0}")
    @ValueSource(strings = {"JSCH", "SSHJ"})
    void lifecycle(String ssh) throws Exception {
        EventRecorder events = new EventRecorder();
        try (X2GoClient client = X2GoClient.builder().set("x2go.backend.ssh", ssh).set("x2go.backend.proxy", "tunnel")
                .display(":0").sessionsRoot(home).listener(events).build()) {
            String profile = client.connect("fake", x2go.connectOptions());
            assertThat(client.listSessions(profile).sessions()).isEmpty();

            TerminalParams params = TerminalParams.builder().command("xterm").build();
            UUID uuid = client.startSession(profile, params);
            String name = client.summary(uuid).orElseThrow().sessionName();
            x2go.sessions().awaitProxyAttached(name, STEP);
            assertThat(client.listSessions(profile).byName(name).orElseThrow().isRunning()).isTrue();
            events.await(SessionEvent.Kind.STARTED, EventCause.BY_THIS_CLIENT, name, STEP);

            client.suspendSession(uuid);
            // an own suspend returns once the server lists the session as suspended
            assertThat(client.controlSession(profile).listSessions().byName(name).orElseThrow().isSuspended()).isTrue();
            events.await(SessionEvent.Kind.SUSPENDED, EventCause.BY_THIS_CLIENT, name, STEP);

            assertThat(client.resumeSession(profile, name, params)).isEqualTo(uuid);
            x2go.sessions().awaitProxyAttached(name, STEP);
            events.await(SessionEvent.Kind.RESUMED, EventCause.BY_THIS_CLIENT, name, STEP);

            // Another client suspends it: the next reconciliation reports the suspend seen on the server
            x2go.sessions().suspendExternally(name);
            client.listSessions(profile);
            events.await(SessionEvent.Kind.SUSPENDED, EventCause.BY_SERVER, name, STEP);
            assertThat(client.summary(uuid).orElseThrow().state()).isEqualTo(SessionState.SUSPENDED);

            client.resumeSession(profile, name, params);
            client.terminateSession(uuid);
            assertThat(client.listSessions(profile).byName(name)).isEmpty();
            events.awaitExactly(name, STEP, "STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_THIS_CLIENT",
                    "RESUMED/BY_THIS_CLIENT", "SUSPENDED/BY_SERVER", "RESUMED/BY_THIS_CLIENT", "TERMINATED/BY_THIS_CLIENT");
            assertThat(x2go.receivedCommands()).anyMatch(c -> c.contains("x2goterminate-session"));
        }
    }
}
