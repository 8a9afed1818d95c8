package org.x2go.testkit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ServerSessionStatus;
import org.x2go.testkit.AgentState;
import org.x2go.testkit.FakeSession;
import org.x2go.testkit.FakeX2GoServer;
import org.x2go.testkit.internal.KeyFiles;

/**
 * The reference client, pyhoca-cli (python-x2go), against the fake server: list, start (with a real
 * nxproxy attaching through the SSH tunnel), suspend, resume and terminate.
 *
 * <p>Needs {@code pyhoca-cli}, {@code nxproxy} and an X display ({@code $DISPLAY}, else an Xvfb on
 * {@code :99}). Skipped with the reason when they are missing, except with {@code CI=true}: then it fails.
 */
@Tag("interop")
class PyhocaCliInteropTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static String display;

    @TempDir
    Path home;

    private FakeX2GoServer server;
    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void requireTools() {
        require(onPath("pyhoca-cli"), "pyhoca-cli is not installed (Debian: apt-get install pyhoca-cli python3-x2go)");
        require(onPath("nxproxy"), "nxproxy is not installed (Debian: apt-get install nxproxy)");
        String d = System.getenv("DISPLAY");
        if (d == null || d.isBlank()) {
            d = Files.exists(Path.of("/tmp/.X11-unix/X99")) ? ":99" : null;
        }
        require(d != null, "no X display: set DISPLAY or run an Xvfb on :99 (scripts/x2go-test-server starts one)");
        display = d;
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but the pyhoca-cli interop test cannot run: " + reason);
            }
            Assumptions.abort(reason);
        }
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    @BeforeEach
    void start() throws IOException {
        server = FakeX2GoServer.builder().user("pyhoca").hostname("fakehost").build().start();
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        // pyhoca-cli ignores -i (python-x2go bug, README §8 #19): the key must be found in ~/.ssh
        KeyFiles.writePrivateKey(server.clientKeyPair(), ssh.resolve("id_ecdsa"), "pyhoca@interop");
        Files.copy(server.knownHostsFile(), ssh.resolve("known_hosts"));
    }

    @AfterEach
    void stop() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        server.close();
    }

    private ProcessBuilder pyhoca(String... args) {
        List<String> cmd = new ArrayList<>(List.of("pyhoca-cli", "--server", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-u", server.user()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.startsWith("SSH_"));
        env.put("HOME", home.toString());
        env.put("DISPLAY", display);
        return pb;
    }

    /** Runs pyhoca-cli to completion (bounded) and returns its combined output. */
    private String run(String... args) throws Exception {
        Path log = Files.createTempFile(home, "pyhoca", ".log");
        Process p = pyhoca(args).redirectOutput(log.toFile()).start();
        processes.add(p);
        if (!p.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("pyhoca-cli " + String.join(" ", args) + " did not finish within " + STEP + ":\n"
                    + Files.readString(log));
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Starts a long-running pyhoca-cli (start or resume), output to a file. */
    private Process background(Path log, String... args) throws IOException {
        Process p = pyhoca(args).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    @Test
    void listShowsTheFakesSessionsWithTheSameFields() throws Exception {
        assertThat(run("-L")).contains("No running/suspended sessions found on X2Go server.");

        FakeSession a = server.sessions().startExternally('R', "xterm");
        FakeSession b = server.sessions().startExternally('R', "xclock");
        server.sessions().suspendExternally(b.name());
        String out = run("-L");
        for (FakeSession s : List.of(server.sessions().get(a.name()), server.sessions().get(b.name()))) {
            assertThat(out).contains("Session Name: " + s.name())
                    .contains("cookie: " + s.cookie())
                    .contains("agent PID: " + s.agentPid())
                    .contains("display: " + s.display())
                    .contains("graphic port: " + s.graphicsPort())
                    .contains("snd port: " + s.soundPort())
                    .contains("sshfs port: " + s.sshfsPort());
        }
        assertThat(out).contains("status: R").contains("status: S").contains("username: pyhoca")
                .contains("hostname: fakehost");
        assertThat(server.receivedCommands()).anyMatch(c -> c.contains(
                "sh -c \"export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }\""));
    }

    @Test
    void startSuspendResumeTerminate() throws Exception {
        Path startLog = home.resolve("start.log");
        Process starter = background(startLog, "-N", "-c", "xterm", "--sound", "none", "-t", "application",
                "-g", "800x600");
        FakeSession running = awaitProxy(1, startLog);
        String name = running.name();
        assertThat(name).matches("pyhoca-50-\\d+_stRxterm_dp\\d+");
        server.sessions().await(name, s -> s.lastProxyHandshake().isPresent(), STEP);
        assertThat(server.sessions().get(name).lastProxyHandshake().orElseThrow())
                .as("nxproxy greets with the session cookie").contains("cookie=" + running.cookie());
        server.sessions().await(name, s -> s.runCommand().isPresent(), STEP);
        assertThat(server.sessions().get(name).runCommand()).contains("xterm");

        run("-S", name);
        assertThat(server.sessions().get(name).status()).isEqualTo(ServerSessionStatus.SUSPENDED);
        assertThat(server.sessions().get(name).agentState()).isEqualTo(AgentState.SUSPENDED);
        exitsWithin(starter, startLog);

        Path resumeLog = home.resolve("resume.log");
        Process resumer = background(resumeLog, "-R", name, "--sound", "none");
        FakeSession resumed = awaitProxy(2, resumeLog);
        assertThat(resumed.name()).isEqualTo(name);
        assertThat(resumed.status()).isEqualTo(ServerSessionStatus.RUNNING);

        run("-T", name);
        assertThat(server.sessions().get(name).status()).isEqualTo(ServerSessionStatus.FAILED);
        assertThat(server.sessions().get(name).agentState()).isEqualTo(AgentState.TERMINATED);
        exitsWithin(resumer, resumeLog);
        assertThat(run("-L")).contains("No running/suspended sessions found on X2Go server.");
    }

    private FakeSession awaitProxy(int attachments, Path log) throws Exception {
        try {
            return server.sessions().awaitAny(s -> s.agentState() == AgentState.RUNNING
                    && s.proxyAttached() && s.proxyAttachments() == attachments, STEP);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\npyhoca-cli output:\n" + Files.readString(log)
                    + "\ncommands received: " + server.receivedCommands(), e);
        }
    }

    private static void exitsWithin(Process p, Path log) throws Exception {
        if (!p.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)) {
            Assertions.fail("pyhoca-cli did not exit after its session ended elsewhere:\n" + Files.readString(log));
        }
    }
}
