package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ConnectOptions;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionState;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoSessionException;

/** A headless client does not let the server end a session no NX client ever attached to. */
class HeadlessSuspendTest {
    private static final ConnectOptions OPTIONS = ConnectOptions.builder("127.0.0.1", "alice").port(2222).build();
    private static final TerminalParams PARAMS = TerminalParams.builder().command("xterm").build();

    private final InMemoryServer server = new InMemoryServer();

    @TempDir
    Path root;

    private X2GoClient headless() {
        return server.clientBuilder(false).sessionsRoot(root).ownOperationWait(Duration.ofSeconds(10)).build();
    }

    @Test
    void suspendingASessionNoNxClientAttachedToIsRefusedAndTheSessionKeepsRunning() {
        try (X2GoClient client = headless()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            assertThatThrownBy(() -> client.suspendSession(u))
                    .isInstanceOf(SessionNeverAttachedException.class)
                    .isInstanceOf(X2GoSessionException.class)
                    .hasMessageContaining(name)
                    .hasMessageContaining("x2go.backend.proxy=TUNNEL")
                    .hasMessageContaining("nxClientAttached")
                    .satisfies(e -> {
                        assertThat(((SessionNeverAttachedException) e).uuid()).isEqualTo(u);
                        assertThat(((SessionNeverAttachedException) e).sessionName()).isEqualTo(name);
                    });
            assertThat(server.suspends).hasValue(0); // nothing reached the server
            assertThat(server.status(name)).isEqualTo(ServerSessionStatus.RUNNING);
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.RUNNING);
            client.terminateSession(u); // the way out it names still works
            assertThat(server.status(name)).isNull();
        }
    }

    @Test
    void aDeclaredNxClientLetsTheSuspendGoAheadUntilTheNextOwnResume() {
        try (X2GoClient client = headless()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            client.nxClientAttached(u);
            client.suspendSession(u);
            assertThat(server.status(name)).isEqualTo(ServerSessionStatus.SUSPENDED);

            assertThat(client.resumeSession(p, name, PARAMS)).isEqualTo(u);
            // resumed headless: no NX client again
            assertThatThrownBy(() -> client.suspendSession(u)).isInstanceOf(SessionNeverAttachedException.class);
            assertThat(server.suspends).hasValue(1);
        }
    }

    @Test
    void aSessionThisClientDidNotBringUpIsSuspendedAsBefore() {
        String other = server.add(ServerSessionStatus.RUNNING); // started by another client, which attached
        try (X2GoClient client = headless()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.sessionByName(p, other);
            client.listSessions(p);
            client.suspendSession(u);
            assertThat(server.status(other)).isEqualTo(ServerSessionStatus.SUSPENDED);
        }
    }

    @Test
    void aSessionSuspendedAndResumedElsewhereSinceIsNoLongerHeldBack() {
        try (X2GoClient client = headless()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            // another client suspends it, then resumes it with its own NX client attached
            server.suspend(name);
            client.listSessions(p);
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.SUSPENDED);
            server.resume(name);
            client.listSessions(p);
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.RUNNING);
            client.suspendSession(u);
            assertThat(server.status(name)).isEqualTo(ServerSessionStatus.SUSPENDED);
        }
    }

    @Test
    void aClientWithAGraphicsProxySuspendsWithoutDeclaringAnything() {
        try (X2GoClient client = server.clientBuilder(true).sessionsRoot(root).build()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            client.suspendSession(u);
            assertThat(server.status(name)).isEqualTo(ServerSessionStatus.SUSPENDED);
        }
    }

    @Test
    void theServersAgentStateDecides_anAgentStillStartingIsRefusedEvenWhenDeclared() {
        try (X2GoClient client = headless()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            server.agentStates.put(name, "STARTING");
            client.nxClientAttached(u);
            assertThatThrownBy(() -> client.suspendSession(u)).isInstanceOf(SessionNeverAttachedException.class)
                    .hasMessageContaining("the server reports its agent as still STARTING");
            assertThat(server.suspends).hasValue(0);
            assertThat(server.commands).contains("cat '/home/alice/.x2go/C-" + name + "/state'");
        }
    }

    @Test
    void anAgentTheServerReportsAttachedIsSuspendedWithoutADeclaration() {
        // a gateway's (or the CLI user's) own NX client attached outside this library: the agent runs
        try (X2GoClient client = headless()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            server.agentStates.put(name, "RUNNING");
            client.suspendSession(u);
            assertThat(server.status(name)).isEqualTo(ServerSessionStatus.SUSPENDED);
        }
    }

    @Test
    void anUnreadableAgentStateFallsBackToWhatThisClientKnows() {
        server.agentStatesReadable = true; // the file is missing: cat fails
        try (X2GoClient client = headless()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            assertThatThrownBy(() -> client.suspendSession(u)).isInstanceOf(SessionNeverAttachedException.class)
                    .hasMessageContaining("no NX client was declared attached");
            client.nxClientAttached(u);
            client.suspendSession(u);
            assertThat(server.suspends).hasValue(1);
        }
    }

    @Test
    void aGraphicsClientDoesNotAskTheServerForTheAgentState() {
        try (X2GoClient client = server.clientBuilder(true).sessionsRoot(root).build()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            client.suspendSession(u);
            assertThat(server.commands).noneMatch(c -> c.contains("/state"));
        }
    }
}
