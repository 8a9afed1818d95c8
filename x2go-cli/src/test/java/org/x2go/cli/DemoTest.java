package org.x2go.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code x2go demo}: the whole life cycle against the embedded fake server, end to end. */
class DemoTest {
    @TempDir
    Path home;

    private static void assertLifeCycle(TestEnv t) {
        String out = t.out();
        assertThat(out).contains("x2go demo: fake X2Go server on 127.0.0.1:", "SHA256:");
        assertThat(out).containsPattern("event: STARTED \\S+ \\(by this client\\)")
                .containsPattern("event: SUSPENDED \\S+ \\(by this client\\)")
                .containsPattern("event: RESUMED \\S+ \\(by this client\\)")
                .containsPattern("event: SUSPENDED \\S+ \\(by another client or the server\\)")
                .containsPattern("event: TERMINATED \\S+ \\(by this client\\)");
        // events appear in life-cycle order
        int started = out.indexOf("event: STARTED");
        int other = out.indexOf("(by another client or the server)");
        int terminated = out.indexOf("event: TERMINATED");
        assertThat(started).isLessThan(other);
        assertThat(other).isLessThan(terminated);
        assertThat(out).contains("phase timings", "1. connect", "starting agent", "demo finished: ");
        assertThat(out).containsPattern("3\\. start a session \\(xterm\\)\\s+\\d+\\.\\d ms");
    }

    @Test
    void headlessDemoRunsTheWholeLifeCycleWithJsch() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("demo", "--headless")).as(t.err()).isZero();
        assertLifeCycle(t);
        assertThat(t.out()).contains("SSH backend JSCH", "stand-in proxy attaches");
    }

    @Test
    void demoWithSshj() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("demo", "--ssh-backend", "SSHJ")).as(t.err()).isZero();
        assertLifeCycle(t);
        assertThat(t.out()).contains("SSH backend SSHJ", "headless");
    }

    @Test
    void demoHelp() {
        TestEnv t = new TestEnv(home);
        assertThat(t.run("demo", "--help")).isZero();
        assertThat(t.out()).contains("Usage: x2go demo", "--ssh-backend", "--headless");
    }
}
