package org.x2go.registry;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.x2go.api.SessionSummary;

/**
 * The immutable, ordered answer of a registry query: the matching sessions as snapshots, in
 * registration order, with projections:
 * <ul>
 *   <li>{@link #summaries()}: the snapshots;</li>
 *   <li>{@link #uuids()}: their keys;</li>
 *   <li>{@link #profileNames()}, {@link #profileIds()}, {@link #sessionNames()}: distinct, non-empty,
 *       in first-seen order.</li>
 * </ul>
 * The query's filter runs on records before projecting: {@link #sessionNames()} never holds nulls or
 * duplicates, and the names of a "non running" selection are those of non-running records.
 */
public final class SessionSelection implements Iterable<SessionSummary> {

    private static final SessionSelection EMPTY = new SessionSelection(List.of());

    private final List<SessionSummary> summaries;

    private SessionSelection(List<SessionSummary> summaries) {
        this.summaries = summaries;
    }

    /**
     * @param summaries the sessions, in the order to keep
     * @return a selection holding a copy of the list
     */
    public static SessionSelection of(List<SessionSummary> summaries) {
        List<SessionSummary> copy = List.copyOf(Objects.requireNonNull(summaries, "summaries"));
        return copy.isEmpty() ? EMPTY : new SessionSelection(copy);
    }

    /** @return the empty selection */
    public static SessionSelection empty() {
        return EMPTY;
    }

    /** @return the snapshots, in registration order */
    public List<SessionSummary> summaries() {
        return summaries;
    }

    /** @return the session UUIDs, in registration order */
    public List<UUID> uuids() {
        return summaries.stream().map(SessionSummary::uuid).toList();
    }

    /** @return distinct non-empty profile names, first-seen order */
    public List<String> profileNames() {
        return distinct(SessionSummary::profileName);
    }

    /** @return distinct non-empty profile IDs, first-seen order */
    public List<String> profileIds() {
        return distinct(SessionSummary::profileId);
    }

    /** @return distinct non-empty server session names, first-seen order */
    public List<String> sessionNames() {
        return distinct(SessionSummary::sessionName);
    }

    /** @return the number of sessions */
    public int size() {
        return summaries.size();
    }

    /** @return true when nothing matched */
    public boolean isEmpty() {
        return summaries.isEmpty();
    }

    /**
     * @param uuid a session key
     * @return true when that session is part of the selection
     */
    public boolean contains(UUID uuid) {
        return summaries.stream().anyMatch(s -> s.uuid().equals(uuid));
    }

    /** @return the first session, if any */
    public Optional<SessionSummary> first() {
        return summaries.isEmpty() ? Optional.empty() : Optional.of(summaries.get(0));
    }

    /** @return a stream over the snapshots */
    public Stream<SessionSummary> stream() {
        return summaries.stream();
    }

    /** @return an iterator over the snapshots (read-only) */
    @Override
    public Iterator<SessionSummary> iterator() {
        return summaries.iterator();
    }

    private List<String> distinct(Function<SessionSummary, String> f) {
        Set<String> out = new LinkedHashSet<>();
        for (SessionSummary s : summaries) {
            String v = f.apply(s);
            if (v != null && !v.isEmpty()) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    /** @return true for another selection with equal snapshots in equal order */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionSelection other && other.summaries.equals(summaries);
    }

    /** @return a hash of the snapshots */
    @Override
    public int hashCode() {
        return summaries.hashCode();
    }

    /** @return the UUIDs, for logs */
    @Override
    public String toString() {
        return "SessionSelection" + uuids();
    }
}
