package org.x2go.backend.sshj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.ConnectOptions;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.TerminalParams;
import org.x2go.backend.plain.JschTransport;
import org.x2go.backend.plain.PlainControlSessionProvider;
import org.x2go.backend.plain.PlainSessionListParser;
import org.x2go.backend.plain.PlainTerminalSessionProvider;
import org.x2go.spi.ControlSession;
import org.x2go.spi.SshTransport;
import org.x2go.spi.TerminalSession;

/**
 * Against the real X2Go server of {@code scripts/x2go-test-server} (127.0.0.1:2222, user x2gotest, state in
 * {@code $X2GO_TEST_DIR}, default {@code /tmp/x2go-test-server}): connect, features, list, start an agent,
 * run the command, terminate. Skipped when the server is not there, except with {@code CI=true}.
 */
@Tag("real-server")
class RealServerTest {
    static final Path DIR = Path.of(System.getenv().getOrDefault("X2GO_TEST_DIR", "/tmp/x2go-test-server"));

    static Stream<Arguments> transports() {
        return Stream.of(Arguments.of("JSCH", new JschTransport()), Arguments.of("SSHJ", new SshjTransport()));
    }

    @BeforeAll
    static void serverAvailable() {
        String why = null;
        if (!Files.isReadable(DIR.resolve("client_ed25519")) || !Files.isReadable(DIR.resolve("known_hosts"))) {
            why = "no client key / known_hosts in " + DIR;
        } else {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", 2222), 1000);
            } catch (IOException e) {
                why = "nothing listens on 127.0.0.1:2222";
            }
        }
        if (why != null && "true".equals(System.getenv("CI"))) {
            fail("real X2Go server required with CI=true: " + why);
        }
        assumeTrue(why == null, "real X2Go server not available (scripts/x2go-test-server): " + why);
    }

    private static ControlSession connect(SshTransport transport) {
        ConnectOptions o = ConnectOptions.builder("127.0.0.1", "x2gotest").port(2222)
                .privateKey(DIR.resolve("client_ed25519")).knownHosts(DIR.resolve("known_hosts")).build();
        return new PlainControlSessionProvider().create(transport.connect(o), new PlainSessionListParser(),
                Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void connectFeaturesVersionsList(String label, SshTransport transport) {
        try (ControlSession cs = connect(transport)) {
            assertThat(cs.features()).contains("X2GO_LIST_SHADOWSESSIONS");
            assertThat(cs.versions()).containsKey("x2goserver");
            assertThat(cs.listSessions().skippedLines()).isEmpty();
            assertThat(cs.isAlive()).isTrue();
        }
    }

    /** x2gostartagent takes seconds on the real server, so the session life cycle runs through JSch only. */
    @org.junit.jupiter.api.Test
    void startRunTerminate() {
        try (ControlSession cs = connect(new JschTransport())) {
            TerminalSession ts = new PlainTerminalSessionProvider().start(cs,
                    TerminalParams.builder().command("xterm").build());
            String name = ts.sessionName();
            try {
                assertThat(name).startsWith("x2gotest-").contains("_stRxterm_dp24");
                ts.runCommand();
                assertThat(cs.listSessions().byName(name).orElseThrow().status()).isEqualTo(ServerSessionStatus.RUNNING);
            } finally {
                ts.terminate();
            }
            assertThat(cs.listSessions().byName(name)).isEmpty();
        }
    }
}
