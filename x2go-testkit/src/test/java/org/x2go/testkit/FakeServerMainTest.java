package org.x2go.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The stand-alone fake server's command line, run as a separate JVM where the exit code matters. */
class FakeServerMainTest {

    @Test
    void helpPrintsTheUsageAndExitsZero() throws Exception {
        Result r = run("--help");
        assertThat(r.exit).isZero();
        assertThat(r.stdout).contains("usage: java -jar x2go-fake-server.jar", "--authorized-keys", "--password");
        assertThat(r.stderr).doesNotContain("missing value");
        assertThat(FakeServerMain.parse(new String[] {"--user", "a", "--help"})).as("--help anywhere").isNull();
    }

    @Test
    void refusesToStartAServerNobodyCanLogInto() throws Exception {
        Result r = run("--port", "0", "--user", "alice");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.stdout).doesNotContain("READY");
        assertThat(r.stderr).contains("no way to log in", "--authorized-keys", "--password");
        assertThatThrownBy(() -> FakeServerMain.parse(new String[] {"--user", "alice"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no way to log in");
    }

    @Test
    void aPasswordOrAnAuthorizedKeysFileIsAWayIn() {
        try (FakeX2GoServer s = FakeServerMain.parse(new String[] {"--user", "alice", "--password", "pw"}).build()) {
            assertThat(s.password()).contains("pw");
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeServerMain.class.getName()));
        cmd.addAll(List.of(args));
        Path out = java.nio.file.Files.createTempFile("fake-main", ".out");
        Path err = java.nio.file.Files.createTempFile("fake-main", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("fake server main did not exit: " + String.join(" ", args));
            }
            return new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }
}
