package org.x2go.guardian;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.guardian.TickReport.ProfileLag;
import org.x2go.guardian.TickReport.ProfileOutcome;
import org.x2go.guardian.TickReport.Step;
import org.x2go.guardian.TickReport.StepOutcome;
import org.x2go.registry.ListSessionsCache;
import org.x2go.registry.SessionRegistry;
import org.x2go.registry.StatusTarget;
import org.x2go.spi.ControlSession;

/**
 * The session guardian (python {@code X2GoSessionGuardian}, spec §13): every refresh interval it
 * refreshes the list-sessions cache, reconciles the session registry and auto-registers server
 * sessions, for every connected profile, in the order of R-GRD-3:
 * <ol>
 *   <li>if {@link GuardianOptions#autoUpdateListSessionsCache()}: each profile's cache entry (with
 *       desktops and mounts when those flags are on too), then entries of profiles no longer connected
 *       are dropped;</li>
 *   <li>if {@link GuardianOptions#autoUpdateSessionRegistry()} and not auto-registering: each profile's
 *       records are reconciled ({@link SessionRegistry#updateStatus(StatusTarget, SessionList, boolean, boolean)},
 *       forced);</li>
 *   <li>if {@link GuardianOptions#autoRegisterSessions()}: each profile's unknown server sessions are
 *       registered ({@link SessionRegistry#registerAvailableServerSessions}), which reconciles first.</li>
 * </ol>
 * A profile's server list is fetched at most once per refresh (the cache's fresh list is reused), by
 * the guardian, which hands it to the registry: the registry does no I/O.
 *
 * <p>Scale: profiles are refreshed concurrently, at most {@link GuardianOptions#maxConcurrentRefreshes()}
 * at a time, each profile's steps in the order above (so the events of one profile keep their order),
 * so a refresh takes about as long as its slowest server, not the sum of all round trips. A profile
 * whose server does not answer within {@link GuardianOptions#profileTimeout()} is reported as timed out
 * and the refresh ends without it; its late answer is dropped, and it is skipped
 * ({@link TickReport.ProfileOutcome#STILL_RUNNING}) until that call returns, so two refreshes of one
 * profile never overlap. {@link TickReport#profiles()} holds each profile's lag.
 *
 * <p>Every step of every profile runs in its own try/catch: a failure (exception, timeout, dropped
 * connection, and also an {@link Error} such as OutOfMemoryError, which is logged at ERROR) is logged,
 * recorded in the {@link TickReport}, reported to {@link GuardedProfiles#onRefreshFailure} (on a refresh
 * thread) and retried on the next refresh. The guardian never dies from it (python's thread did, Q-58 /
 * TV-53), so {@link #isRunning()} stays true until {@link #close()}.
 *
 * <p>Threads: one {@link ScheduledExecutorService} per guardian (its own daemon thread unless one is
 * given) and up to {@code maxConcurrentRefreshes} daemon refresh threads (plus one per server stuck past
 * its timeout), never a thread per session. Refreshes never overlap. For tests, {@link #tick()} runs one
 * refresh and returns when it is over, and an injected scheduler and clock let time advance without
 * sleeping.
 *
 * <p>{@link #close()} is idempotent: it cancels the schedule, ends a running refresh at once (one log
 * line, no warning per dropped profile), then cleans up: it closes every terminal session and graphics
 * proxy the registry holds (R-GRD-4/5). Server sessions keep running.
 */
