package org.x2go.backend.plain.internal;

import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoProtocolException;
import org.x2go.backend.plain.X2GoCommands;

/**
 * Cuts the data between the {@code X2GODATABEGIN:<id>} and {@code X2GODATAEND:<id>} marker lines out of a
 * command's stdout (R-CTL-2): login-shell noise before and after is dropped, {@code \r} before a line end
 * is removed, and Perl's "Setting locale failed" warning block (real-server §4.6) is filtered out, so none
 * of it reaches a parser.
 */
public final class Framing {
    private static final Logger LOG = LoggerFactory.getLogger(Framing.class);
    private static final Pattern LOCALE_START = Pattern.compile("^perl: ?warning: ?Setting ?locale ?failed\\.?\\s*$");
    private static final Pattern LOCALE_END = Pattern.compile("^perl: ?warning: ?Falling ?back ?to.*$");
    /** The warning block is 7 lines; never swallow more than this looking for its end. */
    private static final int LOCALE_BLOCK_MAX = 8;

    /** How much of a command line a message quotes (more than the default excerpt: commands are long). */
    static final int COMMAND_EXCERPT = 1000;

    private Framing() {
    }

    /**
     * @param stdout  the whole stdout of the framed command
     * @param id      the marker ID used in {@link X2GoCommands#frame}
     * @param command the inner command, for messages
     * @return the lines between the markers, each ending with {@code \n} (a last line the command did not
     *         terminate is returned without one)
     * @throws X2GoProtocolException when a marker is missing (the command did not run through the wrapper): the
     *         server's answer is not understood, the connection itself may be fine
     */
    public static String extract(String stdout, String id, String command) {
        String begin = X2GoCommands.BEGIN_MARKER + id;
        String end = X2GoCommands.END_MARKER + id;
        String clean = clean(stdout, begin, end);
        if (clean != null) {
            return clean;
        }
        String[] lines = stdout.split("\n", -1);
        int i = 0;
        while (i < lines.length && !stripCr(lines[i]).startsWith(begin)) {
            i++;
        }
        if (i == lines.length) {
            throw new X2GoProtocolException("No " + begin + " marker in the output of '" + shown(command)
                    + "': " + SafeText.excerpt(stdout));
        }
        StringBuilder body = new StringBuilder();
        for (i = i + 1; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            int endAt = line.indexOf(end);
            if (endAt >= 0) {
                // output without a final newline glues the marker to its last line (python lost that line)
                return body.append(line, 0, endAt).toString();
            }
            if (LOCALE_START.matcher(line).matches()) {
                int rest = localeBlockRest(lines, i);
                if (rest > 0) {
                    LOG.warn("Dropped a Perl locale warning from the output of '{}': the server lacks the "
                            + "client's locale", shown(command));
                    i += rest;
                    continue;
                }
            }
            body.append(line).append('\n');
        }
        throw new X2GoProtocolException("No " + end + " marker in the output of '" + shown(command)
                + "' (output cut short): " + SafeText.excerpt(stdout));
    }

    /**
     * The common case without a line copy: when the lines between the markers hold no {@code \r} and none starts
     * like Perl's warning, the loop in {@link #extract} would append each of them unchanged, so its result is
     * the text between the begin marker's line and the end marker (the guardian frames every list, so this
     * runs per profile and round).
     *
     * @return that text, or null when the line-by-line path must decide (also for every error)
     */
    private static String clean(String stdout, String begin, String end) {
        int lineStart = 0;
        while (!stdout.startsWith(begin, lineStart)) {
            int nl = stdout.indexOf('\n', lineStart);
            if (nl < 0) {
                return null;
            }
            lineStart = nl + 1;
        }
        int nl = stdout.indexOf('\n', lineStart);
        if (nl < 0) {
            return null;
        }
        int bodyStart = nl + 1;
        int endAt = stdout.indexOf(end, bodyStart);
        if (endAt < 0) {
            return null;
        }
        int cr = stdout.indexOf('\r', bodyStart);
        int perl = stdout.indexOf("\nperl", bodyStart - 1);
        if ((cr >= 0 && cr < endAt) || (perl >= 0 && perl < endAt)) {
            return null;
        }
        return stdout.substring(bodyStart, endAt);
    }

    /**
     * A command line as messages and logs show it: it may hold server data (the remote home directory), so
     * it is escaped and cut ({@link SafeText#excerpt(CharSequence, int)}).
     */
    static String shown(String command) {
        return SafeText.excerpt(command, COMMAND_EXCERPT);
    }

    /** @return how many lines after the start line belong to the warning block, up to its end line; 0 without one */
    private static int localeBlockRest(String[] lines, int start) {
        for (int n = 1; n <= LOCALE_BLOCK_MAX && start + n < lines.length; n++) {
            if (LOCALE_END.matcher(stripCr(lines[start + n])).matches()) {
                return n;
            }
        }
        return 0;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
