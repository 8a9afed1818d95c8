package org.x2go.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.x2go.api.ConnectOptions;

/**
 * The real X2Go test server that the project's {@code scripts/x2go-test-server} runs on loopback: where
 * it is and how to log in. Tests call {@link #require()}: without the server they are skipped with the
 * reason, except under {@code CI=true}, where a real-server suite that cannot run is a failure.
 *
 * <p>The script is found through the system property {@code x2go.test.server.script}, else as
 * {@code scripts/x2go-test-server} in the working directory or up to three directories above it.
 *
 * @param host       server address (loopback)
 * @param port       SSH port
 * @param user       test user
 * @param key        the user's private key
 * @param knownHosts known_hosts holding the server's host key
 * @param display    the client-side X display (Xvfb) for graphics proxies
 * @param clientHome a throw-away HOME for reference clients (pyhoca-cli)
 */
public record RealX2GoServer(String host, int port, String user, Path key, Path knownHosts, String display,
                             Path clientHome) {

    private static final List<String> KEYS = List.of("X2GO_TEST_HOST", "X2GO_TEST_PORT", "X2GO_TEST_USER",
            "X2GO_TEST_KEY", "X2GO_TEST_KNOWN_HOSTS", "X2GO_TEST_DISPLAY", "X2GO_TEST_CLIENT_HOME");

    /** What {@link #detect()} found: the server, or why there is none. */
    private record Detection(RealX2GoServer server, String reason) {
    }

    private static volatile Detection detected;

    /**
     * @return the server; when it is not available the calling test is aborted (reported as skipped with
     *         the reason), or failed when the environment variable {@code CI} is {@code true}
     */
    public static RealX2GoServer require() {
        Detection d = detection();
        if (d.server() == null) {
            unavailable(d.reason());
        }
        return d.server();
    }

    /** @return the server when the set-up script reports it up */
    public static Optional<RealX2GoServer> detect() {
        return Optional.ofNullable(detection().server());
    }

    /** @return why {@link #detect()} found no server (empty text when it did) */
    public static String unavailableReason() {
        Detection d = detection();
        return d.server() == null ? d.reason() : "";
    }

    /**
     * Skips the calling test with the reason, or fails it when {@code CI=true}. For tests that need
     * something beside the server (e.g. {@code nxproxy}).
     *
     * @param reason what is missing
     */
    public static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("real-server test cannot run with CI=true: " + reason);
        }
        Assumptions.abort("real-server test skipped: " + reason);
    }

    private static Detection detection() {
        Detection d = detected;
        if (d == null) {
            d = query();
            detected = d;
        }
        return d;
    }

    private static Detection query() {
        Path script = findScript();
        if (script == null) {
            return new Detection(null, "scripts/x2go-test-server not found above " + Path.of("").toAbsolutePath());
        }
        try {
            Run status = run(script.toString(), "status");
            if (status.code() != 0) {
                return new Detection(null, "the test server is not up (run 'scripts/x2go-test-server start' as root): "
                        + status.out().strip());
            }
            Run env = run(script.toString(), "env");
            if (env.code() != 0) {
                return new Detection(null, "'x2go-test-server env' failed: " + env.out().strip());
            }
            Map<String, String> m = new HashMap<>();
            for (String line : env.out().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            for (String k : KEYS) {
                if (m.getOrDefault(k, "").isEmpty()) {
                    return new Detection(null, "'x2go-test-server env' did not print " + k);
                }
            }
            return new Detection(new RealX2GoServer(m.get("X2GO_TEST_HOST"), Integer.parseInt(m.get("X2GO_TEST_PORT")),
                    m.get("X2GO_TEST_USER"), Path.of(m.get("X2GO_TEST_KEY")), Path.of(m.get("X2GO_TEST_KNOWN_HOSTS")),
                    m.get("X2GO_TEST_DISPLAY"), Path.of(m.get("X2GO_TEST_CLIENT_HOME"))), "");
        } catch (IOException | RuntimeException e) {
            return new Detection(null, "cannot query " + script + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Detection(null, "interrupted while querying " + script);
        }
    }

    private static Path findScript() {
        String override = System.getProperty("x2go.test.server.script");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path s = dir.resolve("scripts/x2go-test-server");
            if (Files.isExecutable(s)) {
                return s;
            }
        }
        return null;
    }

    /** @return connect options for the test user: key auth, strict host key check against the test known_hosts */
    public ConnectOptions connectOptions() {
        return connectOptionsBuilder().build();
    }

    /** @return a builder pre-filled as {@link #connectOptions()}, to adjust */
    public ConnectOptions.Builder connectOptionsBuilder() {
        return ConnectOptions.builder(host, user).port(port).privateKey(key).knownHosts(knownHosts);
    }

    /**
     * Runs a command on the server with the OpenSSH client: an independent "other client".
     *
     * @param command the remote command
     * @return its stdout and stderr
     * @throws IOException when ssh fails, exits non-zero or takes more than 60 s
     * @throws InterruptedException when interrupted while waiting
     */
    public String ssh(String command) throws IOException, InterruptedException {
        // -F /dev/null: the system ssh_config would send LANG, and a locale the server lacks pollutes stdout
        Run r = run("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "StrictHostKeyChecking=yes", "-i", key.toString(), "-p", String.valueOf(port),
                user + "@" + host, command);
        if (r.code() != 0) {
            throw new IOException("ssh " + command + " exited " + r.code() + ": " + r.out());
        }
        return r.out();
    }

    /**
     * Waits (at most {@code limit}, never failing) until no agent of the test user is still exiting: an agent
     * whose session is no longer listed but whose X display lock is still held by a live process. The server
     * hands a display out again as soon as its session leaves the database, and a new agent on a display
     * whose old agent has not exited yet aborts ("X2Go Agent terminated unexpectedly"). Real-server tests call
     * this before starting a session, so a previous test's (or module's) terminate cannot break them.
     *
     * @param limit how long to wait at most
     * @return whether the server settled within the limit
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitSettled(java.time.Duration limit) throws InterruptedException {
        String script = "listed=$(x2golistsessions | cut -d'|' -f3); for f in /tmp/.X*-lock; do"
                + " [ -O \"$f\" ] || continue; d=${f#/tmp/.X}; d=${d%-lock};"
                + " echo \"$listed\" | grep -qx \"$d\" && continue;"
                + " pid=$(tr -dc '0-9' < \"$f\"); [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null && echo \"exiting:$d\";"
                + " done; true";
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (!ssh(script).contains("exiting:")) {
                    return true;
                }
            } catch (IOException e) {
                return false; // best effort: the test itself reports a server that does not answer
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200); // polling interval, not synchronisation: the condition is re-checked
        }
    }

    private record Run(int code, String out) {
    }

    private static Run run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("x2go-testkit-run", ".out");
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
