package org.x2go.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log level the process entry point ({@link X2GoCli#main}) sets from the command line, in a JVM of
 * its own (slf4j-simple fixes its level once per process, when the first logger is made). The command
 * line is parsed once; these tests fail if anything makes a logger before the level is set.
 */
class ProcessLoggingTest {
    @TempDir
    Path home;

    @Test
    void debugOptionTurnsOnDebugLoggingOfTheProcess() throws Exception {
        Result r = x2go("-d");
        assertThat(r.code).isEqualTo(ExitStatus.CONNECTION.code());
        assertThat(r.err).contains("DEBUG");
    }

    @Test
    void withoutDebugTheProcessLogsNothingBelowWarn() throws Exception {
        Result r = x2go();
        assertThat(r.code).isEqualTo(ExitStatus.CONNECTION.code());
        assertThat(r.err).contains("x2go: error:").doesNotContain("DEBUG").doesNotContain("INFO");
    }

    @Test
    void quietProcessLogsNothingAndStillReportsTheError() throws Exception {
        Result r = x2go("--quiet", "-d");
        assertThat(r.code).isEqualTo(ExitStatus.CONNECTION.code());
        assertThat(r.err).doesNotContain("DEBUG").doesNotContain("INFO");
    }

    private record Result(int code, String err) {
    }

    /** {@code x2go -L} against a loopback port nobody listens on, in a new JVM; bounded to 60 s. */
    private Result x2go(String... extra) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                X2GoCli.class.getName(), "--server", "127.0.0.1", "-p", Integer.toString(port), "-u", "nobody",
                "--known-hosts", home.resolve("known_hosts").toString(), "--connect-timeout", "10", "-L"));
        cmd.addAll(List.of(extra));
        Path err = home.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("x2go did not end within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
