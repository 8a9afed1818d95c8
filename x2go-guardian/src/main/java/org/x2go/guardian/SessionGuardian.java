package org.x2go.guardian;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
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
 * A profile's server list is fetched at most once per refresh (the cache's fresh list is reused).
 *
 * <p>Every step of every profile runs in its own try/catch: a failure (exception, timeout, dropped
 * connection, and also an {@link Error} such as OutOfMemoryError, which is logged at ERROR) is logged,
 * recorded in the {@link TickReport}, reported to {@link GuardedProfiles#onRefreshFailure} and retried on
 * the next refresh. The guardian never dies from it (python's thread did, Q-58 / TV-53), so
 * {@link #isRunning()} stays true until {@link #close()}. A control session that hangs delays the
 * refresh until the backend's own command timeout.
 *
 * <p>Threads: one {@link ScheduledExecutorService} per guardian (its own daemon thread unless one is
 * given), never a thread per session. Refreshes never overlap. For tests, {@link #tick()} runs one
 * refresh synchronously and an injected scheduler and clock let time advance without sleeping.
 *
 * <p>{@link #close()} is idempotent: it cancels the schedule, waits (bounded by
 * {@link GuardianOptions#closeTimeout()}) for a running refresh, then cleans up: it closes every
 * terminal session and graphics proxy the registry holds (R-GRD-4/5). Server sessions keep running.
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
     * Runs one refresh now, on the calling thread, serialised with scheduled ones. After
     * {@link #close()} it does nothing and returns an empty report.
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
            List<StepOutcome> steps = new ArrayList<>();
            Map<String, ControlSession> connected;
            try {
                connected = new LinkedHashMap<>(profiles.connectedProfiles());
            } catch (Throwable e) {
                logFailure(Step.CONNECTED_PROFILES, "", e);
                steps.add(new StepOutcome(Step.CONNECTED_PROFILES, "", Optional.of(e)));
                return report(n, started, steps);
            }
            Map<String, SessionList> lists = new HashMap<>();
            if (options.autoUpdateListSessionsCache()) {
                for (Map.Entry<String, ControlSession> p : connected.entrySet()) {
                    step(steps, Step.LIST_SESSIONS_CACHE, p.getKey(), () -> {
                        ListSessionsCache.Entry e = cache.update(p.getKey(), p.getValue(), true,
                                options.autoUpdateListDesktopsCache(), options.autoUpdateListMountsCache());
                        e.sessions().ifPresent(l -> lists.put(p.getKey(), l));
                    });
                }
                cache.retainOnly(connected.keySet());
            }
            if (options.autoUpdateSessionRegistry() && !options.autoRegisterSessions()) {
                for (Map.Entry<String, ControlSession> p : connected.entrySet()) {
                    step(steps, Step.REGISTRY_UPDATE, p.getKey(), () -> registry.updateStatus(
                            StatusTarget.profileId(p.getKey()), listFor(p.getKey(), p.getValue(), lists), true, false));
                }
            }
            if (options.autoRegisterSessions()) {
                for (Map.Entry<String, ControlSession> p : connected.entrySet()) {
                    step(steps, Step.AUTO_REGISTRATION, p.getKey(), () -> registry.registerAvailableServerSessions(
                            p.getKey(), listFor(p.getKey(), p.getValue(), lists), false, false,
                            options.skipPubappSessions()));
                }
            }
            return report(n, started, steps);
        } finally {
            tickLock.unlock();
        }
    }

    private TickReport report(long n, Instant started, List<StepOutcome> steps) {
        TickReport r = new TickReport(n, started, steps);
        lastReport = r;
        return r;
    }

    private static SessionList listFor(String profileId, ControlSession cs, Map<String, SessionList> lists) {
        SessionList l = lists.get(profileId);
        if (l == null) {
            l = Objects.requireNonNull(cs, "control session of " + profileId).listSessions();
            lists.put(profileId, l);
        }
        return l;
    }

    /**
     * Runs one step; whatever it throws, {@link Error}s included (an OutOfMemoryError from a control
     * session or a listener), is logged, reported and leaves the other steps and the schedule running.
     */
    private void step(List<StepOutcome> steps, Step step, String profileId, Runnable body) {
        try {
            body.run();
            steps.add(new StepOutcome(step, profileId, Optional.empty()));
        } catch (Throwable e) {
            logFailure(step, profileId, e);
            steps.add(new StepOutcome(step, profileId, Optional.of(e)));
            try {
                profiles.onRefreshFailure(profileId, e);
            } catch (Throwable inner) {
                LOG.warn("onRefreshFailure of profile {} failed", profileId, inner);
            }
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
     * Stops the guardian: cancels the schedule, waits for a running refresh (bounded by
     * {@link GuardianOptions#closeTimeout()}), then closes the terminal sessions and proxies held in the
     * registry. Idempotent; later calls return at once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService owned;
        Thread hook;
        synchronized (scheduleLock) {
            if (schedule != null) {
                schedule.cancel(false);
            }
            owned = ownedExecutor;
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (owned != null) {
            owned.shutdown();
        }
        long deadline = System.nanoTime() + options.closeTimeout().toNanos();
        boolean idle = false;
        try {
            idle = tickLock.tryLock(options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
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
