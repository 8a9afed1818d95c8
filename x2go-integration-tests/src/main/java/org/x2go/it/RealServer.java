package org.x2go.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.x2go.api.ConnectOptions;

/**
 * The real X2Go test server set up by {@code scripts/x2go-test-server}: where it is and how to log in.
 *
 * @param host       server address (loopback)
 * @param port       SSH port
 * @param user       test user
 * @param key        the user's private key
 * @param knownHosts known_hosts holding the server's host key
 * @param display    the client-side X display (Xvfb)
 * @param clientHome a throw-away HOME for reference clients (pyhoca-cli)
 */
public record RealServer(String host, int port, String user, Path key, Path knownHosts, String display,
                         Path clientHome) {

    /**
     * Asks the set-up script whether the server is up and how to reach it.
     *
     * @return the server, or empty with the reason printed by {@link #unavailableReason()}
     */
    public static Optional<RealServer> detect() {
        Path script = projectRoot().resolve("scripts/x2go-test-server");
        if (!Files.isExecutable(script)) {
            reason = "no " + script;
            return Optional.empty();
        }
        try {
            Run status = run(script.toString(), "status");
            if (status.code != 0) {
                reason = "scripts/x2go-test-server status exited " + status.code + ": " + status.out.strip();
                return Optional.empty();
            }
            Run env = run(script.toString(), "env");
            if (env.code != 0) {
                reason = "scripts/x2go-test-server env exited " + env.code;
                return Optional.empty();
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : env.out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            return Optional.of(new RealServer(m.get("X2GO_TEST_HOST"), Integer.parseInt(m.get("X2GO_TEST_PORT")),
                    m.get("X2GO_TEST_USER"), Path.of(m.get("X2GO_TEST_KEY")), Path.of(m.get("X2GO_TEST_KNOWN_HOSTS")),
                    m.get("X2GO_TEST_DISPLAY"), Path.of(m.get("X2GO_TEST_CLIENT_HOME"))));
        } catch (IOException | RuntimeException e) {
            reason = "cannot query scripts/x2go-test-server: " + e;
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
            return Optional.empty();
        }
    }

    private static volatile String reason = "not checked";

    /** @return why {@link #detect()} found no server */
    public static String unavailableReason() {
        return reason;
    }

    /** @return connect options for the test user: key auth, strict host key check against the test known_hosts */
    public ConnectOptions connectOptions() {
        return ConnectOptions.builder(host, user).port(port).privateKey(key).knownHosts(knownHosts).build();
    }

    /**
     * Runs a command on the server with the OpenSSH client (an independent "other client").
     *
     * @param command the remote command
     * @return its stdout
     * @throws IOException when ssh fails
     */
    public String ssh(String command) throws IOException, InterruptedException {
        Run r = run("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "StrictHostKeyChecking=yes", "-i", key.toString(), "-p", String.valueOf(port),
                user + "@" + host, command);
        if (r.code != 0) {
            throw new IOException("ssh " + command + " exited " + r.code + ": " + r.out);
        }
        return r.out;
    }

    /** @return the project's root directory (the parent of this module) */
    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isRegularFile(q.resolve("mvnw")) && Files.isDirectory(q.resolve("scripts"))) {
                return q;
            }
        }
        return p.getParent() != null ? p.getParent() : p;
    }

    private record Run(int code, String out) {
    }

    private static Run run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("x2go-it-run", ".out");
        try {
            // Output goes to a file so that a chatty or stuck command cannot block us beyond the deadline.
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
