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
 * skipped rather than failing the whole list (python's defect, fixed).
 *
 * @param sessions     the valid sessions, in first-seen order
 * @param skippedLines lines that were not valid session lines, verbatim
 */
public record SessionList(List<SessionInfo> sessions, List<String> skippedLines) {

    /** The empty list. */
    public static final SessionList EMPTY = new SessionList(List.of(), List.of());

    /** Copies both lists, de-duplicating sessions by name (the later line wins, keeping the first position). */
    public SessionList {
        Map<String, SessionInfo> byName = new LinkedHashMap<>();
        for (SessionInfo s : Objects.requireNonNull(sessions, "sessions")) {
            byName.put(s.name(), s);
        }
        sessions = List.copyOf(byName.values());
        skippedLines = List.copyOf(Objects.requireNonNull(skippedLines, "skippedLines"));
    }

    /**
     * @param name a session name
     * @return the session of that name
     */
    public Optional<SessionInfo> byName(String name) {
        for (SessionInfo s : sessions) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** @return an unmodifiable name → info map in list order */
    public Map<String, SessionInfo> asMap() {
        Map<String, SessionInfo> m = new LinkedHashMap<>();
        sessions.forEach(s -> m.put(s.name(), s));
        return Collections.unmodifiableMap(m);
    }

    /** @return number of valid sessions */
    public int size() {
        return sessions.size();
    }
}
