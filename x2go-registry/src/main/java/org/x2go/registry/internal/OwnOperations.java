package org.x2go.registry.internal;

import java.util.UUID;

import org.x2go.api.EventCause;
import org.x2go.api.SafeText;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionState;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.OwnOperation;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.TerminalSession;

/**
 * What this client tells the registry about its own operations on a record: resume, terminal and proxy
 * attached, running, proxy died, suspended, terminated, start failed, and the own-operation windows
 * around a suspend or terminate. Marks that speak of a server session refuse a record bound to none.
 * Not thread-safe: called under the registry's write lock. Internal to x2go-registry.
 */
public final class OwnOperations {
    private final RecordIndex index;
    private final MasterElection master;
    private final AutoRegistration autoRegistration;
    private final RecordLifecycle lifecycle;

    /**
     * @param index            the records
     * @param master           the master election
     * @param autoRegistration told about names this client terminates
     * @param lifecycle        applies suspends and ends
     */
    public OwnOperations(RecordIndex index, MasterElection master, AutoRegistration autoRegistration,
                         RecordLifecycle lifecycle) {
        this.index = index;
        this.master = master;
        this.autoRegistration = autoRegistration;
        this.lifecycle = lifecycle;
    }

    /**
     * @param r           the record
     * @param sessionName the session to resume; null or empty keeps the bound name
     * @return whether the record is now RESUMING
     */
    public boolean resuming(SessionRecord r, String sessionName) {
        boolean named = sessionName != null && !sessionName.isEmpty();
        if (!named && r.state().canTransitionTo(SessionState.RESUMING)) {
            requireBound(r, "resume");
        }
        // bind the name only when the transition will be accepted; setState logs a refused one
        if (r.state().canTransitionTo(SessionState.RESUMING) && named) {
            index.rename(r, sessionName);
        }
        return index.setState(r, SessionState.RESUMING);
    }

    /**
     * @param r        the record
     * @param terminal the terminal this client now holds (a different one held before is released)
     * @param name     its session name, read before the lock; null or empty keeps the bound name
     * @param tx       the mutation
     */
    public void terminalAttached(SessionRecord r, TerminalSession terminal, String name, Changes tx) {
        if (r.terminal != null && r.terminal != terminal) {
            tx.toClose.add(r.terminal);
        }
        r.terminal = terminal;
        r.virgin = false;
        r.activated = true;
        if (name != null && !name.isEmpty()) {
            index.rename(r, name);
        }
        if (r.state() == SessionState.CONNECTED) {
            index.setState(r, SessionState.STARTING);
        } else if (r.state() == SessionState.SUSPENDED) {
            index.setState(r, SessionState.RESUMING);
        }
    }

    /**
     * @param r     the record
     * @param proxy the proxy serving it (a different one before is released)
     * @param tx    the mutation
     */
    public void proxyAttached(SessionRecord r, GraphicsProxy proxy, Changes tx) {
        if (r.proxy != null && r.proxy != proxy) {
            tx.toClose.add(r.proxy);
        }
        r.proxy = proxy;
    }

    /**
     * @param r  the record
     * @param tx the mutation
     * @return whether the record changed to RUNNING (then with a STARTED or RESUMED event by this client)
     */
    public boolean running(SessionRecord r, Changes tx) {
        SessionState before = r.state();
        if (before != SessionState.RUNNING && before.canTransitionTo(SessionState.RUNNING)) {
            requireBound(r, "mark as running");
        }
        if (before == SessionState.RUNNING || !index.setState(r, SessionState.RUNNING)) {
            return false;
        }
        r.virgin = false;
        r.baseline = true;
        master.electOnOwnRun(r);
        lifecycle.event(tx, before == SessionState.RESUMING || before == SessionState.SUSPENDED
                ? SessionEvent.Kind.RESUMED : SessionEvent.Kind.STARTED, EventCause.BY_THIS_CLIENT, r);
        return true;
    }

