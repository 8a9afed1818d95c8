package org.x2go.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parsed answer of {@code x2golistsessions}: the valid sessions, keyed by name in server order
 * (a later duplicate wins, spec R-INF-3), and the lines that could not be parsed. A malformed line is
 * skipped rather than failing the whole list (python's defect, fixed). Immutable; lookups by name are
 * hashed (the registry looks every record up in the list on each status update).
 */
public final class SessionList {

    /** The empty list. */
    public static final SessionList EMPTY = new SessionList(List.of(), List.of());

    private final List<SessionInfo> sessions;
    private final List<String> skippedLines;
    private final Map<String, SessionInfo> byName;

    /**
     * @param sessions     the valid sessions in server order; de-duplicated by name (the later line
     *                     wins, keeping the first position)
     * @param skippedLines lines that were not valid session lines, verbatim
     */
    public SessionList(List<SessionInfo> sessions, List<String> skippedLines) {
        Map<String, SessionInfo> m = new LinkedHashMap<>();
        for (SessionInfo s : Objects.requireNonNull(sessions, "sessions")) {
            m.put(s.name(), s);
        }
        this.byName = Collections.unmodifiableMap(m);
        this.sessions = List.copyOf(m.values());
        this.skippedLines = List.copyOf(Objects.requireNonNull(skippedLines, "skippedLines"));
    }

    /** @return the valid sessions, in first-seen order */
    public List<SessionInfo> sessions() {
        return sessions;
    }

    /** @return lines that were not valid session lines, verbatim */
    public List<String> skippedLines() {
        return skippedLines;
    }

    /**
     * @param name a session name
     * @return the session of that name
     */
    public Optional<SessionInfo> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return an unmodifiable name → info map in list order */
    public Map<String, SessionInfo> asMap() {
        return byName;
    }

    /** @return number of valid sessions */
    public int size() {
        return sessions.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionList other && sessions.equals(other.sessions) && skippedLines.equals(other.skippedLines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessions, skippedLines);
    }

    @Override
    public String toString() {
        return "SessionList[sessions=" + sessions + ", skippedLines=" + skippedLines + "]";
    }
}
