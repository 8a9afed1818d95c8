package org.x2go.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoSessionCacheException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.spi.ControlSession;

/**
 * The list-sessions cache: per profile ID, the last
 * session list, desktop list and mount lists fetched from the server, as one immutable {@link Entry}
 * replaced atomically. It has no timer; the guardian refreshes it.
 *
 * <p>Thread-safe. Server round trips run without any lock; a {@link #delete} during a running
 * {@link #update} wins (the update's result is dropped).
 */
public final class ListSessionsCache {
    private static final Logger LOG = LoggerFactory.getLogger(ListSessionsCache.class);

    /** What a cache entry holds. */
    public enum CacheType {
        /** {@code x2golistsessions} */
        SESSIONS,
        /** {@code x2golistdesktops} */
        DESKTOPS,
        /** {@code x2golistmounts} per running session */
        MOUNTS
    }

    /**
     * One profile's cached server facts.
     *
     * @param profileId the profile ID
     * @param sessions  the last session list, empty when never fetched
     * @param desktops  the last desktop list, empty when never fetched
     * @param mounts    session name → mount lines of the running sessions (empty when not fetched)
     * @param updatedAt when the entry was last written
     */
    public record Entry(String profileId, Optional<SessionList> sessions, Optional<List<String>> desktops,
                        Map<String, List<String>> mounts, Instant updatedAt) {
        /** Copies the collections. */
        public Entry {
            Objects.requireNonNull(profileId, "profileId");
            sessions = Objects.requireNonNullElse(sessions, Optional.empty());
            desktops = Objects.requireNonNullElse(desktops, Optional.<List<String>>empty()).map(List::copyOf);
            Map<String, List<String>> m = new LinkedHashMap<>();
            Objects.requireNonNullElse(mounts, Map.<String, List<String>>of()).forEach((k, v) -> m.put(k, List.copyOf(v)));
            mounts = java.util.Collections.unmodifiableMap(m);
            Objects.requireNonNull(updatedAt, "updatedAt");
        }

        /**
         * @param type a part of the entry
         * @return whether that part has been fetched
         */
        public boolean has(CacheType type) {
            return switch (type) {
                case SESSIONS -> sessions.isPresent();
                case DESKTOPS -> desktops.isPresent();
                case MOUNTS -> !mounts.isEmpty();
            };
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Clock clock;

    /** A cache on the system clock. */
    public ListSessionsCache() {
        this(Clock.systemUTC());
    }

    /** @param clock time source for {@link Entry#updatedAt()} */
    public ListSessionsCache(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Refreshes a profile's entry from its control session. Parts not
     * asked for keep their previous values. A timeout while listing desktops or mounts keeps the old
     * value; a control-session failure in any part deletes the profile's entry and is rethrown.
     *
     * @param profileId      the profile
     * @param control        its connected control session
     * @param updateSessions fetch the session list
     * @param updateDesktops fetch the desktop list
     * @param updateMounts   fetch the mounts of every running session (from the new or cached list)
     * @return the new entry
     * @throws X2GoControlSessionException when the control session fails
     */
    public Entry update(String profileId, ControlSession control, boolean updateSessions, boolean updateDesktops,
                        boolean updateMounts) {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(control, "control");
        long gen = generations.computeIfAbsent(profileId, k -> generation.incrementAndGet());
        Entry old = entries.get(profileId);
        Optional<SessionList> sessions = old == null ? Optional.empty() : old.sessions();
        Optional<List<String>> desktops = old == null ? Optional.empty() : old.desktops();
        Map<String, List<String>> mounts = old == null ? Map.of() : old.mounts();
        try {
            if (updateSessions) {
                sessions = Optional.of(control.listSessions());
            }
            if (updateDesktops) {
                try {
                    desktops = Optional.of(control.listDesktops());
                } catch (X2GoTimeOutException e) {
                    LOG.info("listing desktops of profile {} timed out; keeping the cached list", profileId);
                }
            }
            if (updateMounts) {
                Map<String, List<String>> m = new LinkedHashMap<>();
                for (SessionInfo s : sessions.map(SessionList::sessions).orElse(List.of())) {
                    if (!s.isRunning()) {
                        continue;
                    }
                    try {
                        m.put(s.name(), control.listMounts(s.name()));
                    } catch (X2GoTimeOutException e) {
                        LOG.info("listing mounts of {} timed out; keeping the cached mounts", SafeText.excerpt(s.name()));
                        List<String> prev = mounts.get(s.name());
                        if (prev != null) {
                            m.put(s.name(), prev);
                        }
                    }
                }
                mounts = m;
            }
        } catch (X2GoControlSessionException e) {
            delete(profileId);
            throw e;
        }
        Entry fresh = new Entry(profileId, sessions, desktops, mounts, clock.instant());
        // install only if nobody deleted the profile meanwhile (the generation changes on delete)
        generations.computeIfPresent(profileId, (k, g) -> {
            if (g == gen) {
                entries.put(profileId, fresh);
            }
            return g;
        });
        return fresh;
    }

    /**
     * @param profileId a profile
     * @return its entry
     */
    public Optional<Entry> entry(String profileId) {
        return Optional.ofNullable(entries.get(profileId));
    }

    /**
     * @param profileId a profile
     * @return its cached session list, if fetched
     */
    public Optional<SessionList> listSessions(String profileId) {
        return entry(profileId).flatMap(Entry::sessions);
    }

    /**
     * @param profileId a profile
     * @return its cached desktop list, if fetched
     */
    public Optional<List<String>> listDesktops(String profileId) {
        return entry(profileId).flatMap(Entry::desktops);
    }

    /**
     * @param profileId a profile
     * @return its cached mounts; empty map when none
     */
    public Map<String, List<String>> listMounts(String profileId) {
        return entry(profileId).map(Entry::mounts).orElse(Map.of());
    }

    /**
     * @param profileId a profile
     * @return whether the profile has an entry
     */
    public boolean isCached(String profileId) {
        return entries.containsKey(profileId);
    }

    /**
     * Tells whether that part was actually fetched (an entry may hold only some parts).
     *
     * @param profileId a profile
     * @param type      a part
     * @return whether that part is cached
     */
    public boolean isCached(String profileId, CacheType type) {
        return entry(profileId).map(e -> e.has(type)).orElse(false);
    }

    /**
     * @param profileId a profile
     * @return its entry
     * @throws X2GoSessionCacheException when the profile is not cached
     */
    public Entry require(String profileId) {
        return entry(profileId).orElseThrow(() -> new X2GoSessionCacheException(
                "the list-sessions cache has no entry for profile '" + profileId + "'"));
    }

    /**
     * Removes a profile's entry; an update running for it will not re-add it.
     *
     * @param profileId a profile
     */
    public void delete(String profileId) {
        generations.remove(profileId);
        entries.remove(profileId);
    }

    /**
     * Drops the entries of profiles that are no longer connected.
     *
     * @param connectedProfileIds the profiles to keep
     */
    public void retainOnly(Collection<String> connectedProfileIds) {
        for (String id : List.copyOf(entries.keySet())) {
            if (!connectedProfileIds.contains(id)) {
                delete(id);
            }
        }
    }

    /** @return IDs of the cached profiles */
    public List<String> profileIds() {
        return List.copyOf(entries.keySet());
    }
}
