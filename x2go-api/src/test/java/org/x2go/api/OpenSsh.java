package org.x2go.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.opentest4j.TestAbortedException;

/** OpenSSH's ssh-keygen as a test oracle for {@link KnownHosts}. */
final class OpenSsh {
    private static final long TIMEOUT_SECONDS = 20;

    private OpenSsh() {
    }

    /**
     * @return ssh-keygen; without it the calling test fails under CI=true (the oracle must run there) and is
     *         aborted (skipped, with the reason) elsewhere
     */
    static Path keygen() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "ssh-keygen");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = "ssh-keygen (OpenSSH) is not on the PATH; the OpenSSH oracle tests cannot run";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(why);
        }
        throw new TestAbortedException(why);
    }

    /** Generates a key pair of this type in dir; @return the public key blob. */
    static byte[] newKey(Path dir, String name, String type) throws IOException {
        Path key = dir.resolve(name);
        run(keygen().toString(), "-q", "-t", type, "-N", "", "-C", "", "-f", key.toString());
        String[] pub = Files.readString(dir.resolve(name + ".pub")).strip().split(" ");
        return Base64.getDecoder().decode(pub[1]);
    }

    /**
     * The lines {@code ssh-keygen -F token -l} reports as matching (parsing every key, as ssh does), in the
     * form {@link KnownHosts#matchingLines} uses: {@code "N"}, {@code "N REVOKED"}, {@code "N CA"}.
     */
    static List<String> matchingLines(Path file, String token) throws IOException {
        String out = run(List.of(0, 1), keygen().toString(), "-F", token, "-l", "-f", file.toString());
        String prefix = "# Host " + token + " found: line ";
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (l.startsWith(prefix)) {
                lines.add(l.substring(prefix.length()).strip());
            }
        }
        return lines;
    }

    /** Hashes the host names of a known_hosts file in place ({@code ssh-keygen -H}). */
    static void hash(Path file) throws IOException {
        run(keygen().toString(), "-H", "-f", file.toString());
        Files.deleteIfExists(Path.of(file + ".old"));
    }

    /** @return the fingerprint line {@code ssh-keygen -l} prints for a public key file */
    static String fingerprintOf(Path pub) throws IOException {
        return run(keygen().toString(), "-l", "-f", pub.toString());
    }

    static String run(String... cmd) throws IOException {
        return run(List.of(0), cmd);
    }

    /** @return stdout+stderr, one char per byte; fails unless the exit code is one of ok */
    private static String run(List<Integer> ok, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            // ssh-keygen's output is small: read it all, then wait with a deadline
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", cmd) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (!ok.contains(p.exitValue())) {
                throw new AssertionError(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroyForcibly();
        }
    }
}
