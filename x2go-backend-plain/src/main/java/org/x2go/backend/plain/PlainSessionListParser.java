package org.x2go.backend.plain;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.spi.SessionListParser;

/**
 * PLAIN parser of {@code x2golistsessions} output (R-INF-3): one session per line, empty lines skipped,
 * a later duplicate wins. A malformed line (locale warnings, garbage) is logged and kept in
 * {@link SessionList#skippedLines()}; the valid lines survive (python failed the whole list). A session
 * that {@code x2gostartagent} is still starting (its row has a name but no agent PID, cookie or ports yet) is
 * skipped the same way but logged at DEBUG only: it is normal and the next listing shows it. Thread-safe.
 */
public final class PlainSessionListParser implements SessionListParser {
    private static final Logger LOG = LoggerFactory.getLogger(PlainSessionListParser.class);

    private final PlainSessionInfoParser lineParser = new PlainSessionInfoParser();

    /** Creates the parser (ServiceLoader entry point). */
    public PlainSessionListParser() {
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
                    LOG.debug("x2golistsessions line {} skipped: session still starting: {}", no, line);
                } else {
                    LOG.warn("x2golistsessions line {} skipped: {}", no, e.getMessage());
                }
                skipped.add(line);
            }
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
