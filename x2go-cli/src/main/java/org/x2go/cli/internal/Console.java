package org.x2go.cli.internal;

import java.io.PrintStream;
import java.util.Locale;

import org.x2go.api.EventCause;
import org.x2go.api.SafeText;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionListener;
import org.x2go.client.Phase;
import org.x2go.client.ProgressListener;

/**
 * The command's diagnostic channel (stderr): progress phases with the time since start, session
 * events, notes and warnings. Silent with {@code --quiet} except for warnings. Session names, event
 * causes and messages come from the server: every line is made visible ({@link SafeText}) and cut to
 * {@value #MAX_LINE} characters. Thread-safe: lines come from the main thread and from the registry's
 * notification thread.
 */
public final class Console implements ProgressListener, SessionListener {
    /** The longest text (in characters of the original) a note or warning shows. */
    public static final int MAX_LINE = 1000;

    private final PrintStream err;
    private final boolean quiet;
    private final long startNanos = System.nanoTime();

    /**
     * @param err   where lines go
     * @param quiet whether to print only warnings
     */
    public Console(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    /** @return seconds since this console was created */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** @param text a progress or result note, prefixed with the elapsed time */
    public synchronized void note(String text) {
        if (!quiet) {
            err.printf(Locale.ROOT, "[%7.3fs] %s%n", elapsedSeconds(), SafeText.excerpt(text, MAX_LINE));
        }
    }

    /** @param text a warning, printed even with {@code --quiet} */
    public synchronized void warn(String text) {
        err.println("x2go: warning: " + SafeText.excerpt(text, MAX_LINE));
    }

    @Override
    public void phase(String profileName, Phase phase) {
        note(describe(phase));
    }

    /**
     * @param phase a phase
     * @return its words in progress lines
     */
    public static String describe(Phase phase) {
        return switch (phase) {
            case CONNECTING -> "connecting";
            case CONNECTED -> "connected and authenticated";
            case STARTING_AGENT -> "starting agent";
            case RESUMING_AGENT -> "resuming agent";
            case AGENT_READY -> "agent ready";
            case STARTING_PROXY -> "starting tunnel and graphics proxy";
            case PROXY_UP -> "graphics proxy up";
            case COMMAND_STARTED -> "session command started";
            case RUNNING -> "running";
            case SUSPENDING -> "suspending";
            case TERMINATING -> "terminating";
            case DONE -> "done";
        };
    }

    /**
     * @param e a session event
     * @return e.g. {@code event: SUSPENDED x2gouser-50-..._stRxterm_dp24 (by another client)}
     */
    public static String describe(SessionEvent e) {
        return "event: " + e.kind() + " " + (e.sessionName().isEmpty() ? e.sessionUuid().toString() : e.sessionName())
                + " (" + describe(e.cause()) + ")";
    }

    /**
     * @param cause an event cause
     * @return {@code by this client}, {@code by another client} or {@code by another client or the server} (seen on the server, cause unknown)
     */
    public static String describe(EventCause cause) {
        return switch (cause) {
            case BY_THIS_CLIENT -> "by this client";
            case BY_OTHER_CLIENT -> "by another client";
            case BY_SERVER -> "by another client or the server"; // the server's list cannot tell which
        };
    }

    @Override
    public void dispatch(SessionEvent event) {
        note(describe(event));
    }

    @Override
    public void onControlSessionDeath(String profileName, Throwable cause) {
        note("connection of " + profileName + " died" + (cause == null ? "" : ": " + cause.getMessage()));
    }
}