    /**
     * @param r        the record, null when unknown
     * @param proxy    the proxy that exited
     * @param exitCode its exit status
     * @param tail     the end of its log
     * @param tx       the mutation
     * @return whether the record became FAULTY
     */
    public boolean proxyExited(SessionRecord r, GraphicsProxy proxy, int exitCode, String tail, Changes tx) {
        if (r == null || r.proxy != proxy || r.ownOp != null || r.state() != SessionState.RUNNING) {
            return false;
        }
        if (!index.setState(r, SessionState.FAULTY)) {
            return false;
        }
        tx.toClose.add(r.proxy);
        r.proxy = null;
        UUID id = r.uuid;
        String profile = r.profileName();
        String session = r.sessionName();
        tx.notes.add(l -> l.onProxyDied(id, profile, session, exitCode, tail));
        return true;
    }

    /**
     * @param r  the record
     * @param tx the mutation
     * @return whether the record changed to SUSPENDED
     */
    public boolean suspended(SessionRecord r, Changes tx) {
        if (r.state() != SessionState.SUSPENDED && r.state().canTransitionTo(SessionState.SUSPENDED)) {
            requireBound(r, "mark as suspended");
        }
        return lifecycle.suspendedByThisClient(r, tx);
    }

    /**
     * @param r  the record
     * @param tx the mutation
     * @return whether the session was ended (then recycled)
     */
    public boolean terminated(SessionRecord r, Changes tx) {
        if (r.state().canTransitionTo(SessionState.TERMINATED)) {
            requireBound(r, "mark as terminated");
        }
        if (!r.sessionName().isEmpty()) {
            autoRegistration.rememberTerminated(r.profileId(), r.sessionName());
        }
        if (!index.setState(r, SessionState.TERMINATED)) {
            return false;
        }
        lifecycle.terminated(r, EventCause.BY_THIS_CLIENT, tx);
        return true;
    }

    /**
     * @param r     the record
     * @param cause the failure
     * @param tx    the mutation
     */
    public void startupFailed(SessionRecord r, Throwable cause, Changes tx) {
        if (r.state() == SessionState.STARTING) {
            index.setState(r, SessionState.CONNECTED);
            index.rename(r, "");
        } else if (r.state() == SessionState.RESUMING) {
            index.setState(r, SessionState.SUSPENDED);
        }
        tx.release(r);
        String name = r.profileName();
        tx.notes.add(l -> l.onSessionStartupFailed(name, cause));
    }

    /**
     * @param r  the record, bound to a server session
     * @param op the operation this client starts on the server
     */
    public void open(SessionRecord r, OwnOperation op) {
        requireBound(r, "open an own " + op + " on");
        r.ownOp = op;
        r.ownOpName = r.sessionName();
        if (op == OwnOperation.TERMINATE) {
            autoRegistration.rememberTerminated(r.profileId(), r.sessionName());
        }
    }

    /**
     * @param r         the record, null when unknown
     * @param confirmed whether the server listed the expected outcome
     * @param tx        the mutation
     * @return whether the record's state changed
     */
    public boolean close(SessionRecord r, boolean confirmed, Changes tx) {
        if (r == null || r.ownOp == null) {
            return false;
        }
        OwnOperation op = r.ownOp;
        boolean same = r.sessionName().equals(r.ownOpName);
        r.ownOp = null;
        r.ownOpName = null;
        if (!confirmed || !same) {
            return false;
        }
        if (op == OwnOperation.SUSPEND) {
            return lifecycle.suspendedByThisClient(r, tx);
        }
        if (!index.setState(r, SessionState.TERMINATED)) {
            return false;
        }
        lifecycle.terminated(r, EventCause.BY_THIS_CLIENT, tx);
        return true;
    }

    /** Marks that speak of a server session need one: without it they would publish an event with no name. */
    private static void requireBound(SessionRecord r, String what) {
        if (r.sessionName().isEmpty()) {
            throw new X2GoSessionRegistryException("cannot " + what + " record " + r.uuid + " of profile '"
                    + SafeText.visible(r.profileName()) + "' in state " + r.state() + ": it is bound to no server session");
        }
    }
}
