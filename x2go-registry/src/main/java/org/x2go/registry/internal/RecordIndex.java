package org.x2go.registry.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.api.SessionState;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.SessionOrigin;

/**
 * The registry's records, in registration order, with their secondary indexes (profile ID, profile
 * name, session name, state) and the per-profile entries. Not thread-safe: the registry calls it under
 * its lock (reads under the read lock, changes under the write lock). Lists it returns are sorted by
 * registration order. Internal to x2go-registry.
 */
public final class RecordIndex {
    private static final Logger LOG = LoggerFactory.getLogger(RecordIndex.class);

    /** States in which the record's profile is connected: every state but NEW and DISCONNECTED. */
    public static final Set<SessionState> CONNECTED_STATES =
            EnumSet.complementOf(EnumSet.of(SessionState.NEW, SessionState.DISCONNECTED));

    private static final Comparator<SessionRecord> BY_SEQ = Comparator.comparingLong(r -> r.seq);

    private final Map<UUID, SessionRecord> records = new LinkedHashMap<>();
    private final Map<String, Set<SessionRecord>> byProfileId = new HashMap<>();
    private final Map<String, Set<SessionRecord>> byProfileName = new HashMap<>();
    private final Map<String, Set<SessionRecord>> bySessionName = new HashMap<>();
    private final Map<SessionState, Set<SessionRecord>> byState = new EnumMap<>(SessionState.class);
    private final Map<String, ProfileEntry> profiles = new LinkedHashMap<>();
    private long nextSeq;

    /** An empty index. */
    public RecordIndex() {
        for (SessionState s : SessionState.values()) {
            byState.put(s, new LinkedHashSet<>());
        }
    }

    // ------------------------------------------------------------------ profiles

    /**
     * @param id   a profile ID
     * @param name its name, which replaces the one on record
     * @return the profile's entry, created when new
     */
    public ProfileEntry profile(String id, String name) {
        ProfileEntry p = profiles.computeIfAbsent(id, k -> new ProfileEntry(id, name));
        p.name = name;
        return p;
    }

    /**
     * @param id a profile ID
     * @return its entry, null when unknown
     */
    public ProfileEntry profileOf(String id) {
        return profiles.get(id);
    }

    /** @return the profile entries in first-registration order (live view) */
    public Collection<ProfileEntry> profiles() {
        return profiles.values();
    }

    // ------------------------------------------------------------------ records

    /**
     * A new record, not yet indexed ({@link #add}).
     *
     * @param profileId   the profile ID
     * @param profileName the profile name
     * @param server      the server host
     * @param origin      how it is registered
     * @return the record, in state NEW, virgin, with a fresh UUID
     */
    public SessionRecord create(String profileId, String profileName, String server, SessionOrigin origin) {
        SessionRecord r = new SessionRecord(UUID.randomUUID(), nextSeq++);
        r.profileId = profileId;
        r.profileName = profileName;
        r.server = server;
        r.origin = origin;
        return r;
    }

    /**
     * @param r          a record from {@link #create}, not yet added
     * @param sessionName its session name, empty for none
     */
    public void add(SessionRecord r, String sessionName) {
        r.sessionName = sessionName;
        records.put(r.uuid, r);
        indexSecondary(r);
    }

    /** @param r a record to drop from every index */
    public void remove(SessionRecord r) {
        records.remove(r.uuid);
        unindexSecondary(r);
    }

    /**
     * Rebinds a record's session name, keeping the indexes and the registration order.
     *
     * @param r    the record
     * @param name the new name, empty for none
     */
    public void rename(SessionRecord r, String name) {
        reindex(r, () -> r.sessionName = name);
    }

    /**
     * Moves a record to another profile name, keeping the indexes and the registration order.
     *
     * @param r    the record
     * @param name the profile name
     */
    public void renameProfile(SessionRecord r, String name) {
        reindex(r, () -> r.profileName = name);
    }

    private void reindex(SessionRecord r, Runnable change) {
        // the primary map is left alone: it holds registration order, which keys() promises
        unindexSecondary(r);
        try {
            change.run();
        } finally {
            indexSecondary(r);
        }
    }

    /**
     * Changes a record's state when the life cycle allows it; an impossible change is logged and ignored.
     *
     * @param r    the record
     * @param next the state wanted
     * @return whether the record is now in {@code next}
     */
    public boolean setState(SessionRecord r, SessionState next) {
        if (r.state == next) {
            return true;
        }
        if (!r.state.canTransitionTo(next)) {
            LOG.warn("ignoring impossible transition {} -> {} of session {} ({})", r.state, next, r.uuid,
                    SafeText.excerpt(r.sessionName));
            return false;
        }
        byState.get(r.state).remove(r);
        r.state = next;
        byState.get(next).add(r);
        return true;
    }

    private void indexSecondary(SessionRecord r) {
        byProfileId.computeIfAbsent(r.profileId, k -> new LinkedHashSet<>()).add(r);
        byProfileName.computeIfAbsent(r.profileName, k -> new LinkedHashSet<>()).add(r);
        if (!r.sessionName.isEmpty()) {
            bySessionName.computeIfAbsent(r.sessionName, k -> new LinkedHashSet<>()).add(r);
        }
        byState.get(r.state).add(r);
    }

