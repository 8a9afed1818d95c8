package org.x2go.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A {@link CliEnvironment} for tests: captured stdout/stderr, a chosen home and environment, and a
 * Ctrl-C that the test presses.
 */
public final class TestEnv {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final Map<String, String> vars = new HashMap<>();
    private final Path home;
    private final AtomicReference<Runnable> handler = new AtomicReference<>();
    private String stdin = "";

    /** @param home the home directory the command sees */
    public TestEnv(Path home) {
        this.home = home;
    }

    /** @param name variable @param value value @return this */
    public TestEnv var(String name, String value) {
        vars.put(name, value);
        return this;
    }

    /** @param text what stdin holds @return this */
    public TestEnv stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** @return the environment to pass to the command */
    public CliEnvironment env() {
        return new CliEnvironment(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), vars, home, h -> {
                    handler.set(h);
                    return () -> handler.set(null);
                });
    }

    /**
     * @param args the command line
     * @return the exit code
     */
    public int run(String... args) {
        return X2GoCli.run(args, env());
    }

    /** @return stdout so far */
    public String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    /** @return stderr so far */
    public String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** Presses Ctrl-C. @throws AssertionError when no handler is installed */
    public void ctrlC() {
        Runnable h = handler.get();
        if (h == null) {
            throw new AssertionError("no Ctrl-C handler installed; stderr so far:\n" + err());
        }
        h.run();
    }

    /**
     * Waits until stdout satisfies a condition, polling every 20 ms.
     *
     * @param what    description for the failure message
     * @param timeout limit
     * @param test    the condition
     * @throws InterruptedException when interrupted
     */
    public void awaitOut(String what, Duration timeout, Predicate<String> test) throws InterruptedException {
        await(what, timeout, () -> test.test(out()));
    }

    /**
     * Waits until stderr satisfies a condition (events reach it from the registry's listener thread, so they
     * may come after the line that a test waited for on stdout), polling every 20 ms.
     *
     * @param what    description for the failure message
     * @param timeout limit
     * @param test    the condition
     * @throws InterruptedException when interrupted
     */
    public void awaitErr(String what, Duration timeout, Predicate<String> test) throws InterruptedException {
        await(what, timeout, () -> test.test(err()));
    }

    private void await(String what, Duration timeout, java.util.function.BooleanSupplier test)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!test.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; stdout:\n" + out() + "\nstderr:\n" + err());
            }
            Thread.sleep(20); // polling interval; the condition is re-checked, not assumed
        }
    }
}
