package org.x2go.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.EventCause;
import org.x2go.api.SafeText;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionList;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionNames;
import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.internal.AutoRegistration;
import org.x2go.registry.internal.Changes;
import org.x2go.registry.internal.EndedSessions;
import org.x2go.registry.internal.EventDispatcher;
import org.x2go.registry.internal.MasterElection;
import org.x2go.registry.internal.OwnOperations;
import org.x2go.registry.internal.ProfileEntry;
import org.x2go.registry.internal.RecordLifecycle;
import org.x2go.registry.internal.RecordIndex;
import org.x2go.registry.internal.SessionRecord;
import org.x2go.spi.ControlSession;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.TerminalSession;

/**
 * The session registry: every session this client knows, indexed by UUID, profile ID, profile name,
 * session name and state. It does no I/O when callers pass the server lists they fetched (the methods
 * taking a {@link SessionList}); integrators that only look get a {@link #readOnlyView()}.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called from any thread. Mutations run under one short write lock (so every
 * per-profile change, master election and index update is atomic); queries take the read lock only to
 * copy immutable {@link SessionSummary} snapshots out of an index. Nothing slow runs under the lock:
 * server round trips (only on the compatibility paths that are given no list) happen before it is taken,
 * closing terminals and proxies after it is released, and {@link SessionListener}s are called afterwards
 * on the listener executor, in the order the changes were made.
 *
 * <h2>States</h2>
 * One {@link SessionState} per record; a change that {@link SessionState#canTransitionTo} refuses is
 * logged and ignored. Whether this client holds the session's terminal is the separate {@code owned}
 * flag of the summary, and "virgin" (never started or resumed by this client) is kept per record.
 *
 * <h2>Events and causes</h2>
 * Operations of this client are reported through the {@code mark*} methods and own-operation windows
 * ({@link #openOwnOperation}) and produce events with {@link EventCause#BY_THIS_CLIENT}; changes found by
 * {@link #updateStatus} outside such a window get the cause the evidence allows (see {@link EventCause}).
 * Each change is reported once.
 */
