package org.x2go.registry.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.EventCause;
import org.x2go.api.SafeText;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionState;
import org.x2go.registry.OwnOperation;
import org.x2go.registry.SessionOrigin;
import org.x2go.spi.ControlSession;

/**
 * Applies life-cycle changes to records: the outcome of reconciling a record with the server's list,
 * this client's suspend, a session's end (event, recycle, forget surplus fresh records), a profile's
 * disconnect, and the events they fire. Not thread-safe: called under the registry's write lock; what
 * it releases and fires is collected in {@link Changes} and handled after the lock. Internal to
 * x2go-registry.
 */
public final class RecordLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(RecordLifecycle.class);

    private final RecordIndex index;
    private final MasterElection master;
    private final EndedSessions ended;
    private final Clock clock;

    /**
     * @param index  the records
     * @param master the master election to keep current
     * @param ended  where ended sessions are remembered
     * @param clock  time stamps of events
     */
    public RecordLifecycle(RecordIndex index, MasterElection master, EndedSessions ended, Clock clock) {
        this.index = index;
        this.master = master;
        this.ended = ended;
        this.clock = clock;
    }

    /**
     * This client suspended the session: SUSPENDED, master dropped, terminal and proxy released, one
     * SUSPENDED event by this client.
     *
     * @param r  the record
     * @param tx the mutation
     * @return whether the record changed to SUSPENDED
     */
    public boolean suspendedByThisClient(SessionRecord r, Changes tx) {
        if (r.state() == SessionState.SUSPENDED || !index.setState(r, SessionState.SUSPENDED)) {
            return false;
        }
        r.baseline = true;
        master.drop(r);
        tx.release(r);
        event(tx, SessionEvent.Kind.SUSPENDED, EventCause.BY_THIS_CLIENT, r);
        return true;
    }

    /**
     * Reconciles one record with the server's list: a changed server host recycles it; otherwise the
     * {@link StatusReconciler}'s outcome is applied (state, release, master election, event).
     *
     * @param r              the record
     * @param list           its profile's server list
     * @param host           the profile's control-session host, null when unknown
     * @param newlyConnected report running sessions as found after connect
     * @param now            the update's time
     * @param tx             the mutation
     */
    public void reconcile(SessionRecord r, SessionList list, String host, boolean newlyConnected, Instant now, Changes tx) {
        if (!RecordIndex.CONNECTED_STATES.contains(r.state())) {
            r.lastUpdate = now;
            return;
        }
        if (host != null && !host.isEmpty() && r.observedHost == null) {
            r.observedHost = host;
        } else if (host != null && !host.isEmpty() && !host.equals(r.observedHost)) {
            LOG.info("server of profile {} changed from {} to {}; recycling session {}", r.profileId(), r.observedHost,
                    host, r.uuid);
            master.drop(r);
            tx.release(r);
            recycle(r);
            dropIfSurplusVirgin(r, tx);
            return;
        }
        boolean baseline = r.baseline;
        r.baseline = true;
        r.lastUpdate = now;
        if (r.sessionName().isEmpty()) {
            return;
        }
        Optional<SessionInfo> info = list.byName(r.sessionName());
        info.ifPresent(i -> r.info = i);
        StatusReconciler.Listed listed = info.map(i -> i.isRunning() ? StatusReconciler.Listed.RUNNING
                : i.isSuspended() ? StatusReconciler.Listed.SUSPENDED : StatusReconciler.Listed.ENDED)
                .orElse(StatusReconciler.Listed.GONE);
        OwnOperation own = r.ownOp != null && r.sessionName().equals(r.ownOpName) ? r.ownOp : null;
        StatusReconciler.Outcome o = StatusReconciler.decide(new StatusReconciler.Input(r.state(), own, listed,
                r.terminal != null, baseline, r.virgin, newlyConnected));
        if (o.next() == null) {
            return;
        }
        if (o.end()) {
            if (index.setState(r, SessionState.TERMINATED)) {
                terminated(r, o.cause(), tx);
            }
            return;
        }
        if (!index.setState(r, o.next())) {
            return;
        }
        if (o.release()) {
            master.drop(r);
            tx.release(r);
        }
        if (o.ownRun()) {
            r.virgin = false;
            master.electOnOwnRun(r);
        }
        if (o.event() != null) {
            event(tx, o.event(), o.cause(), r);
        }
    }

    /**
     * A session ended: it joins the recently ended, the TERMINATED event is fired before clean-up, then
     * the record is recycled, and forgotten when its profile has another fresh record.
     *
     * @param r     the record, already TERMINATED
     * @param cause who ended it
     * @param tx    the mutation
     */
    public void terminated(SessionRecord r, EventCause cause, Changes tx) {
        ended.add(r);
        master.drop(r);
        event(tx, SessionEvent.Kind.TERMINATED, cause, r);
        tx.release(r);
        recycle(r);
        dropIfSurplusVirgin(r, tx);
    }

    /** The record becomes a fresh, virgin, local record of its profile. */
    private void recycle(SessionRecord r) {
        ProfileEntry p = index.profileOf(r.profileId());
        boolean connected = p != null && p.connected;
        SessionState next = connected ? SessionState.CONNECTED : SessionState.NEW;
        if (r.state() != SessionState.TERMINATED && r.state() != next) {
            // the "server changed" path recycles from any state; go through TERMINATED to stay on the life cycle
            index.setState(r, SessionState.TERMINATED);
        }
        index.setState(r, next);
        r.virgin = true;
        r.activated = false;
        r.origin = SessionOrigin.LOCAL;
        r.info = null;
        r.baseline = false;
        r.lastUpdate = null;
        r.observedHost = null;
        r.master = false;
        r.ownOp = null;
        r.ownOpName = null;
        index.rename(r, "");
    }

    /** A profile keeps one fresh record: a recycled record beyond that is forgotten. */
    private void dropIfSurplusVirgin(SessionRecord r, Changes tx) {
        long virgins = index.ofProfileId(r.profileId()).stream().filter(x -> x.virgin).count();
        if (virgins > 1) {
            remove(r, tx);
        }
    }

    /**
     * A profile disconnected: its records become DISCONNECTED (NEW ones stay NEW), terminals and proxies
     * are released and it keeps no master. No event.
     *
     * @param profileId the profile
     * @param tx        the mutation
     * @return the control session that was attached, null when none
     */
    public ControlSession disconnect(String profileId, Changes tx) {
        ProfileEntry p = index.profileOf(profileId);
        ControlSession cs = null;
        if (p != null) {
            cs = p.control;
            p.control = null;
            p.connected = false;
            master.dropAll(p);
        }
        for (SessionRecord r : index.ofProfileId(profileId)) {
            tx.release(r);
            r.baseline = false;
            if (r.state() != SessionState.NEW) {
                index.setState(r, SessionState.DISCONNECTED);
            }
        }
        return cs;
    }

    /**
     * Forgets a record: master dropped, terminal and proxy released, out of every index.
     *
     * @param r  the record
     * @param tx the mutation
     */
    public void remove(SessionRecord r, Changes tx) {
        master.drop(r);
        tx.release(r);
        index.remove(r);
    }

    /**
     * Queues one event for the listeners, stamped now.
     *
     * @param tx    the mutation
     * @param kind  what happened
     * @param cause who caused it
     * @param r     the record
     */
    public void event(Changes tx, SessionEvent.Kind kind, EventCause cause, SessionRecord r) {
        SessionEvent e = new SessionEvent(kind, cause, r.uuid, r.profileId(), r.profileName(), r.sessionName(), clock.instant());
        LOG.debug("session event {}", SafeText.excerpt(String.valueOf(e), 1000));
        tx.notes.add(l -> l.dispatch(e));
    }
}
