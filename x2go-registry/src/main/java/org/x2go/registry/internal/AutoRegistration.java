package org.x2go.registry.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.EventCause;
import org.x2go.api.SafeText;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionState;
import org.x2go.registry.SessionOrigin;

/**
 * Registers server sessions the registry does not know yet: the global switch, the per-profile pause
 * while this client starts a session, the per-profile throttle, and the session names this client
 * terminated (never registered again while remembered). Not thread-safe except for the switch: called
 * under the registry's write lock. Internal to x2go-registry.
 */
public final class AutoRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(AutoRegistration.class);

    /** Receives the events of a registration. */
    @FunctionalInterface
    public interface Events {
        /**
         * @param kind   what happened
         * @param cause  who caused it
         * @param record the record concerned
         */
        void fire(SessionEvent.Kind kind, EventCause cause, SessionRecord record);
    }

    private final RecordIndex index;
    private final Clock clock;
    private final Duration throttle;
    private final Duration keepTerminated;
    private final int maxTerminated;
    private volatile boolean enabled = true;
    /** Profile ID → starts of this client in flight; new names of the profile wait for them. */
    private final Map<String, Integer> startsInFlight = new HashMap<>();
    /** Profile ID → time of its last auto-registration. */
    private final Map<String, Instant> lastRun = new HashMap<>();
    /** Profile ID + session name this client terminated → when (insertion order, bounded). */
    private final LinkedHashMap<String, Instant> terminatedHere = new LinkedHashMap<>();

    /**
     * @param index          the records it adds to
     * @param clock          time source
     * @param throttle       calls for one profile closer together than this are skipped
     * @param keepTerminated how long a name this client terminated is kept from registration
     * @param maxTerminated  how many such names are remembered at most
     */
    public AutoRegistration(RecordIndex index, Clock clock, Duration throttle, Duration keepTerminated,
                            int maxTerminated) {
        this.index = index;
        this.clock = clock;
        this.throttle = throttle;
        this.keepTerminated = keepTerminated;
        this.maxTerminated = maxTerminated;
    }

    /** @param on whether new server sessions are registered (any thread) */
    public void setEnabled(boolean on) {
        enabled = on;
    }

    /** @return whether new server sessions are registered (any thread) */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param profileId a profile this client starts a session for; calls nest */
    public void pause(String profileId) {
        startsInFlight.merge(profileId, 1, Integer::sum);
    }

    /** @param profileId ends one {@link #pause} */
    public void resume(String profileId) {
        startsInFlight.computeIfPresent(profileId, (k, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * Takes the profile's turn unless it ran within the throttle.
     *
     * @param profileId  the profile
     * @param reRegister ignore the throttle
     * @return whether the call may go on (its time is then recorded)
     */
    public boolean takeTurn(String profileId, boolean reRegister) {
        Instant now = clock.instant();
        Instant last = lastRun.get(profileId);
        if (!reRegister && last != null && now.isBefore(last.plus(throttle))) {
            LOG.debug("auto-registration of profile {} throttled", SafeText.visible(profileId));
            return false;
        }
        lastRun.put(profileId, now);
        return true;
    }

    /**
     * Keeps a session name this client terminates from registration for a while.
     *
     * @param profileId   the profile
     * @param sessionName the session
     */
    public void rememberTerminated(String profileId, String sessionName) {
        expire();
        String k = key(profileId, sessionName);
        terminatedHere.remove(k);
        terminatedHere.put(k, clock.instant());
        while (terminatedHere.size() > maxTerminated) {
            terminatedHere.remove(terminatedHere.keySet().iterator().next());
        }
    }

    /**
     * Registers the sessions of a list that the profile does not know, in list order: while enabled and
     * the profile is not paused, or every name when {@code reRegister}. A name known anywhere only has its
     * server facts refreshed (in this profile); names this client terminated, sessions listed as neither
     * running nor suspended and, when asked, published-applications providers are skipped.
     *
     * @param p              the profile
     * @param sessions       its server list
     * @param newlyConnected report running sessions as found after connect
     * @param reRegister     handle every name, known or not, paused or not
     * @param skipProviders  skip published-applications providers
     * @param events         receives REGISTERED (and FOUND_RUNNING_AFTER_CONNECT) per new record
     * @return the new records, in list order
     */
    public List<SessionRecord> register(ProfileEntry p, SessionList sessions, boolean newlyConnected,
                                        boolean reRegister, boolean skipProviders, Events events) {
        String profileId = p.id;
        boolean open = enabled && !startsInFlight.containsKey(profileId);
        List<SessionRecord> created = new ArrayList<>();
        for (SessionInfo info : sessions.sessions()) {
            String n = info.name();
            Set<SessionRecord> anywhere = index.withSessionName(n);
            boolean knownInProfile = anywhere.stream().anyMatch(r -> r.profileId().equals(profileId));
            if (!((!knownInProfile && open) || reRegister)) {
                continue;
            }
            if (!knownInProfile && terminatedHere(profileId, n)) {
                LOG.debug("not registering session {}: this client terminated it", SafeText.excerpt(n));
                continue;
            }
            if (skipProviders && info.isPublishedApplicationsProvider()) {
                continue;
            }
            if (!anywhere.isEmpty()) {
                for (SessionRecord r : anywhere) {
                    if (r.profileId().equals(profileId)) {
                        r.info = info;
                    }
                }
                continue;
            }
            SessionState target = info.isRunning() ? SessionState.RUNNING
                    : info.isSuspended() ? SessionState.SUSPENDED : null;
            if (target == null) {
                LOG.debug("not registering session {} listed as {}", SafeText.excerpt(n), info.status());
                continue;
            }
            String server = !p.server.isEmpty() ? p.server : info.hostname();
            SessionRecord r = index.create(profileId, p.name, server, SessionOrigin.DISCOVERED);
            r.virgin = false;
            r.activated = true;
            r.info = info;
            r.baseline = true;
            r.lastUpdate = clock.instant();
            index.add(r, n);
            index.setState(r, target);
            created.add(r);
            events.fire(SessionEvent.Kind.REGISTERED, EventCause.BY_OTHER_CLIENT, r);
            if (newlyConnected && target == SessionState.RUNNING) {
                events.fire(SessionEvent.Kind.FOUND_RUNNING_AFTER_CONNECT, EventCause.BY_OTHER_CLIENT, r);
            }
        }
        return created;
    }

    private boolean terminatedHere(String profileId, String sessionName) {
        expire();
        return terminatedHere.containsKey(key(profileId, sessionName));
    }

    private void expire() {
        Instant oldest = clock.instant().minus(keepTerminated);
        terminatedHere.values().removeIf(t -> t.isBefore(oldest));
    }

    private static String key(String profileId, String sessionName) {
        return profileId + '\n' + sessionName;
    }
}
