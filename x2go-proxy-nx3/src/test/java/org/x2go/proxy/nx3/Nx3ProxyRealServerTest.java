package org.x2go.proxy.nx3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.AgentInfo;
import org.x2go.spi.CommandResult;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.ProxyRequest;
import org.x2go.testkit.RealX2GoServer;

/**
 * The real {@code /usr/bin/nxproxy} against the real X2Go server that {@code scripts/x2go-test-server}
 * runs on 127.0.0.1:2222, with plain OpenSSH for the session commands and the tunnel (real-server
 * README §3.1, §4.3). Skipped when the server is not up, failed instead when {@code CI=true}. The script
 * can be pointed elsewhere with {@code -Dx2go.test.server.script=<path>}.
 */
@Tag("real-server")
class Nx3ProxyRealServerTest {
    private static final Duration CMD_TIMEOUT = Duration.ofSeconds(60);
    private static final int STATE_POLLS = 600; // x 0.1 s on the server: a 60 s deadline (the box is shared)
    private static RealX2GoServer server;

    @TempDir
    Path tmp;

    /** Per test (not {@code @BeforeAll}) so that a skip is reported as a skipped test, with its reason. */
    @BeforeEach
    void requireServer() throws InterruptedException {
        server = RealX2GoServer.require();
        // a previous test's or module's agents may still hold their displays: a new agent there aborts
        server.awaitSettled(java.time.Duration.ofSeconds(20));
        if (!Files.isExecutable(Nx3ProxyProvider.DEFAULT_BINARY)) {
            RealX2GoServer.unavailable(Nx3ProxyProvider.DEFAULT_BINARY + " is not installed");
        }
    }

    @Test
    void realNxproxyAttachesToARealAgentWhichReachesRunning(TestReporter reporter) throws Exception {
        OpenSshShell shell = new OpenSshShell(server.host(), server.port(), server.user(), server.key(),
                server.knownHosts(),
                Files.createDirectories(tmp.resolve("ssh")));
        long a0 = System.nanoTime();
        AgentInfo agent = startAgent(shell);
        System.out.printf("[real-server] x2gostartagent %d ms%n", ms(a0));
        String session = agent.sessionName();
        GraphicsProxy proxy = null;
        try {
            assertThat(readState(shell, session)).isEqualTo("STARTING");
            Path sessionsRoot = tmp.resolve("client/.x2go");

            long t0 = System.nanoTime();
            proxy = new Nx3ProxyProvider().start(new ProxyRequest(shell, agent, sessionsRoot, server.display()));
            long started = System.nanoTime();
            Process watcher = watchState(shell, session);
            // Exactly as python-x2go sends it; the trailing "exit" leaves no room for an end marker.
            CommandResult run = shell.exec("setsid x2goruncommand " + agent.display() + " " + agent.agentPid() + " "
                    + session + " " + agent.soundPort() + " \"xterm\" none R 1>/dev/null 2>/dev/null & exit", CMD_TIMEOUT);
            assertThat(run.exitStatus()).as("x2goruncommand launch, stderr: %s", run.stderr()).isZero();
            long runningAt = awaitRunning(watcher, session);

            long toRunningMs = TimeUnit.NANOSECONDS.toMillis(runningAt - t0);
            long startMs = TimeUnit.NANOSECONDS.toMillis(started - t0);
            reporter.publishEntry("nxproxyStartMs", Long.toString(startMs));
            reporter.publishEntry("proxyStartToRunningMs", Long.toString(toRunningMs));
            System.out.printf("[real-server] %s: proxy start %d ms, proxy start -> agent RUNNING %d ms%n",
                    session, startMs, toRunningMs);

            assertThat(proxy.isAlive()).isTrue();
            assertThat(proxy.tunnelAddress().getPort()).isNotEqualTo(agent.graphicsPort());
            assertThat(proxy.sessionDirectory()).isEqualTo(sessionsRoot.toAbsolutePath().resolve("S-" + session));
            assertThat(proxy.outputLog()).exists();
            assertThat(remote(shell, "x2golistsessions").stdout())
                    .contains("|" + session + "|" + agent.display() + "|");

            CountDownLatch exited = new CountDownLatch(1);
            AtomicInteger code = new AtomicInteger(Integer.MIN_VALUE);
            proxy.onExit(c -> {
                code.set(c);
                exited.countDown();
            });
            long c0 = System.nanoTime();
            proxy.close();
            long closeMs = ms(c0);
            assertThat(exited.await(10, TimeUnit.SECONDS)).isTrue();
            System.out.printf("[real-server] proxy close %d ms, nxproxy exit code %d%n", closeMs, code.get());
            assertThat(proxy.isAlive()).isFalse();
            assertThat(shell.anyForwardAlive()).as("ssh -L stopped with the proxy").isFalse();
            reporter.publishEntry("nxproxyExitCodeAfterClose", Integer.toString(code.get()));
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            long x0 = System.nanoTime();
            remote(shell, "x2goterminate-session " + session);
            System.out.printf("[real-server] x2goterminate-session %d ms%n", ms(x0));
            shell.close();
        }
    }