    private void unindexSecondary(SessionRecord r) {
        removeFrom(byProfileId, r.profileId, r);
        removeFrom(byProfileName, r.profileName, r);
        removeFrom(bySessionName, r.sessionName, r);
        byState.get(r.state).remove(r);
    }

    private static void removeFrom(Map<String, Set<SessionRecord>> idx, String key, SessionRecord r) {
        Set<SessionRecord> s = idx.get(key);
        if (s != null) {
            s.remove(r);
            if (s.isEmpty()) {
                idx.remove(key);
            }
        }
    }

    // ------------------------------------------------------------------ lookups

    /**
     * @param uuid a key, may be null
     * @return its record, null when unknown
     */
    public SessionRecord get(UUID uuid) {
        return uuid == null ? null : records.get(uuid);
    }

    /**
     * @param uuid a key
     * @return its record
     * @throws X2GoSessionRegistryException for an unknown or null UUID
     */
    public SessionRecord require(UUID uuid) {
        SessionRecord r = get(uuid);
        if (r == null) {
            throw new X2GoSessionRegistryException("no session found for UUID " + uuid);
        }
        return r;
    }

    /** @return every record in registration order (live view) */
    public Collection<SessionRecord> all() {
        return records.values();
    }

    /** @return the keys in registration order (copy) */
    public List<UUID> keys() {
        return List.copyOf(records.keySet());
    }

    /** @return the number of records */
    public int size() {
        return records.size();
    }

    /**
     * @param profileId a profile ID
     * @return its records
     */
    public List<SessionRecord> ofProfileId(String profileId) {
        return sorted(byProfileId.get(profileId));
    }

    /**
     * @param profileName a profile name
     * @return its records
     */
    public List<SessionRecord> ofProfileName(String profileName) {
        return sorted(byProfileName.get(profileName));
    }

    /**
     * @param sessionName a session name
     * @return the records bound to it, unsorted (one in the normal case; live view, empty when none)
     */
    public Set<SessionRecord> withSessionName(String sessionName) {
        Set<SessionRecord> s = bySessionName.get(sessionName);
        return s == null ? Set.of() : s;
    }

    /**
     * @param states      the states wanted
     * @param profileName restrict to this profile name; null for all
     * @return the records in one of the states
     */
    public List<SessionRecord> inStates(Set<SessionState> states, String profileName) {
        List<SessionRecord> hits = new ArrayList<>();
        if (profileName != null) {
            Set<SessionRecord> s = byProfileName.get(profileName);
            if (s != null) {
                for (SessionRecord r : s) {
                    if (states.contains(r.state)) {
                        hits.add(r);
                    }
                }
            }
        } else {
            for (SessionState s : states) {
                hits.addAll(byState.get(s));
            }
        }
        hits.sort(BY_SEQ);
        return hits;
    }

    /**
     * @param state a state
     * @return whether any record is in it
     */
    public boolean any(SessionState state) {
        return !byState.get(state).isEmpty();
    }

    /**
     * @param profileId a profile ID
     * @return whether one of its records is in a connected state
     */
    public boolean hasConnectedRecord(String profileId) {
        Set<SessionRecord> s = byProfileId.get(profileId);
        return s != null && s.stream().anyMatch(r -> CONNECTED_STATES.contains(r.state));
    }

    /**
     * @param s records, may be null
     * @return them sorted by registration order (a copy)
     */
    public static List<SessionRecord> sorted(Collection<SessionRecord> s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        List<SessionRecord> l = new ArrayList<>(s);
        l.sort(BY_SEQ);
        return l;
    }

    // ------------------------------------------------------------------ self-check

    /** @return a description of every disagreement between an index and the record map; empty when consistent */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        int inState = 0;
        for (Map.Entry<SessionState, Set<SessionRecord>> e : byState.entrySet()) {
            for (SessionRecord r : e.getValue()) {
                inState++;
                if (r.state != e.getKey() || records.get(r.uuid) != r) {
                    problems.add("state index " + e.getKey() + " holds " + r.uuid + " in " + r.state);
                }
            }
        }
        if (inState != records.size()) {
            problems.add("state index size " + inState + " != " + records.size());
        }
        check(problems, "profile id", byProfileId, r -> r.profileId);
        check(problems, "profile name", byProfileName, r -> r.profileName);
        check(problems, "session name", bySessionName, r -> r.sessionName.isEmpty() ? null : r.sessionName);
        return problems;
    }

    private void check(List<String> problems, String what, Map<String, Set<SessionRecord>> idx,
                       Function<SessionRecord, String> key) {
        int n = 0;
        for (Map.Entry<String, Set<SessionRecord>> e : idx.entrySet()) {
            for (SessionRecord r : e.getValue()) {
                n++;
                if (!e.getKey().equals(key.apply(r)) || records.get(r.uuid) != r) {
                    problems.add(what + " index " + e.getKey() + " holds " + r.uuid);
                }
            }
        }
        long expected = records.values().stream().filter(r -> key.apply(r) != null).count();
        if (n != expected) {
            problems.add(what + " index size " + n + " != " + expected);
        }
    }
}