public final class SessionRegistry implements SessionRegistryView, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    /** Non-forced status updates of one record closer together than this are skipped. */
    public static final Duration STATUS_THROTTLE = Duration.ofSeconds(1);
    /** Auto-registration of one profile closer together than this is skipped unless re-registering. */
    public static final Duration AUTO_REGISTRATION_THROTTLE = Duration.ofSeconds(2);

    private static final Set<SessionState> CONNECTED_STATES = RecordIndex.CONNECTED_STATES;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final RecordIndex index = new RecordIndex();
    private final MasterElection master = new MasterElection(index);
    private final Clock clock;
    private final EventDispatcher dispatcher;
    private final Executor resourceCloser;
    private final AutoRegistration autoRegistration;
    private final EndedSessions ended;
    private final RecordLifecycle lifecycle;
    private final OwnOperations own;
    private final SessionRegistryView readOnlyView = new ReadOnlyRegistryView(this);

    /** How long a session name this client terminated is kept from auto-registration, and an ended session in {@link #terminatedSessions()}. */
    public static final Duration RECENTLY_TERMINATED_KEEP = Duration.ofMinutes(2);
    /** At most this many session names this client terminated, and ended sessions, are remembered (oldest dropped first). */
    public static final int RECENTLY_TERMINATED_MAX = 256;

    /** A registry on the system clock that owns one daemon thread for listener calls. */
    public SessionRegistry() {
        this(Clock.systemUTC(), null);
    }

    /**
     * @param clock            time source for throttles and event time stamps
     * @param listenerExecutor where listeners are called; {@code null} to own a single daemon thread
     *                         (shut down by {@link #close()}). A caller-supplied executor is never shut
     *                         down by the registry; notifications are still delivered one at a time, in
     *                         order. {@code Runnable::run} delivers on the calling thread after the
     *                         registry lock has been released (handy in tests).
     */
    public SessionRegistry(Clock clock, Executor listenerExecutor) {
        this(clock, listenerExecutor, Runnable::run);
    }

    /**
     * @param clock            time source for throttles and event time stamps
     * @param listenerExecutor where listeners are called, as in {@link #SessionRegistry(Clock, Executor)}
     * @param resourceCloser   where released terminals and proxies are closed, always after the registry
     *                         lock is released; {@code Runnable::run} closes them on the calling thread
     *                         before the call returns. A client passes its own executor so that an
     *                         operation such as a suspend does not wait for a proxy process to exit
     *                         (nxproxy takes about a second after SIGTERM). Never shut down by the registry.
     */
    public SessionRegistry(Clock clock, Executor listenerExecutor, Executor resourceCloser) {
        this.resourceCloser = Objects.requireNonNull(resourceCloser, "resourceCloser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dispatcher = new EventDispatcher(listenerExecutor);
        this.autoRegistration = new AutoRegistration(index, clock, AUTO_REGISTRATION_THROTTLE, RECENTLY_TERMINATED_KEEP,
                RECENTLY_TERMINATED_MAX);
        this.ended = new EndedSessions(clock, RECENTLY_TERMINATED_KEEP, RECENTLY_TERMINATED_MAX);
        this.lifecycle = new RecordLifecycle(index, master, ended, clock);
        this.own = new OwnOperations(index, master, autoRegistration, lifecycle);
    }

    /**
     * A view of this registry's queries that cannot be cast back to the registry: hand it to code that
     * may look at sessions but must not change them. Live; one instance per registry.
     *
     * @return the read-only view
     */
    public SessionRegistryView readOnlyView() {
        return readOnlyView;
    }

    // ------------------------------------------------------------------ listeners

    /** @param listener called for every session event, outside every registry lock */
    public void addListener(SessionListener listener) {
        dispatcher.add(listener);
    }

    /**
     * @param listener a listener added before
     * @return true when it was registered
     */
    public boolean removeListener(SessionListener listener) {
        return dispatcher.remove(listener);
    }

    // ------------------------------------------------------------------ registration

    /**
     * Registers a session for a profile, or hands back the profile's fresh record: the first record of the profile name
     * that is virgin, {@link SessionOrigin#LOCAL}, not yet activated and not bound to a live server session
     * is reused and activated (it keeps a session name it was registered with). Auto-registered records
     * and records whose session runs or is suspended are never reused.
     *
     * @param server      the server host the session is meant for
     * @param profileId   the profile ID, not blank
     * @param profileName the profile name, not blank
     * @return the record's UUID
     */
    public UUID register(String server, String profileId, String profileName) {
        return register(server, profileId, profileName, null);
    }

    /**
     * Registers a session, optionally bound to a server session name. With a name, a record of that name
     * within the profile name is reused; two such records raise {@link X2GoSessionRegistryException}.
     * Session parameters are not the registry's business: the caller keeps them.
     *
     * @param server      the server host the session is meant for
     * @param profileId   the profile ID, not blank
     * @param profileName the profile name, not blank
     * @param sessionName a server session name, or null/empty for a new session
     * @return the record's UUID
     */
    public UUID register(String server, String profileId, String profileName, String sessionName) {
        requireText(profileId, "profile id");
        requireText(profileName, "profile name");
        String srv = server == null ? "" : server;
        String name = sessionName == null ? "" : sessionName;
        return write(tx -> {
            ProfileEntry p = index.profile(profileId, profileName);
            SessionRecord found = null;
            if (name.isEmpty()) {
                for (SessionRecord r : index.ofProfileName(profileName)) {
                    if (r.virgin && !r.activated && r.origin == SessionOrigin.LOCAL && !r.state().hasServerSession()) {
                        found = r;
                        break;
                    }
                }
            } else {
                List<SessionRecord> same = RecordIndex.sorted(index.withSessionName(name)).stream()
                        .filter(r -> r.profileName().equals(profileName)).toList();
                if (same.size() > 1) {
                    throw new X2GoSessionRegistryException("there should only be one registered session of name '"
                            + name + "' in profile '" + profileName + "', found " + same.size());
                }
                found = same.isEmpty() ? null : same.get(0);
            }
            if (found != null) {
                SessionRecord r = found;
                r.activated = true;
                r.server = srv;
                index.renameProfile(r, profileName);
                return r.uuid;
            }
            SessionRecord r = index.create(profileId, profileName, srv, SessionOrigin.LOCAL);
            index.add(r, name);
            if (p.connected) {
                index.setState(r, SessionState.CONNECTED);
            }
            return r.uuid;
        });
    }

    /**
     * Removes a record; an unknown UUID is ignored. The profile's master entry is dropped when it pointed
     * at this record, and a terminal or proxy the record
     * still holds is closed (client side only; the server session is left alone).
     *
     * @param uuid the record to remove
     * @return true when it was registered
     */
    public boolean forget(UUID uuid) {
        if (uuid == null) {
            return false;
        }
        return write(tx -> {
            SessionRecord r = index.get(uuid);
            if (r == null) {
                return false;
            }
            lifecycle.remove(r, tx);
            return true;
        });
    }

    /** Lets {@link #registerAvailableServerSessions} register new sessions again. */
    public void enableSessionAutoRegistration() {
        autoRegistration.setEnabled(true);
    }

    /**
     * Stops {@link #registerAvailableServerSessions} from registering new sessions unless asked to
     * re-register, for every profile until
     * {@link #enableSessionAutoRegistration}. Around its own start a client pauses one profile instead
     * ({@link #pauseProfileAutoRegistration}).
     */
    public void disableSessionAutoRegistration() {
        autoRegistration.setEnabled(false);
    }

    @Override
    public boolean isSessionAutoRegistrationEnabled() {
        return autoRegistration.isEnabled();
    }

    /**
     * Adds the server sessions of a profile that the registry does not know yet. First the profile's records are reconciled
     * with the list (forced). Then, in list order, each session name unknown to the profile (while
     * auto-registration is enabled), or every name when {@code reRegister}, is handled: a name
     * registered nowhere becomes a new {@link SessionOrigin#DISCOVERED} record, not virgin, in state
     * RUNNING or SUSPENDED as listed, with an {@link SessionEvent.Kind#REGISTERED}
     * event and, when {@code newlyConnected} and running, {@link SessionEvent.Kind#FOUND_RUNNING_AFTER_CONNECT}.
     * A name already registered only has its server facts refreshed. Calls for one profile within
     * {@link #AUTO_REGISTRATION_THROTTLE} return empty unless {@code reRegister} (a given list still
     * updates the status of the records it names, so the throttle never delays a state change); sessions listed as
     * terminated or failed, and names this client terminated recently, are not registered; while the
     * profile is paused ({@link #pauseProfileAutoRegistration}) no new name is.
     *
     * @param profileId          a profile with a control session attached or with connected records
     * @param list               the server's session list as the caller fetched it: the call then does no
     *                           I/O. {@code null} is a compatibility path only: the registry lists on the
     *                           profile's control session itself, on the calling thread
     * @param newlyConnected     true right after connecting (running sessions are reported as found)
     * @param reRegister         register or refresh every listed session, ignoring the throttle and the switch
     * @param skipPubappSessions do not register published-applications providers
     * @return the UUIDs of the records created, in list order
     * @throws X2GoSessionRegistryException for an unknown profile, or when no list is given and the profile
     *                                      has no control session
     * @throws X2GoControlSessionException  when listing on the control session fails (the profile is then
     *                                      marked disconnected)
     */
    public List<UUID> registerAvailableServerSessions(String profileId, SessionList list, boolean newlyConnected,
                                                      boolean reRegister, boolean skipPubappSessions) {
        requireText(profileId, "profile id");
        ControlSession cs;
        boolean turn;
        lock.writeLock().lock();
        try {
            ProfileEntry p = index.profileOf(profileId);
            if (p == null) {
                throw new X2GoSessionRegistryException("unknown profile id '" + profileId + "'");
            }
            boolean anyConnected = p.connected || index.hasConnectedRecord(profileId);
            if (!anyConnected) {
                return List.of();
            }
            turn = autoRegistration.takeTurn(profileId, reRegister);
            cs = p.control;
        } finally {
            lock.writeLock().unlock();
        }
        if (!turn) {
            // the throttle saves round trips and registration churn; a list the caller already paid for
            // still updates the known records, or a guardian ticking faster than the throttle would see
            // state changes only every other tick
            if (list != null) {
                updateStatus(StatusTarget.profileId(profileId), list, true, false);
            }
            return List.of();
        }
        SessionList sessions = list != null ? list : listOn(profileId, cs);
        updateStatus(StatusTarget.profileId(profileId), sessions, true, false);
        return write(tx -> {
            ProfileEntry p = index.profileOf(profileId);
            if (p == null) {
                return List.<UUID>of();
            }
            return autoRegistration.register(p, sessions, newlyConnected, reRegister, skipPubappSessions,
                    (kind, cause, r) -> lifecycle.event(tx, kind, cause, r)).stream().map(r -> r.uuid).toList();
        });
    }

    // ------------------------------------------------------------------ control sessions

    /**
     * Records that a profile's control session is connected (one per profile): records of the profile
     * that were NEW or DISCONNECTED become CONNECTED. Creates the profile entry when needed, so
     * auto-registration works for profiles without records.
     *
     * @param profileId      the profile ID, not blank
     * @param profileName    the profile name, not blank
     * @param controlSession the connected control session
     */
    public void attachControlSession(String profileId, String profileName, ControlSession controlSession) {
        Objects.requireNonNull(controlSession, "controlSession");
        connected(profileId, profileName, controlSession, hostOf(controlSession));
    }

    /**
     * Records that a profile is connected without handing the registry the connection: the caller keeps
     * the only record of its connections and passes every server list in (the methods that take a
     * {@link SessionList}; without one they fail, as no control session is attached). Otherwise as
     * {@link #attachControlSession}: records that were NEW or DISCONNECTED become CONNECTED, and a control
     * session attached before is dropped from the registry (not closed).
     *
     * @param profileId   the profile ID, not blank
     * @param profileName the profile name, not blank
     * @param host        the server host reached; a later status update that is given another host for
     *                    the profile (by connecting again) recycles its records. Null or empty when unknown
     */
    public void profileConnected(String profileId, String profileName, String host) {
        connected(profileId, profileName, null, host);
    }

    private void connected(String profileId, String profileName, ControlSession controlSession, String host) {
        requireText(profileId, "profile id");
        requireText(profileName, "profile name");
        write(tx -> {
            ProfileEntry p = index.profile(profileId, profileName);
            p.control = controlSession;
            p.connected = true;
            p.server = host == null ? "" : host;
            for (SessionRecord r : index.ofProfileId(profileId)) {
                if (r.state() == SessionState.NEW || r.state() == SessionState.DISCONNECTED) {
                    r.baseline = false;
                    index.setState(r, SessionState.CONNECTED);
                }
            }
            return null;
        });
    }

    /**
     * Records an orderly disconnect of a profile: its records become DISCONNECTED, their terminals and
     * proxies are closed (client side) and the master entry is dropped. No event is fired.
     *
     * @param profileId the profile
     * @return the control session that was attached, for the caller to close
     */
    public Optional<ControlSession> detachControlSession(String profileId) {
        requireText(profileId, "profile id");
        return write(tx -> Optional.ofNullable(lifecycle.disconnect(profileId, tx)));
    }

    /**
     * As {@link #detachControlSession} for a control session that died, and tells the listeners
     * ({@link SessionListener#onControlSessionDeath}).
     *
     * @param profileId the profile whose connection died
     * @param cause     the failure, may be null
     */
    public void reportControlSessionDeath(String profileId, Throwable cause) {
        requireText(profileId, "profile id");
        write(tx -> {
            ProfileEntry p = index.profileOf(profileId);
            lifecycle.disconnect(profileId, tx);
            String name = p == null ? profileId : p.name;
            tx.notes.add(l -> l.onControlSessionDeath(name, cause));
            return null;
        });
    }

    /**
     * @param profileId a profile ID
     * @return its attached control session
     */
    public Optional<ControlSession> controlSessionOfProfile(String profileId) {
        return read(() -> Optional.ofNullable(index.profileOf(profileId)).map(p -> p.control));
    }

    /**
     * @param profileName a profile name
     * @return the control session of the first profile of that name that has one
     */
    public Optional<ControlSession> controlSessionOfProfileName(String profileName) {
        return read(() -> index.profiles().stream().filter(p -> p.name.equals(profileName) && p.control != null)
                .map(p -> p.control).findFirst());
    }

    /** @return the attached control sessions of connected profiles */
    public List<ControlSession> connectedControlSessions() {
        return read(() -> index.profiles().stream().filter(p -> p.connected && p.control != null)
                .map(p -> p.control).toList());
    }

    @Override
    public List<String> connectedProfiles() {
        return read(() -> index.profiles().stream().filter(p -> p.connected || index.hasConnectedRecord(p.id))
                .map(p -> p.id).toList());
    }

    @Override
    public List<String> connectedProfileNames() {
        return read(() -> index.profiles().stream().filter(p -> p.connected || index.hasConnectedRecord(p.id))
                .map(p -> p.name).distinct().toList());
    }

    // ------------------------------------------------------------------ this client's operations

    /**
     * This client starts a new server session for the record: CONNECTED → STARTING.
     *
     * @param uuid the record
     * @return true when the transition was applied (an impossible one is logged and ignored)
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    public boolean markStarting(UUID uuid) {
        return write(tx -> index.setState(index.require(uuid), SessionState.STARTING));
    }

    /**
     * This client resumes a server session: → RESUMING, binding the session name when given.
     *
     * @param uuid        the record
     * @param sessionName the session to resume; null or empty keeps the bound name
     * @return true when the transition was applied
     * @throws X2GoSessionRegistryException for an unknown UUID, or a record bound to no server session (and, for a resume, no session name given)
     */
    public boolean markResuming(UUID uuid, String sessionName) {
        return write(tx -> own.resuming(index.require(uuid), sessionName));
    }

    /**
     * This client now holds the session's terminal (the record is "associated"). Binds the
     * terminal's session name, clears "virgin" and moves CONNECTED → STARTING or SUSPENDED → RESUMING.
     * The STARTED/RESUMED event follows from {@link #markRunning} or from the next status update that
     * lists the session as running.
     *
     * @param uuid     the record
     * @param terminal the terminal session
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    public void attachTerminal(UUID uuid, TerminalSession terminal) {
        Objects.requireNonNull(terminal, "terminal");
        String name = terminal.sessionName(); // foreign code: called before the lock
        write(tx -> {
            own.terminalAttached(index.require(uuid), terminal, name, tx);
            return null;
        });
    }

    /**
     * @param uuid  the record
     * @param proxy the graphics proxy serving it; closed by clean-up, suspend and terminate
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    public void attachProxy(UUID uuid, GraphicsProxy proxy) {
        Objects.requireNonNull(proxy, "proxy");
        write(tx -> {
            own.proxyAttached(index.require(uuid), proxy, tx);
            return null;
        });
    }

    /**
     * This client's start or resume succeeded: STARTING/RESUMING → RUNNING with a STARTED or RESUMED
     * event ({@link EventCause#BY_THIS_CLIENT}) and master election. A record already
     * RUNNING is left alone, so a later status update does not report it twice.
     *
     * @param uuid the record
     * @return true when the record changed to RUNNING
     * @throws X2GoSessionRegistryException for an unknown UUID, or a record bound to no server session
     */
    public boolean markRunning(UUID uuid) {
        return write(tx -> own.running(index.require(uuid), tx));
    }

    /**
     * The graphics tunnel or proxy of a running session failed: RUNNING → FAULTY.
     *
     * @param uuid the record
     * @return true when applied
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    public boolean markFaulty(UUID uuid) {
        return write(tx -> index.setState(index.require(uuid), SessionState.FAULTY));
    }

    /**
     * The graphics proxy attached to a record exited. When it is still the record's proxy, the record is
     * RUNNING and no own operation is open on it, the record becomes FAULTY, the proxy is released and
     * {@link SessionListener#onProxyDied} is told. Otherwise (a proxy this client closed or replaced, a
     * suspend or terminate of this client in progress) nothing happens.
     *
     * @param uuid     the record
     * @param proxy    the proxy that exited
     * @param exitCode its exit status
     * @param logTail  the end of its log, already bounded and escaped by the caller (null for none)
     * @return whether the record became FAULTY
     */
    public boolean proxyExited(UUID uuid, GraphicsProxy proxy, int exitCode, String logTail) {
        Objects.requireNonNull(proxy, "proxy");
        String tail = logTail == null ? "" : logTail;
        return write(tx -> own.proxyExited(index.get(uuid), proxy, exitCode, tail, tx));
    }

    /**
     * This client suspended the session: → SUSPENDED, a SUSPENDED event with
     * {@link EventCause#BY_THIS_CLIENT}, the master entry is dropped, the terminal and proxy are closed
     * client side.
     *
     * @param uuid the record
     * @return true when applied
     * @throws X2GoSessionRegistryException for an unknown UUID, or a record bound to no server session
     */
    public boolean markSuspendedByThisClient(UUID uuid) {
        return write(tx -> own.suspended(index.require(uuid), tx));
    }

    /**
     * This client terminated the session: a TERMINATED event with {@link EventCause#BY_THIS_CLIENT},
     * master entry dropped, terminal and proxy closed, then the record is recycled (virgin, no session
     * name) and forgotten when its profile already has another virgin record.
     *
     * @param uuid the record
     * @return true when applied
     * @throws X2GoSessionRegistryException for an unknown UUID, or a record bound to no server session
     */
    public boolean markTerminatedByThisClient(UUID uuid) {
        return write(tx -> own.terminated(index.require(uuid), tx));
    }

    /**
     * This client's start or resume failed: STARTING → CONNECTED (name cleared) or RESUMING →
     * SUSPENDED, the terminal is released and {@link SessionListener#onSessionStartupFailed} is told.
     *
     * @param uuid  the record
     * @param cause the failure
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    public void markStartupFailed(UUID uuid, Throwable cause) {
        write(tx -> {
            own.startupFailed(index.require(uuid), cause, tx);
            return null;
        });
    }

    /**
     * Opens this client's own-operation window on a record, before the client asks the server to
     * suspend or terminate the session. Until {@link #closeOwnOperation} (or the record's end), status
     * updates treat the session as follows:
     * <ul>
     *   <li>{@link OwnOperation#SUSPEND}: listed suspended → SUSPENDED by this client (terminal and
     *       proxy released); listed running → unchanged; missing or ended → TERMINATED with
     *       {@link EventCause#BY_SERVER} (the session ended instead of suspending);</li>
     *   <li>{@link OwnOperation#TERMINATE}: missing or ended → TERMINATED by this client; listed running or
     *       suspended → unchanged (the server has not caught up yet).</li>
     * </ul>
     * A terminate also keeps the session name from auto-registration for
     * {@link #RECENTLY_TERMINATED_KEEP} (at most {@link #RECENTLY_TERMINATED_MAX} names), so a session the
     * server still lists, or relists, while it ends is never registered again.
     *
     * @param uuid the record, bound to a server session
     * @param op   the operation
     * @throws X2GoSessionRegistryException for an unknown UUID or a record bound to no server session
     */
    public void openOwnOperation(UUID uuid, OwnOperation op) {
        Objects.requireNonNull(op, "op");
        write(tx -> {
            own.open(index.require(uuid), op);
            return null;
        });
    }

    /**
     * Closes the own-operation window opened by {@link #openOwnOperation}. With {@code confirmed}
     * (the server listed the expected outcome) a record still bound to the operation's session ends
     * up SUSPENDED, or TERMINATED and recycled, with one event by this client unless a status update
     * inside the window already reported it. Without, the record keeps the state the last status update
     * gave it. A record that was recycled or forgotten meanwhile is left alone.
     *
     * @param uuid      the record
     * @param confirmed whether the server listed the expected outcome
     * @return whether this call changed the record's state
     */
    public boolean closeOwnOperation(UUID uuid, boolean confirmed) {
        return write(tx -> own.close(index.get(uuid), confirmed, tx));
    }

    @Override
    public Optional<OwnOperation> ownOperation(UUID uuid) {
        return read(() -> Optional.ofNullable(index.require(uuid).ownOp));
    }

    /**
     * Pauses auto-registration of a profile's new server sessions while this client starts one, so that
     * the starting session is not registered a second time. Calls nest; each must be matched by {@link #resumeProfileAutoRegistration}. Status
     * updates of known records go on.
     *
     * @param profileId the profile
     */
    public void pauseProfileAutoRegistration(String profileId) {
        requireText(profileId, "profile id");
        write(tx -> {
            autoRegistration.pause(profileId);
            return null;
        });
    }

    /**
     * Ends one {@link #pauseProfileAutoRegistration}; call it once the started session's record is bound
     * to its name (or the start failed).
     *
     * @param profileId the profile
     */
    public void resumeProfileAutoRegistration(String profileId) {
        requireText(profileId, "profile id");
        write(tx -> {
            autoRegistration.resume(profileId);
            return null;
        });
    }

    /**
     * Registers a record for a session this client is about to start and moves it to STARTING in one
     * step, so that concurrent starts never share a record: the profile's fresh record is reused as by
     * {@link #register(String, String, String)}, otherwise a new one is created.
     *
     * @param server      the server host
     * @param profileId   the profile ID, connected
     * @param profileName the profile name
     * @return the record's UUID, in state STARTING
     * @throws X2GoSessionRegistryException when the profile is not connected
     */
    public UUID registerStarting(String server, String profileId, String profileName) {
        requireText(profileId, "profile id");
        requireText(profileName, "profile name");
        String srv = server == null ? "" : server;
        return write(tx -> {
            ProfileEntry p = index.profile(profileId, profileName);
            if (!p.connected) {
                throw new X2GoSessionRegistryException("profile '" + SafeText.visible(profileName)
                        + "' is not connected: cannot start a session");
            }
            SessionRecord found = null;
            for (SessionRecord r : index.ofProfileName(profileName)) {
                if (r.virgin && !r.activated && r.origin == SessionOrigin.LOCAL && r.state() == SessionState.CONNECTED
                        && r.sessionName().isEmpty()) {
                    found = r;
                    break;
                }
            }
            SessionRecord r = found;
            if (r == null) {
                r = index.create(profileId, profileName, srv, SessionOrigin.LOCAL);
                index.add(r, "");
                index.setState(r, SessionState.CONNECTED);
            }
            SessionRecord rec = r;
            rec.activated = true;
            rec.server = srv;
            index.renameProfile(rec, profileName);
            index.setState(rec, SessionState.STARTING);
            return rec.uuid;
        });
    }

    /**
     * Closes every terminal and proxy this client holds (client side: threads, tunnels, proxy
     * processes; server sessions are left running). Used by the guardian's clean-up.
     *
     * @return the number of records that held a terminal or proxy
     */
    public int releaseAllTerminals() {
        return write(tx -> {
            int n = 0;
            for (SessionRecord r : List.copyOf(index.all())) {
                if (r.terminal != null || r.proxy != null) {
                    n++;
                    tx.release(r);
                    master.drop(r); // a master without a terminal cannot share folders
                }
            }
            return n;
        });
    }

    // ------------------------------------------------------------------ status reconciliation

    /**
     * As {@link #updateStatus(StatusTarget, SessionList, boolean, boolean)} with the target given as three
     * nullable selectors: exactly one must be non-null (an empty string counts as given and is rejected).
     *
     * @param sessionUuid    one record, or null
     * @param profileName    every record of a profile name, or null
     * @param profileId      every record of a profile ID, or null
     * @param list           the server list as the caller fetched it (no I/O then); {@code null} is a
     *                       compatibility path: the registry lists on the profile's control session itself
     * @param forceUpdate    ignore the 1 s per-record throttle
     * @param newlyConnected report running sessions as found after connect
     * @return the number of records reconciled
     * @throws X2GoSessionRegistryException when none or more than one selector is given, or one is empty
     */
    public int updateStatus(UUID sessionUuid, String profileName, String profileId, SessionList list,
                            boolean forceUpdate, boolean newlyConnected) {
        int given = (sessionUuid != null ? 1 : 0) + (profileName != null ? 1 : 0) + (profileId != null ? 1 : 0);
        if (given == 0) {
            throw new X2GoSessionRegistryException(
                    "at least one of session_uuid, profile_name and profile_id must be given");
        }
        if (given > 1) {
            throw new X2GoSessionRegistryException("only one of session_uuid (" + sessionUuid + "), profile_name ("
                    + profileName + ") and profile_id (" + profileId + ") may be given");
        }
        StatusTarget t;
        try {
            t = sessionUuid != null ? StatusTarget.session(sessionUuid)
                    : profileName != null ? StatusTarget.profileName(profileName) : StatusTarget.profileId(profileId);
        } catch (IllegalArgumentException e) {
            throw new X2GoSessionRegistryException(e.getMessage(), e);
        }
        return updateStatus(t, list, forceUpdate, newlyConnected);
    }

    /**
     * Reconciles records with a server session list and fires the events of the changes found.
     * Per record, in registration order (records in NEW or DISCONNECTED state only get their time
     * stamp; non-forced updates within {@link #STATUS_THROTTLE} of the record's last one are skipped,
     * the first update after registration or recycling never is):
     * <ul>
     *   <li>the profile's control session now reports another host than at this record's first
     *       reconciliation (the profile's host changed) → the record is cleaned up and recycled,
     *       no event;</li>
     *   <li>listed running: from STARTING/RESUMING or held by this client → STARTED/RESUMED by this
     *       client and master election; from SUSPENDED → RESUMED by another client; from CONNECTED →
     *       STARTED by another client, but only for a virgin record already updated while connected
     *       (a guard against false positives after connect); with {@code newlyConnected} →
     *       FOUND_RUNNING_AFTER_CONNECT instead;</li>
     *   <li>listed suspended: RUNNING/FAULTY → SUSPENDED by another client (terminal released);
     *       CONNECTED → SUSPENDED silently; STARTING/RESUMING unchanged (own operation in flight);</li>
     *   <li>missing, or listed T/F/unknown: a record bound to a server session (RUNNING, SUSPENDED,
     *       FAULTY) fires TERMINATED (by another client when missing, by the server when listed T or F)
     *       before clean-up, then is recycled and forgotten if its profile has another virgin record.
     *       This also holds for virgin records: a session the registry knows never vanishes silently.</li>
     * </ul>
     * Afterwards, every affected profile without a master elects one (without blocking).
     * A failing control session marks its profile disconnected and fails the call after all other
     * profiles were processed.
     *
     * @param target         which records
     * @param list           the server list as the caller fetched it (no I/O then; with several profiles
     *                       the same list is used for each, see {@link #updateStatus(Map, boolean, boolean)}
     *                       for one list per profile); {@code null} is a compatibility path: the registry
     *                       lists on each profile's control session itself, on the calling thread
     * @param forceUpdate    ignore the throttle
     * @param newlyConnected report running sessions as found after connect
     * @return the number of records reconciled
     * @throws X2GoSessionRegistryException for an unknown session UUID, or when no list is given and a
     *                                      profile has no control session
     * @throws X2GoControlSessionException  when listing failed (after the other profiles were processed)
     */
    public int updateStatus(StatusTarget target, SessionList list, boolean forceUpdate, boolean newlyConnected) {
        Objects.requireNonNull(target, "target");
        Map<String, List<UUID>> byProfile = new LinkedHashMap<>();
        Map<String, ControlSession> controls = new HashMap<>();
        Map<String, String> hosts = new HashMap<>();
        lock.readLock().lock();
        try {
            for (SessionRecord r : targets(target)) {
                byProfile.computeIfAbsent(r.profileId(), k -> new ArrayList<>()).add(r.uuid);
                noteConnection(index.profileOf(r.profileId()), controls, hosts);
            }
        } finally {
            lock.readLock().unlock();
        }
        Map<String, SessionList> lists = new HashMap<>();
        RuntimeException failure = null;
        for (String pid : byProfile.keySet()) {
            ControlSession cs = controls.get(pid);
            if (cs != null) {
                hosts.put(pid, hostOf(cs));
            }
            if (list != null) {
                lists.put(pid, list);
                continue;
            }
            try {
                lists.put(pid, listOn(pid, cs));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        int n = apply(byProfile, lists, hosts, forceUpdate, newlyConnected);
        if (failure != null) {
            throw failure;
        }
        return n;
    }

    /**
     * Reconciles every record of each given profile ID with that profile's server list, as
     * {@link #updateStatus(StatusTarget, SessionList, boolean, boolean)} does for one profile, in one
     * atomic step. Never talks to a server: the caller (a guardian fetching the lists of many profiles
     * concurrently) passes what it fetched. Profiles the registry does not know, or without records,
     * count nothing; a profile that is not in the map is left alone.
     *
     * @param listsByProfileId profile ID → that profile's server list; no null keys or values
     * @param forceUpdate      ignore the per-record throttle
     * @param newlyConnected   report running sessions as found after connect
     * @return the number of records reconciled
     * @throws NullPointerException for a null map, key or list
     */
    public int updateStatus(Map<String, SessionList> listsByProfileId, boolean forceUpdate, boolean newlyConnected) {
        Objects.requireNonNull(listsByProfileId, "listsByProfileId");
        Map<String, SessionList> lists = new LinkedHashMap<>();
        listsByProfileId.forEach((k, v) -> lists.put(Objects.requireNonNull(k, "profile id"),
                Objects.requireNonNull(v, () -> "session list of profile " + SafeText.visible(k))));
        Map<String, List<UUID>> byProfile = new LinkedHashMap<>();
        Map<String, ControlSession> controls = new HashMap<>();
        Map<String, String> hosts = new HashMap<>();
        lock.readLock().lock();
        try {
            for (String pid : lists.keySet()) {
                List<SessionRecord> rs = index.ofProfileId(pid);
                if (!rs.isEmpty()) {
                    byProfile.put(pid, rs.stream().map(r -> r.uuid).toList());
                }
                noteConnection(index.profileOf(pid), controls, hosts);
            }
        } finally {
            lock.readLock().unlock();
        }
        controls.forEach((pid, cs) -> hosts.put(pid, hostOf(cs)));
        return apply(byProfile, lists, hosts, forceUpdate, newlyConnected);
    }

    /**
     * Notes a profile's control session (its host is read after the lock), or, for a profile connected
     * without one ({@link #profileConnected}), the host it declared.
     */
    private static void noteConnection(ProfileEntry p, Map<String, ControlSession> controls, Map<String, String> hosts) {
        if (p == null) {
            return;
        }
        if (p.control != null) {
            controls.put(p.id, p.control);
        } else if (p.connected && !p.server.isEmpty()) {
            hosts.put(p.id, p.server);
        }
    }

    private int apply(Map<String, List<UUID>> byProfile, Map<String, SessionList> lists, Map<String, String> hosts,
                      boolean forceUpdate, boolean newlyConnected) {
        return write(tx -> {
            int count = 0;
            Set<String> touched = new LinkedHashSet<>();
            Instant now = clock.instant();
            for (Map.Entry<String, List<UUID>> e : byProfile.entrySet()) {
                SessionList l = lists.get(e.getKey());
                if (l == null) {
                    continue;
                }
                for (UUID u : e.getValue()) {
                    SessionRecord r = index.get(u);
                    if (r == null) {
                        continue; // forgotten meanwhile
                    }
                    if (!forceUpdate && r.lastUpdate != null && now.isBefore(r.lastUpdate.plus(STATUS_THROTTLE))) {
                        continue;
                    }
                    lifecycle.reconcile(r, l, hosts.get(e.getKey()), newlyConnected, now, tx);
                    touched.add(e.getKey());
                    count++;
                }
            }
            touched.forEach(master::reelect);
            return count;
        });
    }

    // ------------------------------------------------------------------ queries

    @Override
    public SessionSelection registeredSessions() {
        return select(index::all, r -> true);
    }

    @Override
    public SessionSelection virginSessions() {
        return select(index::all, r -> r.virgin);
    }

    @Override
    public SessionSelection associatedSessions() {
        return select(index::all, r -> r.terminal != null);
    }

    @Override
    public SessionSelection connectedSessions() {
        return selectStates(CONNECTED_STATES, null);
    }

    @Override
    public SessionSelection runningSessions() {
        return selectStates(EnumSet.of(SessionState.RUNNING), null);
    }

    @Override
    public SessionSelection suspendedSessions() {
        return selectStates(EnumSet.of(SessionState.SUSPENDED), null);
    }

    @Override
    public SessionSelection terminatedSessions() {
        return terminatedMatching(null);
    }

    @Override
    public SessionSelection nonRunningSessions() {
        return selectStates(EnumSet.complementOf(EnumSet.of(SessionState.RUNNING)), null);
    }

    @Override
    public SessionSelection registeredSessionsOfProfileName(String profileName) {
        return select(() -> index.ofProfileName(profileName), r -> true);
    }

    @Override
    public SessionSelection virginSessionsOfProfileName(String profileName) {
        return select(() -> index.ofProfileName(profileName), r -> r.virgin);
    }

    @Override
    public SessionSelection associatedSessionsOfProfileName(String profileName) {
        return select(() -> index.ofProfileName(profileName), r -> r.terminal != null);
    }

    @Override
    public SessionSelection connectedSessionsOfProfileName(String profileName) {
        return selectStates(CONNECTED_STATES, profileName);
    }

    @Override
    public SessionSelection runningSessionsOfProfileName(String profileName) {
        return selectStates(EnumSet.of(SessionState.RUNNING), profileName);
    }

    @Override
    public SessionSelection suspendedSessionsOfProfileName(String profileName) {
        return selectStates(EnumSet.of(SessionState.SUSPENDED), profileName);
    }

    @Override
    public SessionSelection terminatedSessionsOfProfileName(String profileName) {
        return terminatedMatching(Objects.requireNonNullElse(profileName, ""));
    }

    private SessionSelection terminatedMatching(String profileName) {
        // expiring needs the write lock: the history is pruned as time passes
        return write(tx -> SessionSelection.of(ended.list(profileName)));
    }

    @Override
    public SessionSelection nonRunningSessionsOfProfileName(String profileName) {
        return selectStates(EnumSet.complementOf(EnumSet.of(SessionState.RUNNING)), profileName);
    }

    @Override
    public SessionSelection pubappSessionsOfProfileName(String profileName) {
        return select(() -> index.ofProfileName(profileName), r -> r.terminal != null && r.state() == SessionState.RUNNING
                && SessionNames.isPublishedApplicationsProvider(r.sessionName()));
    }

    @Override
    public boolean hasRunningSessions() {
        return read(() -> index.any(SessionState.RUNNING));
    }

    @Override
    public boolean hasSuspendedSessions() {
        return read(() -> index.any(SessionState.SUSPENDED));
    }

    @Override
    public List<UUID> keys() {
        return read(() -> index.keys());
    }

    @Override
    public int size() {
        return read(index::size);
    }

    @Override
    public Optional<SessionSummary> summary(UUID uuid) {
        return read(() -> Optional.ofNullable(index.get(uuid)).map(SessionRecord::snapshot));
    }

    @Override
    public SessionSummary require(UUID uuid) {
        return summary(uuid).orElseThrow(() -> new X2GoSessionRegistryException("no session found for UUID " + uuid));
    }

    @Override
    public String profileId(UUID uuid) {
        return require(uuid).profileId();
    }

    @Override
    public String profileName(UUID uuid) {
        return require(uuid).profileName();
    }

    @Override
    public boolean isVirgin(UUID uuid) {
        return read(() -> index.require(uuid).virgin);
    }

    @Override
    public SessionOrigin origin(UUID uuid) {
        return read(() -> index.require(uuid).origin);
    }

    /**
     * @param uuid a record
     * @return the terminal this client holds for it
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    public Optional<TerminalSession> terminal(UUID uuid) {
        return read(() -> Optional.ofNullable(index.require(uuid).terminal));
    }

    /**
     * @param uuid a record
     * @return the graphics proxy serving it, until the session is suspended, terminated or released
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    public Optional<GraphicsProxy> proxy(UUID uuid) {
        return read(() -> Optional.ofNullable(index.require(uuid).proxy));
    }

    @Override
    public Optional<UUID> sessionOfSessionName(String sessionName) {
        return sessionOfSessionName(sessionName, null);
    }

    @Override
    public Optional<UUID> sessionOfSessionName(String sessionName, String matchProfileName) {
        if (sessionName == null || sessionName.isEmpty()) {
            return Optional.empty();
        }
        return read(() -> {
            // The index holds one record per name in the normal case: no copy, sort or stream needed.
            Set<SessionRecord> candidates = index.withSessionName(sessionName);
            if (candidates.isEmpty()) {
                return Optional.<UUID>empty();
            }
            SessionRecord found = null;
            int matches = 0;
            for (SessionRecord r : candidates) {
                if (matchProfileName == null || r.profileName().equals(matchProfileName)) {
                    found = r;
                    matches++;
                }
            }
            if (matches > 1) {
                throw new X2GoSessionRegistryException("there should only be one registered session of name '"
                        + sessionName + "', found " + matches);
            }
            return found == null ? Optional.<UUID>empty() : Optional.of(found.uuid);
        });
    }

    @Override
    public boolean hasSessionOfSessionName(String sessionName, String matchProfileName) {
        return sessionOfSessionName(sessionName, matchProfileName).isPresent();
    }

    @Override
    public Optional<SessionSummary> masterSession(String profileName) {
        return read(() -> master.masterOf(profileName).map(SessionRecord::snapshot));
    }

    /**
     * Shuts the registry's own listener thread down after delivering queued events (bounded). Control
     * sessions, terminals and proxies are not closed (see {@link #releaseAllTerminals()}). Idempotent.
     */
    @Override
    public void close() {
        dispatcher.close();
    }

    private SessionList listOn(String profileId, ControlSession cs) {
        if (cs == null) {
            throw new X2GoSessionRegistryException("no session list given and profile '" + profileId
                    + "' has no control session attached");
        }
        try {
            return cs.listSessions();
        } catch (X2GoControlSessionException e) {
            LOG.warn("listing sessions of profile {} failed: {}", SafeText.visible(profileId), SafeText.excerpt(e.toString()));
            reportControlSessionDeath(profileId, e);
            throw e;
        }
    }

    private static String hostOf(ControlSession cs) {
        try {
            return cs.shell() == null ? null : cs.shell().host();
        } catch (RuntimeException e) {
            LOG.debug("cannot read the host of control session {}", cs, e);
            return null;
        }
    }

    // ------------------------------------------------------------------ internals: records and indexes

    private List<SessionRecord> targets(StatusTarget t) {
        if (t instanceof StatusTarget.BySession s) {
            return List.of(index.require(s.uuid()));
        } else if (t instanceof StatusTarget.ByProfileName n) {
            return index.ofProfileName(n.profileName());
        } else {
            return index.ofProfileId(((StatusTarget.ByProfileId) t).profileId());
        }
    }

    /**
     * @param source the index to read, looked up under the read lock: an index must never be read or
     *               copied outside it (a writer may be changing it: ConcurrentModificationException)
     */
    private SessionSelection select(java.util.function.Supplier<Collection<SessionRecord>> source, Predicate<SessionRecord> filter) {
        return read(() -> {
            List<SessionSummary> out = new ArrayList<>();
            for (SessionRecord r : RecordIndex.sorted(source.get())) {
                if (filter.test(r)) {
                    out.add(r.snapshot());
                }
            }
            return SessionSelection.of(out);
        });
    }

    private SessionSelection selectStates(Set<SessionState> states, String profileName) {
        return read(() -> SessionSelection.of(index.inStates(states, profileName).stream()
                .map(SessionRecord::snapshot).toList()));
    }

    private <T> T read(java.util.function.Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(java.util.function.Function<Changes, T> body) {
        Changes tx = new Changes();
        lock.writeLock().lock();
        try {
            return body.apply(tx);
        } finally {
            // enqueue under the lock so notification order equals change order; deliver after it
            dispatcher.enqueue(tx.notes);
            lock.writeLock().unlock();
            try {
                dispatcher.kick();
            } finally {
                // a listener that throws an Error on the calling thread must not leak terminals and proxies
                tx.closeAll(resourceCloser);
            }
        }
    }

    /**
     * Checks that every index agrees with the record map. For tests.
     *
     * @return a description of every inconsistency; empty when consistent
     */
    List<String> indexProblems() {
        return read(index::problems);
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new X2GoSessionRegistryException(what + " must not be blank: '" + s + "'");
        }
    }
}
