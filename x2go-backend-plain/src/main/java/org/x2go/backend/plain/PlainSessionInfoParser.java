package org.x2go.backend.plain;

import org.x2go.api.AgentInfo;
import org.x2go.api.SafeText;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionInfo;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.backend.plain.internal.Outputs;
import org.x2go.spi.SessionInfoParser;

/**
 * PLAIN parser of single-session answers: one {@code x2golistsessions} line (R-INF-1/2) and the
 * {@code x2gostartagent} answer (R-INF-7). Server text quoted in an exception message is escaped and cut
 * with {@link SafeText#excerpt(CharSequence)} (at most {@value SafeText#DEFAULT_EXCERPT} characters of it,
 * plus its original length), so a huge or hostile line never becomes a huge or hostile message.
 * Stateless and thread-safe.
 */
public final class PlainSessionInfoParser implements SessionInfoParser {
    /** How much of one bad field an exception message quotes (the whole line is quoted separately). */
    static final int FIELD_EXCERPT = 60;

    /** Creates the parser (ServiceLoader entry point). */
    public PlainSessionInfoParser() {
    }

    /** @return {@code PLAIN} */
    @Override
    public String name() {
        return "PLAIN";
    }

    /**
     * Parses one line: at least 14 {@code |}-separated fields; integers (ASCII digits, optional {@code -}) in
     * fields 0, 2, 8, 9 and 13; fields 14 and 15 optional (missing, non-numeric or beyond the {@code int}
     * range → {@code -1}); field 12 {@code -1} when not numeric; extra fields ignored; surrounding whitespace
     * and a trailing {@code \r} tolerated.
     *
     * @param line one line
     * @return the session
     * @throws IllegalArgumentException naming the field and (an excerpt of) the line when it is malformed
     */
    @Override
    public SessionInfo parseLine(String line) {
        if (line == null) {
            throw new IllegalArgumentException("session line is null");
        }
        String l = line.strip();
        String[] f = l.split("\\|", -1);
        if (f.length < 14) {
            throw new IllegalArgumentException("session line has " + f.length + " fields, at least 14 needed: "
                    + SafeText.excerpt(l));
        }
        String name = f[1].strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("session line has an empty session name (field 1): "
                    + SafeText.excerpt(l));
        }
        return SessionInfo.builder()
                .agentPid(requiredInt(f, 0, "agent PID", l))
                .name(name)
                .display(requiredInt(f, 2, "display", l))
                .hostname(f[3].strip())
                .status(ServerSessionStatus.fromLetter(f[4]))
                .createdAt(f[5].strip())
                .cookie(f[6].strip())
                .clientIp(f[7].strip())
                .graphicsPort(requiredInt(f, 8, "graphics port", l))
                .soundPort(requiredInt(f, 9, "sound port", l))
                .lastChangedAt(f[10].strip())
                .username(f[11].strip())
                .ageSeconds(parseOr(f[12], -1))
                .sshfsPort(requiredInt(f, 13, "sshfs port", l))
                .tekiCtrlPort(optionalInt(f, 14))
                .tekiDataPort(optionalInt(f, 15))
                .build();
    }

    /**
     * Parses the 7- or 9-line answer of {@code x2gostartagent} (lines 0–6 required: display, cookie, agent
     * PID, session name, graphics, sound and sshfs ports; lines 7–8 Telekinesis ports, optional). CRLF
     * line ends are tolerated.
     *
     * @param output the de-framed stdout
     * @return the agent facts
     * @throws X2GoTerminalSessionException naming the bad line, with the server's text, when it is not a valid answer
     */
    @Override
    public AgentInfo parseAgent(String output) {
        String[] lines = (output == null ? "" : output).replace("\r", "").split("\n", -1);
        try {
            if (lines.length < 7) {
                throw new IllegalArgumentException("only " + lines.length + " lines, 7 needed");
            }
            String cookie = lines[1].strip();
            String name = lines[3].strip();
            if (cookie.isEmpty()) {
                throw new IllegalArgumentException("line 2 (cookie) is empty");
            }
            if (name.isEmpty() || name.contains("|")) {
                throw new IllegalArgumentException("line 4 (session name) is not a session name: '"
                        + SafeText.excerpt(name) + "'");
            }
            return new AgentInfo(
                    lineInt(lines, 0, "display"), cookie, lineInt(lines, 2, "agent PID"), name,
                    lineInt(lines, 4, "graphics port"), lineInt(lines, 5, "sound port"),
                    lineInt(lines, 6, "sshfs port"),
                    lines.length > 7 ? intOr(lines[7], -1) : -1,
                    lines.length > 8 ? intOr(lines[8], -1) : -1);
        } catch (IllegalArgumentException e) {
            throw new X2GoTerminalSessionException("x2gostartagent gave no valid answer (" + e.getMessage()
                    + "); server output: '" + SafeText.excerpt(output == null ? "" : output) + "'", e);
        }
    }

    private static int requiredInt(String[] f, int i, String what, String line) {
        try {
            return Outputs.decimalInt(f[i]);
        } catch (NumberFormatException e) {
            // not chained: the JDK's message would quote the whole (unbounded) field
            throw new IllegalArgumentException("field " + i + " (" + what + ") is not an integer: '"
                    + SafeText.excerpt(f[i], FIELD_EXCERPT) + "' in line: " + SafeText.excerpt(line));
        }
    }

    /** A number that does not fit an int is "unknown" too, never truncated into some other port. */
    private static int optionalInt(String[] f, int i) {
        return i < f.length ? intOr(f[i], -1) : -1;
    }

    private static int intOr(String s, int dflt) {
        try {
            return Outputs.decimalInt(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static long parseOr(String s, long dflt) {
        try {
            return Outputs.decimal(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static int lineInt(String[] lines, int i, String what) {
        try {
            return Outputs.decimalInt(lines[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + (i + 1) + " (" + what + ") is not an integer: '"
                    + SafeText.excerpt(lines[i], FIELD_EXCERPT) + "'");
        }
    }
}
