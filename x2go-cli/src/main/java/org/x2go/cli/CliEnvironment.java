package org.x2go.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.x2go.cli.internal.SignalInterrupts;

/**
 * What the {@code x2go} command sees of the world: its streams, environment variables, home directory
 * and the source of Ctrl-C. {@link #system()} is the real process; tests pass their own.
 *
 * @param out        standard output (results: tables, JSON)
 * @param err        standard error (progress, events, error lines)
 * @param in         standard input ({@code --from-stdin}, password prompt)
 * @param env        environment variables ({@code DISPLAY}, {@code SSH_AUTH_SOCK}, {@code USER}, ...)
 * @param home       the client user's home directory ({@code ~/.ssh}, {@code ~/.x2goclient}, {@code ~/.x2go})
 * @param interrupts where Ctrl-C comes from
 */
public record CliEnvironment(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Path home,
                             InterruptSource interrupts) {

    /** Validates and copies the fields. */
    public CliEnvironment {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(interrupts, "interrupts");
    }

    /**
     * @return the process: {@code System.out/err/in}, the real environment, {@code $HOME} (as pyhoca-cli
     *         and OpenSSH use it; {@code user.home} when unset) and SIGINT
     */
    public static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        String home = env.get("HOME");
        Path h = Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
        return new CliEnvironment(System.out, System.err, System.in, env, h, new SignalInterrupts());
    }

    /**
     * @param name an environment variable
     * @return its non-blank value
     */
    public Optional<String> getenv(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
