package org.x2go.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;

class FakeX2GoServerExtensionTest {

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerTest {
        @RegisterExtension
        final FakeX2GoServerExtension x2go = FakeX2GoServerExtension.perTest()
                .configure(b -> b.user("ext").hostname("exthost"));

        @Test
        @Order(1)
        void connectOptionsArePrefilled(ConnectOptions options, FakeX2GoServer server) throws Exception {
            assertThat(server).isSameAs(x2go.server());
            assertThat(options.host()).isEqualTo("127.0.0.1");
            assertThat(options.port()).isEqualTo(server.port());
            assertThat(options.username()).isEqualTo("ext");
            assertThat(options.privateKeys()).containsExactly(server.clientKeyFile());
            assertThat(options.knownHosts()).isEqualTo(server.knownHostsFile());
            assertThat(options.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
            assertThat(Files.readString(options.knownHosts())).contains("[127.0.0.1]:" + server.port() + " ");
            try (MinaClient c = new MinaClient(server)) {
                assertThat(c.exec("hostname").stdout()).isEqualTo("exthost\n");
            }
            x2go.sessions().startExternally('R', "xterm");
        }

        @Test
        @Order(2)
        void eachTestGetsAFreshServer() {
            assertThat(x2go.sessions().all()).isEmpty();
            assertThat(x2go.receivedCommands()).isEmpty();
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerClass {
        @RegisterExtension
        static final FakeX2GoServerExtension X2GO = FakeX2GoServerExtension.perClass();

        static int firstPort;

        @Test
        @Order(1)
        void first() throws Exception {
            firstPort = X2GO.server().port();
            X2GO.sessions().startExternally('R', "xterm");
            X2GO.behaviour().delayCommand("echo", Duration.ofSeconds(30));
            try (MinaClient c = new MinaClient(X2GO.server())) {
                c.session.close(true);
            }
        }

        @Test
        @Order(2)
        void secondSharesTheServerButNotTheScriptOrLog() throws Exception {
            assertThat(X2GO.server().port()).isEqualTo(firstPort);
            assertThat(X2GO.sessions().listed()).hasSize(1);
            try (MinaClient c = new MinaClient(X2GO.server())) {
                assertThat(c.exec("echo quick").stdout()).as("delay was reset").isEqualTo("quick\n");
            }
            assertThat(X2GO.receivedCommands()).containsExactly("echo quick");
        }
    }
}
