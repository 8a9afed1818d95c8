package org.x2go.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ConnectOptions;
import org.x2go.client.X2GoClient;
import org.x2go.testkit.RealX2GoServer;

/**
 * The command against the real X2Go server of {@code scripts/x2go-test-server} (127.0.0.1:2222):
 * {@code x2go -L --json}, and a start / suspend / resume / terminate cycle with the real nxproxy on
 * the test display. Skipped with the reason when the server is not up; failing when {@code CI=true}.
 */
@Tag("real-server")
class RealServerCliTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static RealX2GoServer server;
    private static ExecutorService pool;

    @TempDir
    Path home;

    @BeforeAll
    static void pool() {
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** Per test, so that a skip is reported per test with its reason. */
    @BeforeEach
    void requireServer() throws InterruptedException {
        server = RealX2GoServer.require();
        // a previous test's or module's agents may still hold their displays: a new agent there aborts
        server.awaitSettled(java.time.Duration.ofSeconds(20));
        if (!Files.isExecutable(Path.of("/usr/bin/nxproxy"))) {
            RealX2GoServer.unavailable("/usr/bin/nxproxy is not installed");
        }
    }

    private List<String> args(String... more) {
        List<String> a = new ArrayList<>(List.of("--server", server.host(), "-p", String.valueOf(server.port()),
                "-u", server.user(), "-i", server.key().toString(), "--known-hosts", server.knownHosts().toString()));
        a.addAll(List.of(more));
        return a;
    }

    private TestEnv env() {
        return new TestEnv(home).var("DISPLAY", server.display()).var("PATH", "/usr/bin:/bin");
    }

    private static int run(TestEnv t, List<String> args) {
        return t.run(args.toArray(String[]::new));
    }

    private String listJson() {
        TestEnv t = env();
        assertThat(run(t, args("-L", "--json", "--quiet"))).as(t.err()).isZero();
        return t.out();
    }

    @Test
    void listSessionsAsJson() {
        String json = listJson();
        assertThat(json).startsWith("{\"server\":\"" + server.host() + "\",\"port\":"
                + server.port() + ",\"username\":\"" + server.user() + "\",\"sessions\":[")
                .endsWith("}\n");
    }

    @Test
    void startSuspendResumeTerminateWithTheRealProxy() throws Exception {
        Pattern result = Pattern.compile("\\{\"session\":\"([^\"]+)\",\"outcome\":\"(started|resumed)\"}");
        TestEnv start = env();
        Future<Integer> startExit = pool.submit(() -> run(start, args("-N", "-c", "xterm", "--json")));
        start.awaitOut("the session to start", WAIT, o -> result.matcher(o).find());
        Matcher m = result.matcher(start.out());
        assertThat(m.find()).isTrue();
        String name = m.group(1);
        try {
            awaitAgentState(name, "RUNNING"); // suspending before nxproxy attached would kill it (README §8 #12)
            assertThat(listJson()).contains("\"name\":\"" + name + "\",\"status\":\"running\"");
            start.ctrlC();
            assertThat(startExit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as(start.err()).isZero();
            assertThat(start.out()).contains("{\"session\":\"" + name + "\",\"outcome\":\"suspended\"}");
            assertThat(listJson()).contains("\"name\":\"" + name + "\",\"status\":\"suspended\"");

            TestEnv resume = env();
            Future<Integer> resumeExit = pool.submit(() -> run(resume, args("-R", name, "--terminate-on-ctrl-c", "--json")));
            resume.awaitOut("the session to resume", WAIT, o -> o.contains("\"outcome\":\"resumed\""));
            awaitAgentState(name, "RUNNING");
            resume.ctrlC();
            assertThat(resumeExit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as(resume.err()).isZero();
            assertThat(resume.out()).contains("{\"session\":\"" + name + "\",\"outcome\":\"terminated\"}");
            assertThat(listJson()).doesNotContain(name);
        } finally {
            run(env(), args("-T", name, "--quiet")); // leave nothing behind when an assertion failed
        }
    }

    /** Polls the agent's state file on the server through a headless client, at most every 200 ms. */
    private void awaitAgentState(String session, String state) throws InterruptedException {
        ConnectOptions options = server.connectOptions();
        try (X2GoClient probe = X2GoClient.builder().graphics(false).sessionsRoot(home.resolve("probe")).build()) {
            probe.connect("probe", options);
            long deadline = System.nanoTime() + WAIT.toNanos();
            String seen = "";
            while (System.nanoTime() < deadline) {
                seen = probe.controlSession("probe").run("cat ~/.x2go/C-" + session + "/state").stdout().strip();
                if (seen.equals(state)) {
                    return;
                }
                Thread.sleep(200); // polling interval; the state is re-read, not assumed
            }
            throw new AssertionError("agent of " + session + " did not reach " + state + " within " + WAIT + "; last: " + seen);
        }
    }
}
