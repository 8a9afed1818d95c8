package org.x2go.proxy.nx3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A shell script standing in for {@code nxproxy}: it records its argv ({@code args.txt}, one per line)
 * and the environment it was given ({@code env.txt}), prints one line to stdout and one to stderr, writes
 * the file named by the option string's {@code errors=} like nxproxy does, marks {@code ready}, then
 * behaves as its {@link Mode} says.
 */
final class FakeNxproxy {
    /** What the script does after recording. */
    enum Mode {
        /** exits with code 3 at once */
        EXIT_3("exit 3"),
        /** waits; on SIGTERM writes {@code term} and exits 0 */
        WAIT_FOR_TERM("trap 'echo TERM > \"$D/term\"; kill $child 2>/dev/null; exit 0' TERM\n"
                + "sleep 60 & child=$!\nmv \"$D/ready.tmp\" \"$D/ready\"\nwait $child\nexit 9"),
        /** ignores SIGTERM; only SIGKILL ends it */
        IGNORE_TERM("trap '' TERM\nmv \"$D/ready.tmp\" \"$D/ready\"\nexec sleep 60");

        final String tail;

        Mode(String tail) {
            this.tail = tail;
        }
    }

    final Path dir;
    final Path executable;

    private FakeNxproxy(Path dir, Path executable) {
        this.dir = dir;
        this.executable = executable;
    }

    static FakeNxproxy create(Path dir, Mode mode) throws IOException {
        Path exe = dir.resolve("nxproxy");
        String ready = mode == Mode.EXIT_3 ? "mv \"$D/ready.tmp\" \"$D/ready\"\n" : "";
        String script = "#!/bin/sh\n"
                + "D='" + dir + "'\n"
                + "printf '%s\\n' \"$0\" \"$@\" > \"$D/args.txt\"\n"
                + "printf 'NX_CLIENT=%s\\nNX_ROOT=%s\\nDISPLAY=%s\\n' \"$NX_CLIENT\" \"$NX_ROOT\" \"$DISPLAY\" > \"$D/env.txt\"\n"
                + "echo fake-nxproxy-stdout\n"
                + "echo fake-nxproxy-stderr >&2\n"
                // errors=<path> up to the ':<display>' suffix, as nxproxy writes its error log there
                + "err=$(printf '%s' \"$2\" | sed -n 's/.*,errors=\\(.*\\):[0-9]*$/\\1/p')\n"
                + "[ -n \"$err\" ] && echo 'fake error log' > \"$err\"\n"
                + "touch \"$D/ready.tmp\"\n"
                + ready
                + mode.tail + "\n";
        Files.writeString(exe, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
        return new FakeNxproxy(dir, exe);
    }

    List<String> args() throws IOException {
        return Files.readAllLines(dir.resolve("args.txt"));
    }

    List<String> env() throws IOException {
        return Files.readAllLines(dir.resolve("env.txt"));
    }

    /** Polls (bounded by {@code timeout}) until the script has installed its signal handling. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(dir.resolve("ready"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fake nxproxy not ready within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
