package org.x2go.registry.internal;

import java.util.List;
import java.util.Optional;

import org.x2go.api.SessionNames;
import org.x2go.api.SessionState;

/**
 * Picks each profile's master session: the one that shares local folders. Rules, per profile ID:
 * <ul>
 *   <li>a session this client starts or resumes becomes master when the profile has none, and takes
 *       the place of a master that is not a desktop when it is a desktop or a running
 *       published-applications provider ({@link #electOnOwnRun});</li>
 *   <li>a profile that lost its master elects, without blocking, the first running session whose
 *       terminal this client holds: a desktop first, else a provider, else the first
 *       ({@link #reelect});</li>
 *   <li>a suspended, terminated, forgotten or released session stops being master ({@link #drop}).</li>
 * </ul>
 * Whether a session is a desktop or a provider is judged from its session name. Not thread-safe: called
 * under the registry's write lock (reads under its read lock). Internal to x2go-registry.
 */
public final class MasterElection {
    private final RecordIndex index;

    /** @param index the records and profiles it elects among */
    public MasterElection(RecordIndex index) {
        this.index = index;
    }

    /** @param r a record this client just started or resumed (RUNNING) */
    public void electOnOwnRun(SessionRecord r) {
        ProfileEntry p = index.profileOf(r.profileId());
        if (p == null) {
            return;
        }
        SessionRecord current = current(p);
        if (current == null) {
            set(p, r);
        } else if (current != r && !isDesktop(current) && (isDesktop(r) || isProvider(r))) {
            current.master = false;
            set(p, r);
        }
    }

    /** @param profileId a profile whose records changed: elects a master when it has none */
    public void reelect(String profileId) {
        ProfileEntry p = index.profileOf(profileId);
        if (p == null || current(p) != null) {
            return;
        }
        p.master = null;
        List<SessionRecord> owned = index.ofProfileId(profileId).stream()
                .filter(r -> r.terminal != null && r.state() == SessionState.RUNNING).toList();
        if (owned.isEmpty()) {
            return;
        }
        SessionRecord pick = owned.stream().filter(MasterElection::isDesktop).findFirst()
                .or(() -> owned.stream().filter(MasterElection::isProvider).findFirst())
                .orElse(owned.get(0));
        set(p, pick);
    }

    /** @param r a record that stops being master, if it was */
    public void drop(SessionRecord r) {
        ProfileEntry p = index.profileOf(r.profileId());
        if (p != null && r.uuid.equals(p.master)) {
            p.master = null;
        }
        r.master = false;
    }

    /** @param p a profile that disconnected: neither it nor its records keep a master */
    public void dropAll(ProfileEntry p) {
        p.master = null;
        for (SessionRecord r : index.ofProfileId(p.id)) {
            r.master = false;
        }
    }

    /**
     * @param profileName a profile name
     * @return the master of the first connected profile of that name that has one
     */
    public Optional<SessionRecord> masterOf(String profileName) {
        return index.profiles().stream()
                .filter(p -> p.name.equals(profileName) && (p.connected || index.hasConnectedRecord(p.id)))
                .map(MasterElection.this::current).filter(r -> r != null).findFirst();
    }

    private SessionRecord current(ProfileEntry p) {
        SessionRecord r = p.master == null ? null : index.get(p.master);
        return r != null && r.master ? r : null;
    }

    private static void set(ProfileEntry p, SessionRecord r) {
        r.master = true;
        p.master = r.uuid;
    }

    private static boolean isDesktop(SessionRecord r) {
        return SessionNames.sessionType(r.sessionName()).map(t -> t.isDesktop()).orElse(false);
    }

    private static boolean isProvider(SessionRecord r) {
        return SessionNames.isPublishedApplicationsProvider(r.sessionName()) && r.state() == SessionState.RUNNING;
    }
}
