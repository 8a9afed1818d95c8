package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.SessionInfo;
import org.x2go.api.TerminalParams;
import org.x2go.testkit.RealX2GoServer;

/**
 * The headless rule against the real x2goserver of {@code scripts/x2go-test-server}: the server's agent
 * state file is where the client looks, and a refused suspend leaves the session running. Skipped when the
 * server is not up, failed instead when {@code CI=true}.
 */
@Tag("real-server")
class RealServerHeadlessTest {
    private static final Duration STEP = Duration.ofSeconds(45);

    @TempDir
    Path home;

    private RealX2GoServer server;

    @BeforeEach
    void requireServer() throws InterruptedException {
        server = RealX2GoServer.require();
        server.awaitSettled(Duration.ofSeconds(20));
    }

    @Test
    void headlessSuspendOfANeverAttachedSessionIsRefusedOnTheRealServerAndTheSessionStaysListed() {
        try (X2GoClient client = X2GoClient.builder().systemProperties(new Properties()).graphics(false)
                .sessionsRoot(home.resolve(".x2go")).ownOperationWait(STEP).build()) {
            String p = client.connect("real", server.connectOptions());
            UUID u = client.startSession(p, TerminalParams.builder().command("xterm").build());
            try {
                String name = client.summary(u).orElseThrow().sessionName();
                assertThatThrownBy(() -> client.suspendSession(u)).isInstanceOf(SessionNeverAttachedException.class)
                        .hasMessageContaining("the server reports its agent as still STARTING");
                assertThat(client.controlSession(p).listSessions().byName(name).map(SessionInfo::isRunning))
                        .contains(true);
            } finally {
                client.terminateSession(u);
            }
        }
    }
}
