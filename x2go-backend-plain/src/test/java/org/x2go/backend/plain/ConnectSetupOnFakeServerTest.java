package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.X2GoRemoteHomeException;
import org.x2go.spi.ControlSession;
import org.x2go.testkit.FakeX2GoServer;

/** Connect-time set-up against the fake server: one round trip, and the separate commands as a fallback. */
class ConnectSetupOnFakeServerTest {
    private FakeX2GoServer server;
    private final JschTransport transport = new JschTransport(Optional::empty);

    @BeforeEach
    void start() {
        server = FakeX2GoServer.builder().build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ControlSession connect() {
        return new PlainControlSessionProvider().create(transport.connect(server.connectOptions().build()),
                new PlainSessionListParser(), Duration.ofSeconds(10));
    }

    @Test
    void connectSetUpIsOneRemoteCommand() {
        try (ControlSession cs = connect()) {
            List<String> sent = server.receivedCommands();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0)).contains(X2GoCommands.SETUP_MARKER);
            assertThat(cs.features()).containsExactlyInAnyOrderElementsOf(server.behaviour().features());
            assertThat(cs.remoteHome()).isEqualTo(server.homeDirectory());
            assertThat(server.receivedCommands()).hasSize(1);
            assertThat(cs.listSessions().sessions()).isEmpty();
        }
    }

    @Test
    void aCombinedAnswerThatIsNotUnderstoodFallsBackToTheSeparateCommands() {
        server.behaviour().omitEndMarker(X2GoCommands.SETUP_MARKER);
        try (ControlSession cs = connect()) {
            List<String> sent = server.receivedCommands();
            assertThat(sent).hasSize(4);
            assertThat(sent.get(1)).contains("x2gofeaturelist").doesNotContain(X2GoCommands.SETUP_MARKER);
            assertThat(sent.get(2)).contains("echo $HOME");
            assertThat(sent.get(3)).contains("stat -tL " + server.homeDirectory());
            assertThat(cs.features()).containsExactlyInAnyOrderElementsOf(server.behaviour().features());
            assertThat(cs.remoteHome()).isEqualTo(server.homeDirectory());
        }
    }

    @Test
    void aMissingHomeFailsTheOneRoundTripConnectNamingTheHome() throws IOException {
        Files.delete(server.localPath(server.homeDirectory()));
        assertThatThrownBy(this::connect).isInstanceOf(X2GoRemoteHomeException.class)
                .hasMessageContaining(server.homeDirectory()).hasMessageContaining("does not exist");
        assertThat(server.receivedCommands()).hasSize(1);
    }
}
