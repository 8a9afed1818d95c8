package org.x2go.cli.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import org.x2go.api.SafeText;
import org.x2go.api.X2GoBackendException;
import org.x2go.api.X2GoConnectionException;
import org.x2go.api.X2GoException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoNotImplementedYetException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoProfileException;
import org.x2go.api.X2GoProxyException;
import org.x2go.api.X2GoSessionException;
import org.x2go.cli.ExitStatus;

/**
 * Turns a failure into one clear line on stderr ({@code x2go: error: ...}) and an {@link ExitStatus};
 * the stack trace follows only with {@code -d}. Host key problems name the SHA-256 fingerprint and how
 * to accept the key. Exception messages carry server and file text: every line is made visible
 * ({@link SafeText}) and cut to {@value #MAX_MESSAGE} characters before it reaches the terminal.
 */
public final class ErrorReporter {
    /** The longest message (in characters of the original) an error line shows. */
    public static final int MAX_MESSAGE = 2000;

    private final PrintStream err;
    private final boolean debug;

    /**
     * @param err   where the line goes
     * @param debug whether to add the stack trace
     */
    public ErrorReporter(PrintStream err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    /**
     * A classified failure.
     *
     * @param status  the exit status
     * @param message the one-line message
     */
    public record Report(ExitStatus status, String message) {
    }

    /**
     * @param t a failure
     * @return its exit status and one-line message (no stack trace, no line breaks, no control characters)
     */
    public static Report classify(Throwable t) {
        Report r = classifyRaw(t);
        return new Report(r.status(), SafeText.excerpt(r.message(), MAX_MESSAGE));
    }

    /**
     * The exit status follows from the exception's type and reason alone, never from its message text (a
     * server or a translation controls the text); the README's exit-code table lists the result.
     */
    private static Report classifyRaw(Throwable t) {
        if (t instanceof UsageException u) {
            return new Report(u.status(), u.getMessage());
        }
        if (t instanceof X2GoConnectionException c) {
            return connection(c);
        }
        if (t instanceof X2GoProxyException p) {
            return new Report(ExitStatus.PROXY, "graphics proxy failed: " + text(t) + switch (p.reason()) {
                case BINARY_MISSING -> " (install nxproxy, or run headless with --no-graphics)";
                case NO_DISPLAY -> " (set DISPLAY, or run headless with --no-graphics)";
                default -> "";
            });
        }
        if (t instanceof X2GoNotImplementedYetException) {
            return new Report(ExitStatus.NOT_SUPPORTED, text(t));
        }
        if (t instanceof X2GoBackendException) {
            return new Report(ExitStatus.BACKEND, text(t));
        }
        if (t instanceof X2GoProfileException) {
            return new Report(ExitStatus.PROFILE, text(t));
        }
        if (t instanceof X2GoSessionException) {
            return new Report(ExitStatus.SESSION, text(t));
        }
        if (t instanceof X2GoException) {
            // protocol (the server's answer is not understood), printing, client misuse
            return new Report(ExitStatus.FAILURE, text(t));
        }
        return new Report(ExitStatus.FAILURE, "unexpected " + t.getClass().getSimpleName() + ": " + text(t)
                + " (run with -d for details)");
    }

    private static Report connection(X2GoConnectionException c) {
        return switch (c.connectionReason()) {
            case HOST_KEY -> new Report(ExitStatus.HOST_KEY,
                    c instanceof X2GoHostKeyException h ? hostKey(h) : "host key not accepted: " + text(c));
            case AUTHENTICATION -> new Report(ExitStatus.AUTHENTICATION, "authentication failed: " + text(c)
                    + (c instanceof X2GoPasswordRequiredException
                            ? " (give the key's passphrase or a password with --password)" : ""));
            case NOT_X2GO_SERVER -> new Report(ExitStatus.NOT_X2GO_SERVER, text(c));
            case TIMEOUT, REFUSED, UNREACHABLE, LOST, FAILED -> new Report(ExitStatus.CONNECTION, text(c));
        };
    }

    private static String hostKey(X2GoHostKeyException h) {
        String where = h.port() == 22 ? h.host() : "[" + h.host() + "]:" + h.port();
        return switch (h.reason()) {
            case UNKNOWN -> "the host key of " + where + " is not known: " + h.keyType() + " " + h.fingerprint()
                    + "; if that is the server's key, accept it with --add-to-known-hosts";
            case CHANGED -> "the host key of " + where + " HAS CHANGED: now " + h.keyType() + " " + h.fingerprint()
                    + "; this may be a man-in-the-middle attack. If the change is expected, remove the old entry"
                    + " from the known_hosts file and connect again";
            case REVOKED -> "the host key of " + where + " is REVOKED in the known_hosts file: " + h.keyType() + " "
                    + h.fingerprint() + "; connection refused";
        };
    }

    /** @return the message on one line, the exception's simple name when it has none */
    private static String text(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /**
     * Prints the line (and, with {@code -d}, the stack trace).
     *
     * @param t a failure
     * @return its exit status
     */
    public ExitStatus report(Throwable t) {
        Report r = classify(t);
        err.println("x2go: error: " + r.message());
        if (debug) {
            printVisibleStackTrace(t);
        }
        return r.status();
    }

    /** The stack trace with each line made visible; the leading tabs of its frames stay tabs. */
    private void printVisibleStackTrace(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        for (String line : trace.toString().split("\r?\n")) {
            int tabs = 0;
            while (tabs < line.length() && line.charAt(tabs) == '\t') {
                tabs++;
            }
            err.println(line.substring(0, tabs) + SafeText.visible(line.substring(tabs)));
        }
    }
}
