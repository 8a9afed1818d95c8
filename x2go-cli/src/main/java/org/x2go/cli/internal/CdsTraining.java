package org.x2go.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.x2go.cli.CliEnvironment;
import org.x2go.cli.ExitStatus;
import org.x2go.cli.X2GoCli;
import org.x2go.testkit.FakeX2GoServer;

/**
 * The training run of the build's class-data sharing archive ({@code x2go-cli/target/x2go-cli.jsa}).
 * x2go-cli's pom runs {@code java -cp x2go-cli.jar org.x2go.cli.internal.CdsTraining ARCHIVE} once, after
 * the shaded jar is made. This process starts the testkit's fake X2Go server, then runs a second JVM
 * with {@code -XX:ArchiveClassesAtExit=ARCHIVE} that goes through the command's own path
 * ({@link X2GoCli#run}): {@code x2go -L} (and {@code --json}) against the fake, {@code --help},
 * {@code --version} and a usage error. The archive so holds what the command loads with the default
 * transport (JSch) and nothing of the fake server's: every class in the archive costs resident memory and
 * relocation time at every start, so sshj's classes (about 6 MiB more resident memory) stay out.
 *
 * <p>A training command that does not end as expected fails the build: it means the command is broken.
 * A JVM that cannot write an archive (no base CDS archive) only gets a warning. The launcher runs without
 * the archive when it is missing or stale.
 */
public final class CdsTraining {
    /** How long the archiving JVM may take (it lists sessions three times and writes the archive). */
    private static final long CLIENT_TIMEOUT_SECONDS = 300;

    private CdsTraining() {
    }

    /**
     * {@code ARCHIVE}: starts the fake server and the archiving JVM, exits with its code (0 when every
     * training command ended as expected). {@code --client HOST PORT USER KEY KNOWN_HOSTS}: the archiving
     * JVM's part.
     *
     * @param args see above
     * @throws Exception when the training cannot run at all
     */
    public static void main(String[] args) throws Exception {
        // the command's logging set-up (warnings only, on stderr), which also keeps the fake server quiet
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (args.length == 6 && args[0].equals("--client")) {
            System.exit(client(args[1], args[2], args[3], args[4], args[5]));
        }
        if (args.length != 1) {
            System.err.println("usage: CdsTraining ARCHIVE");
            System.exit(2);
        }
        System.exit(serve(Path.of(args[0]).toAbsolutePath()));
    }

    private static int serve(Path archive) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        try (FakeX2GoServer server = FakeX2GoServer.builder().build().start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // the same options as ./x2go (an archive does not depend on them, the training's speed does)
            ProcessBuilder pb = new ProcessBuilder(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    CdsTraining.class.getName(), "--client", server.host(), Integer.toString(server.port()),
                    server.user(), server.clientKeyFile().toString(), server.knownHostsFile().toString());
            pb.redirectErrorStream(true);
            Path log = Files.createTempFile("x2go-cds-training-", ".log");
            try {
                pb.redirectOutput(log.toFile());
                Process p = pb.start();
                if (!p.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    System.err.println("x2go CDS training: the archiving JVM did not finish within "
                            + CLIENT_TIMEOUT_SECONDS + " s");
                    return 1;
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (p.exitValue() != 0 && output.contains("Error occurred during initialization of VM")) {
                    // this JVM cannot write an archive (no base CDS archive, CDS not built in): ./x2go runs
                    // without one, as it does when the archive is missing
                    System.err.println("[WARNING] x2go CDS training: this JVM cannot dump a class-data sharing"
                            + " archive, ./x2go will start without one: " + output.strip());
                    Files.deleteIfExists(archive);
                    return 0;
                }
                if (p.exitValue() != 0) {
                    System.err.print(output);
                }
                return p.exitValue();
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }

    private static int client(String host, String port, String user, String key, String knownHosts)
            throws IOException {
        Path home = Files.createTempDirectory("x2go-cds-training-");
        int failures = 0;
        try {
            List<String> list = List.of("--server", host, "-p", port, "-u", user, "-i", key,
                    "--known-hosts", knownHosts, "-L");
            failures += run(home, list, 0);
            failures += run(home, concat(list, "--json"), 0);
            failures += run(home, List.of("--version"), 0);
            failures += run(home, List.of("--help"), 0);
            failures += run(home, List.of("--no-such-option"), ExitStatus.USAGE.code());
        } finally {
            deleteTree(home);
        }
        return failures == 0 ? 0 : 1;
    }

    private static int run(Path home, List<String> args, int expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
                Map.of("USER", "x2go"), home, new SignalInterrupts()); // the process's own source (never fired here)
        int code = X2GoCli.run(args.toArray(String[]::new), env);
        if (code == expected) {
            return 0;
        }
        System.err.println("x2go CDS training: " + String.join(" ", args) + " exited " + code + ", expected "
                + expected + ":\n" + out.toString(StandardCharsets.UTF_8));
        return 1;
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
