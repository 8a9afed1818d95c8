package org.x2go.sample.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@link ModulePathMain} as a module ({@code java --module-path ... -m}, no {@code --add-modules})
 * against the testkit's fake server running in a second, class-path JVM. Everything the application
 * depends on is on the module path except MINA SSHD, whose jars share packages and so can only be on the
 * class path (the automatic module {@code org.x2go.folders} reads it there).
 */
class ModulePathTest {
    private static final long DEADLINE_SECONDS = 90;
    private static final String USER = "modular";
    private static final String PASSWORD = "module-path-secret";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    @Test
    void clientOnTheModulePathFindsItsBackendsAndSlf4jAndRunsASessionLifeCycle() throws Exception {
        String out = runClient();
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).contains(
                "module org.x2go.sample.modulepath",
                "client-module org.x2go.client",
                // service binding through org.x2go.api's uses clauses, none of them required by anyone
                "layer org.x2go.api named",
                "layer org.x2go.client named",
                "layer org.x2go.backend.plain named",
                "layer org.x2go.proxy.nx3 named",
                "layer org.x2go.settings.file named",
                // slf4j-api's uses clause binds slf4j-simple without ALL-MODULE-PATH
                "layer org.slf4j.simple named",
                "slf4j org.slf4j.simple.SimpleLoggerFactory",
                "connected", "sessions 0", "listed true", "after-terminate false", "DONE");
        assertThat(lines).as(out).contains("layer org.x2go.printing.file named", "layer org.x2go.guardian named",
                "layer org.x2go.registry named", "layer org.x2go.ini named",
                // needs MINA SSHD, whose split packages keep it off the module path
                "layer org.x2go.folders automatic");
        assertThat(lines).as(out).anySatisfy(l -> assertThat(l).startsWith("backend CONTROL PLAIN ("))
                .anySatisfy(l -> assertThat(l).startsWith("backend TERMINAL PLAIN ("))
                .anySatisfy(l -> assertThat(l).startsWith("backend LIST PLAIN ("))
                .anySatisfy(l -> assertThat(l).startsWith("backend SSH JSCH ("))
                .anySatisfy(l -> assertThat(l).startsWith("backend PROXY NX3 ("))
                .anySatisfy(l -> assertThat(l).startsWith("backend SETTINGS FILE ("))
                .anySatisfy(l -> assertThat(l).startsWith("backend PROFILES FILE ("))
                .anySatisfy(l -> assertThat(l).startsWith("backend PRINTING FILE ("));
        assertThat(out).doesNotContain("NOP", "FAILED");
    }

    @Test
    void theSshjTransportWorksOnTheModulePathWhenSelected() throws Exception {
        String out = runClient("-Dx2go.backend.ssh=SSHJ");
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).contains("layer org.x2go.backend.sshj named", "connected", "sessions 0",
                "listed true", "after-terminate false", "DONE");
        assertThat(lines).as(out).anySatisfy(l -> assertThat(l).startsWith("backend SSH SSHJ ("));
    }

    /** Runs {@link ModulePathMain} on the module path against a fresh fake server; returns its output. */
    private String runClient(String... jvmOptions) throws Exception {
        List<String> runtime = paths("x2go.sample.runtimePath");
        List<String> modulePath = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        modulePath.add(System.getProperty("x2go.sample.moduleDir"));
        for (String jar : runtime) {
            (isMina(jar) ? classPath : modulePath).add(jar);
        }
        assertThat(classPath).as("MINA SSHD arrives with org.x2go.folders").isNotEmpty();

        int port = startFakeServer();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, knownHostsLine + "\n");
        Path sessions = Files.createDirectories(dir.resolve("sessions"));

        List<String> command = new ArrayList<>(List.of(java(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(
                "--module-path", String.join(java.io.File.pathSeparator, modulePath),
                "--class-path", String.join(java.io.File.pathSeparator, classPath),
                "-m", "org.x2go.sample.modulepath/org.x2go.sample.modulepath.ModulePathMain",
                "127.0.0.1", Integer.toString(port), USER, PASSWORD, knownHosts.toString(), sessions.toString()));
        assertThat(command).noneMatch(a -> a.startsWith("--add-modules"));
        Path log = dir.resolve("client.out");
        Process client = start(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()));
        boolean exited = client.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
        String out = Files.readString(log);
        assertThat(exited).as("the client exits within %d s; output:%n%s", DEADLINE_SECONDS, out).isTrue();
        assertThat(client.exitValue()).as("exit status; output:%n%s", out).isZero();
        return out;
    }

    private String knownHostsLine;

    /** The fake server in its own class-path JVM; returns its port once it prints READY. */
    private int startFakeServer() throws Exception {
        String cp = String.join(java.io.File.pathSeparator, paths("x2go.sample.testPath"));
        Process server = start(new ProcessBuilder(java(), "-cp", cp, "org.x2go.testkit.FakeServerMain",
                "--port", "0", "--user", USER, "--password", PASSWORD));
        BlockingQueue<String> stdout = drain(server.getInputStream());
        BlockingQueue<String> stderr = drain(server.getErrorStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        Integer port = null;
        while (port == null) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("fake server READY within %d s", DEADLINE_SECONDS).isPositive();
            String line = stdout.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith("READY ")) {
                port = Integer.parseInt(line.substring("READY ".length()).trim());
            }
            assertThat(server.isAlive() || line != null).as("fake server died: %s", List.copyOf(stderr)).isTrue();
        }
        // printed before READY
        String prefix = "[127.0.0.1]:" + port + " ";
        knownHostsLine = stderr.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no known_hosts line on stderr: " + List.copyOf(stderr)));
        return port;
    }

    private Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static BlockingQueue<String> drain(InputStream in) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>(10_000);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.offer(l);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
        return lines;
    }

    private static List<String> paths(String property) throws IOException {
        String file = System.getProperty(property);
        assertThat(file).as("system property %s (set by the pom)", property).isNotNull();
        String text = Files.readString(Path.of(file)).trim();
        return text.isEmpty() ? List.of() : List.of(text.split(java.io.File.pathSeparator));
    }

    private static boolean isMina(String jar) {
        return Path.of(jar).getFileName().toString().startsWith("sshd-");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
