package org.x2go.backend.plain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.spi.SessionListParser;

/**
 * PLAIN parser of {@code x2golistsessions} output (R-INF-3): one session per line, empty lines skipped,
 * a later duplicate wins. A malformed line (locale warnings, garbage) is logged and kept verbatim in
 * {@link SessionList#skippedLines()}; the valid lines survive (python failed the whole list). A session
 * that {@code x2gostartagent} is still starting (its row has a name but no agent PID, cookie or ports yet) is
 * skipped the same way but logged at DEBUG only: it is normal and the next listing shows it.
 *
 * <p>The list is polled on every guardian tick, so the log is bounded: a logged line is escaped and cut to
 * {@value SafeText#DEFAULT_EXCERPT} characters with its original length ({@link SafeText#excerpt}), and at
 * most {@value #MAX_REPORTED_LINES} malformed lines of one listing are logged one by one; the rest are
 * counted in one summary message. Thread-safe.
 */
public final class PlainSessionListParser implements SessionListParser {
    private static final Logger LOG = LoggerFactory.getLogger(PlainSessionListParser.class);

    /** How many malformed lines of one listing are logged individually. */
    public static final int MAX_REPORTED_LINES = 10;

    /** Where the parser's diagnostics go (a seam for tests; the public constructor logs them). */
    @FunctionalInterface
    interface Diagnostics {
        /**
         * @param expected true for a normal, transient condition (DEBUG), false for a malformed line (WARN)
         * @param message  the message; server text in it is already escaped and bounded
         */
        void report(boolean expected, String message);
    }

    private static final Diagnostics LOGGING = (expected, message) -> {
        if (expected) {
            LOG.debug("{}", message);
        } else {
            LOG.warn("{}", message);
        }
    };

    private final PlainSessionInfoParser lineParser = new PlainSessionInfoParser();
    private final Diagnostics diagnostics;

    /** Creates the parser (ServiceLoader entry point). */
    public PlainSessionListParser() {
        this(LOGGING);
    }

    PlainSessionListParser(Diagnostics diagnostics) {
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /** @return {@code PLAIN} */
    @Override
    public String name() {
        return "PLAIN";
    }

    /**
     * @param output the de-framed output; may be null or empty
     * @return the valid sessions and the skipped lines
     */
    @Override
    public SessionList parse(String output) {
        if (output == null || output.isEmpty()) {
            return SessionList.EMPTY;
        }
        List<SessionInfo> sessions = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int no = 0;
        int malformed = 0;
        for (String raw : output.split("\n", -1)) {
            no++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            try {
                sessions.add(lineParser.parseLine(line));
            } catch (IllegalArgumentException e) {
                if (isStarting(line)) {
                    diagnostics.report(true, "x2golistsessions line " + no + " skipped: session still starting: "
                            + SafeText.excerpt(line));
                } else if (++malformed <= MAX_REPORTED_LINES) {
                    diagnostics.report(false, "x2golistsessions line " + no + " skipped: " + e.getMessage());
                }
                skipped.add(line);
            }
        }
        if (malformed > MAX_REPORTED_LINES) {
            diagnostics.report(false, "x2golistsessions: " + (malformed - MAX_REPORTED_LINES)
                    + " more malformed lines skipped (" + malformed + " in all)");
        }
        return new SessionList(sessions, skipped);
    }

    /** The row x2gostartagent inserts before the agent runs: name and display set, PID, cookie and ports empty. */
    static boolean isStarting(String line) {
        String[] f = line.split("\\|", -1);
        return f.length >= 14 && f[0].isEmpty() && !f[1].isEmpty() && f[2].strip().matches("\\d+")
                && f[6].isEmpty() && f[8].isEmpty() && f[9].isEmpty();
    }
}