    /** Runs a command between markers: the test user's ~/.bashrc output must not count (README §8 #7). */
    private static CommandResult remote(OpenSshShell shell, String command) {
        String id = UUID.randomUUID().toString();
        CommandResult r = shell.exec("echo BEGIN:" + id + "; " + command + "; echo END:" + id, CMD_TIMEOUT);
        String out = r.stdout();
        int b = out.indexOf("BEGIN:" + id + "\n");
        int e = out.indexOf("END:" + id);
        if (b < 0 || e < b) {
            fail("no data markers in the output of '" + command + "': stdout=" + out + " stderr=" + r.stderr());
        }
        return new CommandResult(out.substring(b + id.length() + 7, e), r.stderr(), r.exitStatus());
    }

    private static AgentInfo startAgent(OpenSshShell shell) {
        CommandResult r = remote(shell, "X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 "
                + "unix-kde-depth_24 null null/null 0 R xterm both");
        List<String> l = Arrays.asList(r.stdout().split("\n"));
        assertThat(l).as("x2gostartagent stdout (stderr: %s)", r.stderr()).hasSizeGreaterThanOrEqualTo(7);
        return new AgentInfo(Integer.parseInt(l.get(0).strip()), l.get(1).strip(), Integer.parseInt(l.get(2).strip()),
                l.get(3).strip(), Integer.parseInt(l.get(4).strip()), Integer.parseInt(l.get(5).strip()),
                Integer.parseInt(l.get(6).strip()), -1, -1);
    }

    private static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    private static String readState(OpenSshShell shell, String session) {
        return remote(shell, "cat ~/.x2go/C-" + session + "/state").stdout().strip();
    }

    /**
     * One ssh connection that prints the agent state every 0.1 s until RUNNING, at most
     * {@value #STATE_POLLS} times (a bounded loop on the server, not a sleep in the test).
     */
    private static Process watchState(OpenSshShell shell, String session) throws IOException {
        List<String> cmd = shell.sshBase();
        cmd.add("i=0; while [ $i -lt " + STATE_POLLS + " ]; do s=$(cat ~/.x2go/C-" + session + "/state 2>/dev/null);"
                + " echo \"STATE:$s\"; [ \"$s\" = RUNNING ] && exit 0; i=$((i+1)); sleep 0.1; done; exit 1");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        return p;
    }

    /** @return {@link System#nanoTime()} when the watcher reported RUNNING */
    private static long awaitRunning(Process watcher, String session) throws IOException, InterruptedException {
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(watcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) { // ends: the remote loop is bounded
                if (line.equals("STATE:RUNNING")) {
                    long at = System.nanoTime();
                    watcher.waitFor(10, TimeUnit.SECONDS);
                    return at;
                }
                if (!line.startsWith("STATE:STARTING") && !seen.toString().endsWith(line + " ")) {
                    seen.append(line).append(' ');
                }
            }
        } finally {
            watcher.destroyForcibly();
        }
        return fail("agent of " + session + " never reached RUNNING within the deadline; other states seen: " + seen);
    }
}
