package org.x2go.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@link FakeX2GoServerExtension#perClass()} with {@code @Nested} classes, run through the JUnit Platform
 * launcher so the test can look at what is left once the outer class has finished.
 */
class FakeX2GoServerExtensionNestingTest {

    private static final List<FakeX2GoServer> SEEN = ExtensionNestingFixtures.SEEN;

    @Test
    void nestedClassesShareTheOuterServerAndNothingOutlivesTheOuterClass() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        SEEN.clear();
        TestExecutionSummary summary = launch(ExtensionNestingFixtures.PerClass.class);

        assertThat(summary.getFailures()).as("fixture failures").isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        assertThat(SEEN).hasSize(3);
        assertThat(SEEN.stream().distinct().count()).as("one server for the outer and both nested classes")
                .isEqualTo(1);
        Path workDir = SEEN.get(0).clientKeyFile().getParent().getParent();
        assertThat(workDir).as("temporary directory deleted").doesNotExist();
        assertThat(serverThreadsStartedSince(before, Duration.ofSeconds(10))).as("server threads still alive")
                .isEmpty();
    }

    @Test
    void aPerTestServerInANestedClassIsClosedAfterEachTest() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        SEEN.clear();
        TestExecutionSummary summary = launch(ExtensionNestingFixtures.PerTest.class);

        assertThat(summary.getFailures()).as("fixture failures").isEmpty();
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
        for (FakeX2GoServer s : SEEN) {
            assertThat(s.clientKeyFile().getParent().getParent()).doesNotExist();
        }
        assertThat(serverThreadsStartedSince(before, Duration.ofSeconds(10))).isEmpty();
    }

    private static TestExecutionSummary launch(Class<?> fixture) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        ExtensionNestingFixtures.launched = true;
        try {
            launcher.execute(request, listener);
        } finally {
            ExtensionNestingFixtures.launched = false;
        }
        return listener.getSummary();
    }

    /** Polls (bounded) until the threads the servers started have ended; returns the survivors' names. */
    private static List<String> serverThreadsStartedSince(Set<Thread> before, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<String> alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName)
                    .filter(n -> n.startsWith("sshd-") || n.startsWith("x2go-fake-") || n.contains("Nio2"))
                    .sorted()
                    .collect(Collectors.toList());
            if (alive.isEmpty() || System.nanoTime() > deadline) {
                return alive;
            }
            Thread.sleep(20); // polling with a deadline, not synchronisation
        }
    }
}
