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
 * The immutable, ordered answer of a registry query (DESIGN.md §4): the matching sessions as
 * snapshots, in registration order, with projections replacing python-x2go's {@code return_*} flags
 * (spec R-REG-8, Q-74).
 *
 * <p>Porting python code: python picked the shape with the first true flag in the order
 * {@code return_profile_names} &gt; {@code return_profile_ids} &gt; {@code return_session_names} &gt;
 * {@code return_objects} &gt; (UUIDs). Here every shape is available from one selection:
 * <ul>
 *   <li>{@code return_profile_names=True} → {@link #profileNames()} (distinct, non-empty, first-seen order)</li>
 *   <li>{@code return_profile_ids=True} → {@link #profileIds()} (distinct, non-empty)</li>
 *   <li>{@code return_session_names=True} → {@link #sessionNames()} (distinct, non-empty)</li>
 *   <li>{@code return_objects=True} (the registry default) → {@link #summaries()}</li>
 *   <li>all flags false (the client wrappers' default) → {@link #uuids()}</li>
 * </ul>
 * Unlike python's per-profile queries (R-REG-9), {@link #sessionNames()} never contains nulls or
 * duplicates. Because the filter runs on records before projecting, "non running" names are right
 * (python's Q-52 set difference on names is not reproduced).
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

    /** @return the snapshots, in registration order (python: records) */
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