public final class SessionGuardian implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionGuardian.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final SessionRegistry registry;
    private final ListSessionsCache cache;
    private final GuardedProfiles profiles;
    private final GuardianOptions options;
    private final Clock clock;
    private final ScheduledExecutorService givenExecutor;
    private final ReentrantLock tickLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong ticks = new AtomicLong();
    private final Object scheduleLock = new Object();
    private ScheduledExecutorService ownedExecutor;
    private ExecutorService workers;
    /** Profiles whose list call is still out (a timed-out refresh): skipped until it returns. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Round current;
    private ScheduledFuture<?> schedule;
    private Thread shutdownHook;
    private volatile TickReport lastReport;

    private SessionGuardian(Builder b) {
        this.registry = b.registry;
        this.profiles = b.profiles;
        this.options = b.options;
        this.cache = b.cache != null ? b.cache : new ListSessionsCache(b.clock);
        this.clock = b.clock;
        this.givenExecutor = b.executor;
    }

    /**
     * @param registry the registry to keep up to date
     * @param profiles tells which profiles are connected
     * @return a builder; the guardian does nothing until {@link #start()} (or {@link #tick()})
     */
    public static Builder builder(SessionRegistry registry, GuardedProfiles profiles) {
        return new Builder(registry, profiles);
    }

    /**
     * Schedules refreshes every {@link GuardianOptions#refreshInterval()} (fixed delay), the first one
     * interval from now. Idempotent.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public void start() {
        synchronized (scheduleLock) {
            if (closed.get()) {
                throw new IllegalStateException("guardian is closed");
            }
            if (schedule != null) {
                return;
            }
            ScheduledExecutorService ex = givenExecutor;
            if (ex == null) {
                ownedExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "x2go-guardian-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                ex = ownedExecutor;
            }
            long ms = options.refreshInterval().toMillis();
            schedule = ex.scheduleWithFixedDelay(this::scheduledTick, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @return true between {@link #start()} and {@link #close()} while refreshes are scheduled; false
     *         as well when the schedule ended otherwise (a caller-supplied executor was shut down)
     */
    public boolean isRunning() {
        synchronized (scheduleLock) {
            return schedule != null && !schedule.isDone() && !closed.get();
        }
    }

    /** @return true once {@link #close()} was called */
    public boolean isClosed() {
        return closed.get();
    }

    /** @return the options */
    public GuardianOptions options() {
        return options;
    }

    /** @return the list-sessions cache this guardian refreshes (the given one, or its own) */
    public ListSessionsCache cache() {
        return cache;
    }

    /** @return the report of the last refresh, if any */
    public Optional<TickReport> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    /** @return the number of refreshes run so far */
    public long tickCount() {
        return ticks.get();
    }

    /**
     * Never throws: a scheduled task that throws is never run again, and the guardian would stop while
     * {@link #isRunning()} still said otherwise. That holds for an {@link Error} too: an
     * OutOfMemoryError is often transient (one huge server reply), and stopping would leave sessions
     * unsupervised for good; it is logged at ERROR and the refresh is retried next interval.
     */
    private void scheduledTick() {
        try {
            tick();
        } catch (Throwable t) {
            LOG.error("guardian refresh failed unexpectedly; retrying next interval", t);
        }
    }

    /**
     * Runs one refresh now, serialised with scheduled ones: the calling thread hands the profiles to at
     * most {@link GuardianOptions#maxConcurrentRefreshes()} refresh threads and waits until each profile
     * is done or has exceeded {@link GuardianOptions#profileTimeout()}. After {@link #close()} it does
     * nothing and returns an empty report; a {@link #close()} during the refresh ends it at once.
     *
     * @return what the refresh did
     */
    public TickReport tick() {
        Instant started = clock.instant();
        if (closed.get()) {
            return new TickReport(ticks.get(), started, List.of());
        }
        tickLock.lock();
        try {
            if (closed.get()) {
                return new TickReport(ticks.get(), started, List.of());
            }
            long n = ticks.incrementAndGet();
            long t0 = System.nanoTime();
            Map<String, ControlSession> connected;
            try {
                connected = new LinkedHashMap<>(profiles.connectedProfiles());
            } catch (Throwable e) {
                logFailure(Step.CONNECTED_PROFILES, "", e);
                return report(new TickReport(n, started,
                        List.of(new StepOutcome(Step.CONNECTED_PROFILES, "", Optional.of(e))), List.of(),
                        Duration.ofNanos(System.nanoTime() - t0)));
            }
            Round round = new Round(n, connected, t0);
            current = round;
            try {
                round.run();
            } finally {
                current = null;
            }
            if (options.autoUpdateListSessionsCache() && !closed.get()) {
                cache.retainOnly(connected.keySet());
            }
            return report(round.report(started));
        } finally {
            tickLock.unlock();
        }
    }

    private TickReport report(TickReport r) {
        lastReport = r;
        return r;
    }

    /** The refresh threads: created on demand, idle ones end after a while; daemon threads. */
    private ExecutorService workers() {
        synchronized (scheduleLock) {
            if (closed.get()) {
                throw new RejectedExecutionException("guardian is closed");
            }
            if (workers == null) {
                AtomicInteger count = new AtomicInteger();
                int id = THREADS.incrementAndGet();
                long keepAlive = options.refreshInterval().toMillis() + 10_000;
                // no queue: the round itself bounds how many run; a thread stuck on a dead server is
                // abandoned (not counted against the bound) and a fresh one takes its place
                workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, keepAlive, TimeUnit.MILLISECONDS,
                        new SynchronousQueue<>(), r -> {
                            Thread t = new Thread(r, "x2go-guardian-" + id + "-refresh-" + count.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
            }
            return workers;
        }
    }

    private enum JobState { PENDING, RUNNING, APPLYING, DONE, TIMED_OUT, STILL_RUNNING, CLOSED }

    /** One profile's refresh within one round. Its state changes only under the round's monitor. */
    private static final class Job {
        final int index;
        final String profileId;
        final ControlSession control;
        final List<StepOutcome> steps = new ArrayList<>(3);
        JobState state = JobState.PENDING;
        Step currentStep;
        long startNanos;
        long endNanos;

        Job(int index, String profileId, ControlSession control, Step first) {
            this.index = index;
            this.profileId = profileId;
            this.control = control;
            this.currentStep = first;
        }
    }

    /**
     * One refresh: profiles are handed out in order to at most {@code maxConcurrentRefreshes} runners;
     * each runner refreshes one profile at a time, all of its steps in order (so one profile's events stay
     * in order). Server round trips run first; the registry is then given the fetched list and does no
     * I/O. A profile past its timeout is reported and dropped (a late answer is never applied, and the
     * profile is skipped while that call is still out, so two refreshes of one profile never overlap);
     * a new runner takes the stuck one's place.
     */
    private final class Round {
        final long tick;
        final long t0;
        final List<Job> jobs = new ArrayList<>();
        final Set<Job> running = new LinkedHashSet<>();
        int nextJob;
        int unfinished;
        int runners;
        int stillOutOnClose = -1;

        Round(long tick, Map<String, ControlSession> connected, long t0) {
            this.tick = tick;
            this.t0 = t0;
            Step first = options.autoUpdateListSessionsCache() ? Step.LIST_SESSIONS_CACHE
                    : options.autoRegisterSessions() ? Step.AUTO_REGISTRATION : Step.REGISTRY_UPDATE;
            for (Map.Entry<String, ControlSession> p : connected.entrySet()) {
                Job j = new Job(jobs.size(), p.getKey(), p.getValue(), first);
                if (!inFlight.contains(j.profileId)) {
                    unfinished++;
                } else {
                    // its last call is still waiting for the server: never two refreshes of one profile
                    j.state = JobState.STILL_RUNNING;
                    j.startNanos = t0;
                    j.endNanos = t0;
                    X2GoTimeOutException e = new X2GoTimeOutException("profile '" + SafeText.visible(j.profileId)
                            + "': still waiting for its server since an earlier refresh; skipped");
                    j.steps.add(new StepOutcome(first, j.profileId, Optional.of(e)));
                    LOG.debug("guardian: {}", e.getMessage());
                }
                jobs.add(j);
            }
        }

        boolean hasWork() {
            return options.autoUpdateListSessionsCache() || options.autoUpdateSessionRegistry()
                    || options.autoRegisterSessions();
        }

        void run() {
            if (!hasWork()) {
                for (Job j : jobs) {
                    if (j.state == JobState.PENDING) {
                        j.state = JobState.DONE;
                    }
                }
                return;
            }
            long timeout = options.profileTimeout().toNanos();
            synchronized (this) {
                addRunners(Math.min(options.maxConcurrentRefreshes(), unfinished));
            }
            while (true) {
                List<Job> timedOut = new ArrayList<>();
                synchronized (this) {
                    while (unfinished > 0 && timedOut.isEmpty()) {
                        if (closed.get()) {
                            abandonOnClose();
                            return;
                        }
                        long now = System.nanoTime();
                        long wait = timeout;
                        for (Iterator<Job> it = running.iterator(); it.hasNext(); ) {
                            Job j = it.next();
                            long left = j.startNanos + timeout - now;
                            if (j.state == JobState.RUNNING && left <= 0) {
                                j.state = JobState.TIMED_OUT;
                                j.endNanos = now;
                                it.remove();
                                unfinished--;
                                runners--;
                                timedOut.add(j);
                            } else if (left > 0) {
                                wait = Math.min(wait, left);
                            }
                        }
                        // a stuck runner is replaced: the bound counts only runners that can still make progress
                        addRunners(Math.min(options.maxConcurrentRefreshes() - runners, jobs.size() - nextJob));
                        if (unfinished == 0 || !timedOut.isEmpty()) {
                            break;
                        }
                        try {
                            TimeUnit.NANOSECONDS.timedWait(this, Math.max(wait, 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            abandonOnClose();
                            return;
                        }
                    }
                }
                if (timedOut.isEmpty()) {
                    return;
                }
                // outside the monitor: logging and the client's callback must not hold up the runners
                for (Job j : timedOut) {
                    reportTimeout(j);
                }
            }
        }

        /** Starts up to {@code k} runners (only while profiles are waiting for one). */
        private void addRunners(int k) {
            for (int i = 0; i < k && nextJob < jobs.size(); i++) {
                runners++;
                try {
                    workers().execute(this::runner);
                } catch (RejectedExecutionException e) {
                    runners--; // closed meanwhile: the loop notices
                    return;
                }
            }
        }

        private void abandonOnClose() {
            int dropped = 0;
            long now = System.nanoTime();
            for (Job j : jobs) {
                if (j.state == JobState.PENDING || j.state == JobState.RUNNING || j.state == JobState.APPLYING) {
                    if (j.state == JobState.PENDING) {
                        j.startNanos = now;
                    }
                    j.state = JobState.CLOSED;
                    j.endNanos = now;
                    dropped++;
                }
            }
            unfinished = 0;
            stillOutOnClose = dropped;
        }

        private void reportTimeout(Job j) {
            X2GoTimeOutException e = new X2GoTimeOutException("profile '" + SafeText.visible(j.profileId)
                    + "': no answer within " + options.profileTimeout() + "; dropped from refresh " + tick);
            synchronized (this) {
                j.steps.add(new StepOutcome(j.currentStep, j.profileId, Optional.of(e)));
            }
            if (!closed.get()) {
                LOG.warn("guardian: {}", e.getMessage());
                notifyFailure(j.profileId, e);
            }
        }

        /** A refresh thread: takes the next profile until none is left, the round ended or this job timed out. */
        private void runner() {
            while (true) {
                Job j;
                synchronized (this) {
                    if (closed.get() || nextJob >= jobs.size() || unfinished == 0) {
                        runners--;
                        return;
                    }
                    j = jobs.get(nextJob++);
                    if (j.state != JobState.PENDING) {
                        continue;
                    }
                    j.state = JobState.RUNNING;
                    j.startNanos = System.nanoTime();
                    running.add(j);
                    inFlight.add(j.profileId);
                }
                try {
                    refresh(j);
                } finally {
                    inFlight.remove(j.profileId);
                }
                synchronized (this) {
                    running.remove(j);
                    if (j.state == JobState.RUNNING || j.state == JobState.APPLYING) {
                        j.state = JobState.DONE;
                        j.endNanos = System.nanoTime();
                        unfinished--;
                        notifyAll();
                    } else {
                        return; // timed out or closed: the round has replaced or dropped this runner
                    }
                }
            }
        }

        private void refresh(Job j) {
            SessionList list = null;
            if (options.autoUpdateListSessionsCache()) {
                list = step(j, Step.LIST_SESSIONS_CACHE, null, () -> cache.update(j.profileId, j.control, true,
                        options.autoUpdateListDesktopsCache(), options.autoUpdateListMountsCache())
                        .sessions().orElse(null));
            }
            if (options.autoRegisterSessions()) {
                step(j, Step.AUTO_REGISTRATION, list, null);
            } else if (options.autoUpdateSessionRegistry()) {
                step(j, Step.REGISTRY_UPDATE, list, null);
            }
        }

        /**
         * Runs one step of one profile: for the cache step, {@code io}; for a registry step, the list round
         * trip (unless the cache step fetched it) and then the registry update with that list, only while
         * the profile's refresh still counts. Whatever it throws, {@link Error}s included, is logged,
         * reported and leaves the other profiles and the schedule running.
         */
        private SessionList step(Job j, Step step, SessionList given, java.util.function.Supplier<SessionList> io) {
            synchronized (this) {
                if (j.state != JobState.RUNNING) {
                    return null;
                }
                j.currentStep = step;
            }
            try {
                SessionList result;
                if (io != null) {
                    result = io.get();
                } else {
                    SessionList l = given != null ? given
                            : Objects.requireNonNull(j.control, "control session of " + j.profileId).listSessions();
                    synchronized (this) {
                        if (j.state != JobState.RUNNING) {
                            LOG.debug("guardian: late list of profile {} dropped", SafeText.visible(j.profileId));
                            return null;
                        }
                        j.state = JobState.APPLYING;
                    }
                    if (step == Step.AUTO_REGISTRATION) {
                        registry.registerAvailableServerSessions(j.profileId, l, false, false,
                                options.skipPubappSessions());
                    } else {
                        registry.updateStatus(StatusTarget.profileId(j.profileId), l, true, false);
                    }
                    result = l;
                }
                synchronized (this) {
                    if (j.state == JobState.RUNNING || j.state == JobState.APPLYING) {
                        j.steps.add(new StepOutcome(step, j.profileId, Optional.empty()));
                    }
                }
                return result;
            } catch (Throwable e) {
                boolean counts;
                synchronized (this) {
                    counts = j.state == JobState.RUNNING || j.state == JobState.APPLYING;
                    if (counts) {
                        j.steps.add(new StepOutcome(step, j.profileId, Optional.of(e)));
                    }
                }
                if (counts && !closed.get()) {
                    logFailure(step, j.profileId, e);
                    notifyFailure(j.profileId, e);
                } else {
                    // after close() or a timeout: the connection may be gone on purpose; nothing to report
                    LOG.debug("guardian: {} of an abandoned refresh failed", step, e);
                }
                return null;
            }
        }

        synchronized TickReport report(Instant started) {
            long end = System.nanoTime();
            List<StepOutcome> steps = new ArrayList<>();
            jobs.stream().flatMap(j -> j.steps.stream().map(s -> Map.entry(j.index, s)))
                    .sorted(Comparator.<Map.Entry<Integer, StepOutcome>>comparingInt(e -> e.getValue().step().ordinal())
                            .thenComparingInt(Map.Entry::getKey))
                    .forEach(e -> steps.add(e.getValue()));
            List<ProfileLag> lags = new ArrayList<>(jobs.size());
            for (Job j : jobs) {
                long start = j.state == JobState.PENDING ? end : j.startNanos;
                long stop = j.endNanos != 0 ? j.endNanos : end;
                ProfileOutcome o = switch (j.state) {
                    case TIMED_OUT -> ProfileOutcome.TIMED_OUT;
                    case STILL_RUNNING -> ProfileOutcome.STILL_RUNNING;
                    case CLOSED -> ProfileOutcome.CLOSED;
                    default -> ProfileOutcome.DONE;
                };
                lags.add(new ProfileLag(j.profileId, Duration.ofNanos(Math.max(0, start - t0)),
                        Duration.ofNanos(Math.max(0, stop - start)), o));
            }
            if (stillOutOnClose >= 0) {
                // the one line a close during a refresh costs (instead of one warning per profile)
                LOG.info("guardian closed during refresh {}: dropped the remaining work of {} of {} profiles",
                        tick, stillOutOnClose, jobs.size());
            }
            return new TickReport(tick, started, steps, lags, Duration.ofNanos(end - t0));
        }
    }

    private void notifyFailure(String profileId, Throwable e) {
        try {
            profiles.onRefreshFailure(profileId, e);
        } catch (Throwable inner) {
            LOG.warn("onRefreshFailure of profile {} failed", SafeText.visible(profileId), inner);
        }
    }

    /** Expected failures (a dropped connection) at WARN without a stack trace; an {@link Error} at ERROR with one. */
    private static void logFailure(Step step, String profileId, Throwable e) {
        // profile IDs come from a profile file: escaped before a log sees them
        String what = profileId.isEmpty() ? step.toString() : step + " of profile '" + SafeText.visible(profileId) + "'";
        if (e instanceof Error) {
            LOG.error("guardian: {} failed with an error; retrying next interval", what, e);
        } else {
            LOG.warn("guardian: {} failed; retrying next interval: {}", what, SafeText.excerpt(e.toString()));
            LOG.debug("guardian step failure", e);
        }
    }

    /**
     * Registers a JVM shutdown hook that runs {@link #close()} on SIGTERM/SIGINT/normal exit. Only on
     * request: a library must not install hooks by itself. {@link #close()} removes it again.
     *
     * @return true when a hook was added (false when one is already registered or the guardian is closed)
     */
    public boolean registerShutdownHook() {
        synchronized (scheduleLock) {
            if (shutdownHook != null || closed.get()) {
                return false;
            }
            shutdownHook = new Thread(this::close, "x2go-guardian-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            return true;
        }
    }

    /** @return true while a shutdown hook registered by {@link #registerShutdownHook()} is in place */
    public boolean hasShutdownHook() {
        synchronized (scheduleLock) {
            return shutdownHook != null;
        }
    }

    /**
     * Stops the guardian: cancels the schedule and ends a running refresh at once (profiles not yet
     * refreshed are skipped, answers still out are dropped, failures of the dropped work are not logged:
     * one INFO line says what was dropped), waits for the refresh thread to leave it (bounded by
     * {@link GuardianOptions#closeTimeout()}), then closes the terminal sessions and proxies held in the
     * registry. Idempotent; later calls return at once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService owned;
        ExecutorService refreshers;
        Thread hook;
        synchronized (scheduleLock) {
            if (schedule != null) {
                schedule.cancel(false);
            }
            owned = ownedExecutor;
            refreshers = workers;
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (owned != null) {
            owned.shutdown();
        }
        Round round = current;
        if (round != null) {
            synchronized (round) {
                round.notifyAll(); // the refresh thread sees closed and drops what is left
            }
        }
        long deadline = System.nanoTime() + options.closeTimeout().toNanos();
        try {
            boolean idle = tickLock.tryLock(options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            if (idle) {
                tickLock.unlock();
            } else {
                LOG.warn("guardian refresh still running after {}; cleaning up anyway", options.closeTimeout());
            }
            if (owned != null && !tickLock.isHeldByCurrentThread()) {
                // (closing from inside a refresh must not wait for its own thread to end)
                long left = Math.max(0, deadline - System.nanoTime());
                if (!owned.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    owned.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (owned != null) {
                owned.shutdownNow();
            }
        }
        if (refreshers != null) {
            // not interrupted: a thread still waiting for a server ends with that call (its result is dropped)
            refreshers.shutdown();
        }
        try {
            int n = registry.releaseAllTerminals();
            LOG.debug("guardian closed; released {} sessions' terminals and proxies", n);
        } catch (RuntimeException e) {
            LOG.warn("guardian clean-up failed", e);
        }
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (or ran) anyway
            }
        }
    }

    /** Builds a {@link SessionGuardian}. */
    public static final class Builder {
        private final SessionRegistry registry;
        private final GuardedProfiles profiles;
        private GuardianOptions options = GuardianOptions.defaults();
        private ListSessionsCache cache;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService executor;

        private Builder(SessionRegistry registry, GuardedProfiles profiles) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.profiles = Objects.requireNonNull(profiles, "profiles");
        }

        /**
         * @param options what to refresh and how often (default {@link GuardianOptions#defaults()})
         * @return this builder
         */
        public Builder options(GuardianOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * @param cache the list-sessions cache to refresh, shared with the client (default: a new one)
         * @return this builder
         */
        public Builder cache(ListSessionsCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * @param clock time source for reports (and for a cache the guardian creates)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param executor scheduler to run refreshes on; owned by the caller (not shut down by
         *                 {@link SessionGuardian#close()}, only the guardian's task is cancelled). Default: a
         *                 single daemon thread owned by the guardian.
         * @return this builder
         */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** @return the guardian, not started */
        public SessionGuardian build() {
            return new SessionGuardian(this);
        }
    }
}
