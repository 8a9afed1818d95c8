package org.x2go.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Test classes that {@link FakeX2GoServerExtensionNestingTest} runs through the JUnit Platform launcher.
 * Not named {@code *Test}, so surefire does not run them itself; the condition guards any other runner.
 */
final class ExtensionNestingFixtures {

    static volatile boolean launched;
    static final List<FakeX2GoServer> SEEN = new CopyOnWriteArrayList<>();

    private ExtensionNestingFixtures() {
    }

    static boolean isLaunched() {
        return launched;
    }

    @EnabledIf("org.x2go.testkit.ExtensionNestingFixtures#isLaunched")
    static class PerClass {
        @RegisterExtension
        static final FakeX2GoServerExtension X2GO = FakeX2GoServerExtension.perClass();

        @Test
        void outer(FakeX2GoServer server) {
            SEEN.add(server);
            X2GO.sessions().startExternally('R', "xterm");
        }

        @Nested
        class Inner {
            @Test
            void inner(FakeX2GoServer server) {
                SEEN.add(server);
                assertThat(X2GO.server()).isSameAs(server);
                assertThat(server.sessions().all()).as("the outer test's session").hasSize(1);
            }

            @Nested
            class Deeper {
                @Test
                void deeper(FakeX2GoServer server) throws Exception {
                    SEEN.add(server);
                    try (MinaClient c = new MinaClient(server)) {
                        assertThat(c.exec("echo shared").stdout()).isEqualTo("shared\n");
                    }
                }
            }
        }
    }

    @EnabledIf("org.x2go.testkit.ExtensionNestingFixtures#isLaunched")
    static class PerTest {
        @RegisterExtension
        static final FakeX2GoServerExtension X2GO = FakeX2GoServerExtension.perTest();

        @Test
        void outer(FakeX2GoServer server) {
            SEEN.add(server);
        }

        @Nested
        class Inner {
            @Test
            void inner(FakeX2GoServer server) {
                SEEN.add(server);
                assertThat(server.sessions().all()).isEmpty();
            }
        }
    }
}
