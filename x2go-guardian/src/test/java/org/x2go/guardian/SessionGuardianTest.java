package org.x2go.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.x2go.registry.Fakes.info;
import static org.x2go.registry.Fakes.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionList;
import org.x2go.api.SessionState;
import org.x2go.registry.Fakes;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.guardian.TickReport.Step;
import org.x2go.guardian.TickReport.StepOutcome;
import org.x2go.registry.ListSessionsCache;
import org.x2go.registry.SessionOrigin;
import org.x2go.registry.SessionRegistry;
import org.x2go.spi.ControlSession;

/** Guardian behaviour with a fake clock and scheduler: order (TV-54), survival (TV-53, Q-58), close. */
class SessionGuardianTest {
    static final String N = "alice-50-1700000000_stDKDE_dp24";
    static final String OTHER = "alice-51-1700000000_stRxterm_dp24";
    static final Duration FIVE = Duration.ofSeconds(5);

    final Fakes.ManualClock clock = new Fakes.ManualClock();
    final SessionRegistry registry = new SessionRegistry(clock, Runnable::run);
    final Fakes.Recorder events = new Fakes.Recorder();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final FakeControl c1 = new FakeControl("srv", "P1", log);
    final FakeControl c2 = new FakeControl("srv", "P2", log);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    SessionGuardian guardian;

    SessionGuardianTest() {
        registry.addListener(events);
        registry.attachControlSession("PID1", "P1", c1);
        registry.attachControlSession("PID2", "P2", c2);
    }

    GuardedProfiles profiles() {
        return new GuardedProfiles() {
            @Override
            public Map<String, ControlSession> connectedProfiles() {
                Map<String, ControlSession> m = new LinkedHashMap<>();
                m.put("PID1", c1);
                m.put("PID2", c2);
                return m;
            }

            @Override
            public void onRefreshFailure(String profileId, Throwable failure) {
                failures.add(profileId);
            }
        };
    }

    SessionGuardian guardian(GuardianOptions o) {
        guardian = SessionGuardian.builder(registry, profiles()).options(o).clock(clock).executor(scheduler).build();
        return guardian;
    }

    static GuardianOptions.Builder opts() {
        return GuardianOptions.builder().refreshInterval(FIVE);
    }

    @AfterEach
    void tearDown() {
        if (guardian != null) {
            guardian.close();
        }
        registry.close();
    }

    static List<String> steps(TickReport r) {
        return r.steps().stream().map(s -> s.step() + ":" + s.profileId()).toList();
    }

    @Test
    void tv54_tickOrder_cacheThenRegistry_listedOncePerProfile() {
        c1.sessions = list(info(N, ServerSessionStatus.RUNNING));
        SessionGuardian g = guardian(opts().autoUpdateListSessionsCache(true).autoUpdateListDesktopsCache(true)
                .autoUpdateListMountsCache(true).autoUpdateSessionRegistry(true).build());
        TickReport r = g.tick();
        assertThat(steps(r)).containsExactly("LIST_SESSIONS_CACHE:PID1", "LIST_SESSIONS_CACHE:PID2",
                "REGISTRY_UPDATE:PID1", "REGISTRY_UPDATE:PID2");
        assertThat(r.failures()).isEmpty();
        // profiles run concurrently: each profile's calls in order
        assertThat(log.stream().filter(l -> l.startsWith("P1:")))
                .containsExactly("P1:listSessions", "P1:listDesktops", "P1:listMounts");
        assertThat(log.stream().filter(l -> l.startsWith("P2:"))).containsExactly("P2:listSessions", "P2:listDesktops");
        assertThat(g.cache().listSessions("PID1")).contains(c1.sessions);
        assertThat(g.cache().listMounts("PID1")).containsOnlyKeys(N);
        assertThat(r.tick()).isEqualTo(1);
        assertThat(g.lastReport()).contains(r);
    }

    @Test
    void tv54_scheduledRefreshesRunAtEveryInterval() {
        java.time.Instant t0 = clock.instant();
        List<java.time.Instant> cacheTimes = Collections.synchronizedList(new ArrayList<>());
        GuardedProfiles timed = () -> {
            cacheTimes.add(clock.instant());
            return Map.of("PID1", c1);
        };
        guardian = SessionGuardian.builder(registry, timed).options(opts().autoUpdateListSessionsCache(true).build())
                .clock(clock).executor(scheduler).build();
        guardian.start();
        scheduler.advance(Duration.ofSeconds(16));
        assertThat(cacheTimes).containsExactly(t0.plusSeconds(5), t0.plusSeconds(10), t0.plusSeconds(15));
        assertThat(guardian.cache().entry("PID1").orElseThrow().updatedAt()).isEqualTo(t0.plusSeconds(15));
    }

    @Test
    void tv54_autoRegistrationReplacesTheRegistryStep() {
        SessionGuardian g = guardian(opts().autoUpdateListSessionsCache(true).autoUpdateSessionRegistry(true)
                .autoRegisterSessions(true).build());
        assertThat(steps(g.tick())).containsExactly("LIST_SESSIONS_CACHE:PID1", "LIST_SESSIONS_CACHE:PID2",
                "AUTO_REGISTRATION:PID1", "AUTO_REGISTRATION:PID2");
        assertThat(log).containsExactlyInAnyOrder("P1:listSessions", "P2:listSessions");
    }

    @Test
    void tv54_desktopsAndMountsOnlyWithTheSessionsCache() {
        SessionGuardian g = guardian(opts().autoUpdateListDesktopsCache(true).autoUpdateListMountsCache(true)
                .autoUpdateSessionRegistry(true).build());
        assertThat(steps(g.tick())).containsExactly("REGISTRY_UPDATE:PID1", "REGISTRY_UPDATE:PID2");
        assertThat(log).containsExactlyInAnyOrder("P1:listSessions", "P2:listSessions");
        assertThat(g.cache().profileIds()).isEmpty();
    }

    @Test
    void q58_intervalBelowOneSecondIsRejected() {
        assertThatThrownBy(() -> GuardianOptions.builder().refreshInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> GuardianOptions.builder().refreshInterval(Duration.ofMillis(999)).build())
                .isInstanceOf(IllegalArgumentException.class);
        GuardianOptions d = GuardianOptions.defaults();
        assertThat(d.refreshInterval()).isEqualTo(FIVE);
        assertThat(d.autoRegisterSessions() || d.autoUpdateSessionRegistry() || d.autoUpdateListSessionsCache())
                .as("python guardian defaults are all off").isFalse();
        assertThat(d.toBuilder().skipPubappSessions(true).build().skipPubappSessions()).isTrue();
    }

    @Test
    void scheduled_autoRegistersASessionStartedByAnotherClient_withinOneInterval() {
        SessionGuardian g = guardian(opts().autoRegisterSessions(true).build());
        g.start();
        assertThat(g.isRunning()).isTrue();
        scheduler.advance(FIVE);
        assertThat(g.tickCount()).isEqualTo(1);
        assertThat(registry.size()).isZero();

        c1.sessions = list(info(OTHER, ServerSessionStatus.RUNNING)); // another client starts a session
        scheduler.advance(FIVE.minusMillis(1));
        assertThat(registry.size()).as("not before the interval is over").isZero();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(g.tickCount()).isEqualTo(2);
        UUID u = registry.sessionOfSessionName(OTHER).orElseThrow();
        assertThat(registry.origin(u)).isEqualTo(SessionOrigin.DISCOVERED);
        assertThat(registry.require(u).state()).isEqualTo(SessionState.RUNNING);
        assertThat(registry.require(u).profileId()).isEqualTo("PID1");
        assertThat(events.kinds()).containsExactly("REGISTERED/BY_OTHER_CLIENT");
    }

    @Test
    void scheduled_detectsOutsideSuspendAndTerminate_withinOneInterval() {
        UUID u = registry.register("srv", "PID1", "P1");
        Fakes.FakeTerminal t = new Fakes.FakeTerminal(N);
        registry.attachTerminal(u, t);
        registry.markRunning(u);
        events.clear();
        c1.sessions = list(info(N, ServerSessionStatus.RUNNING));
        SessionGuardian g = guardian(opts().autoUpdateListSessionsCache(true).autoUpdateSessionRegistry(true).build());
        g.start();
        scheduler.advance(FIVE);
        assertThat(events.events).isEmpty();

        c1.sessions = list(info(N, ServerSessionStatus.SUSPENDED)); // suspended by another client
        scheduler.advance(FIVE);
        assertThat(events.kinds()).containsExactly("SUSPENDED/BY_SERVER");
        assertThat(registry.require(u).state()).isEqualTo(SessionState.SUSPENDED);
        assertThat(t.closed.get()).isEqualTo(1);

        c1.sessions = SessionList.EMPTY; // terminated from outside
        scheduler.advance(FIVE);
        assertThat(events.kinds()).containsExactly("SUSPENDED/BY_SERVER", "TERMINATED/BY_SERVER");
        assertThat(events.events.get(1).sessionName()).isEqualTo(N);
        assertThat(g.tickCount()).isEqualTo(3);
    }

    @Test
    void ticksInsideOwnSuspendAndTerminateWindowsReportOnlyThisClientsOutcome() {
        UUID u = registry.register("srv", "PID1", "P1");
        registry.attachTerminal(u, new Fakes.FakeTerminal(N));
        registry.markRunning(u);
        events.clear();
        c1.sessions = list(info(N, ServerSessionStatus.RUNNING));
        SessionGuardian g = guardian(opts().autoUpdateListSessionsCache(true).autoRegisterSessions(true).build());
        g.start();

        registry.openOwnOperation(u, org.x2go.registry.OwnOperation.SUSPEND);
        scheduler.advance(FIVE); // the server still lists R: nothing to report
        assertThat(events.events).isEmpty();
        c1.sessions = list(info(N, ServerSessionStatus.SUSPENDED));
        scheduler.advance(FIVE);
        registry.closeOwnOperation(u, true);
        assertThat(events.kinds()).containsExactly("SUSPENDED/BY_THIS_CLIENT");

        registry.openOwnOperation(u, org.x2go.registry.OwnOperation.TERMINATE);
        registry.closeOwnOperation(u, true);
        // the server relists the terminated session as S (x2golistsessions/x2gocleansessions race)
        scheduler.advance(FIVE);
        scheduler.advance(FIVE);
        assertThat(events.kinds()).containsExactly("SUSPENDED/BY_THIS_CLIENT", "TERMINATED/BY_THIS_CLIENT");
        assertThat(registry.sessionOfSessionName(N)).as("not registered again").isEmpty();
    }

    @Test
    void tv53_failingProfileIsLoggedAndRetried_othersStillServed_guardianSurvives() {
        UUID u2 = registry.register("srv", "PID2", "P2", N);
        c1.failure = new IllegalStateException("boom from P1's control session");
        c2.sessions = list(info(N, ServerSessionStatus.RUNNING));
        SessionGuardian g = guardian(opts().autoUpdateListSessionsCache(true).autoUpdateSessionRegistry(true)
                .autoRegisterSessions(false).build());
        g.start();
        scheduler.advance(FIVE);
        TickReport r1 = g.lastReport().orElseThrow();
        assertThat(r1.failures()).extracting(StepOutcome::step, StepOutcome::profileId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Step.LIST_SESSIONS_CACHE, "PID1"),
                org.assertj.core.groups.Tuple.tuple(Step.REGISTRY_UPDATE, "PID1"));
        assertThat(failures).containsExactly("PID1", "PID1");
        assertThat(registry.require(u2).state()).as("P2 still reconciled").isEqualTo(SessionState.RUNNING);

        c1.failure = null; // P1 recovers: the next scheduled refresh serves it again
        scheduler.advance(FIVE);
        assertThat(g.tickCount()).isEqualTo(2);
        assertThat(g.lastReport().orElseThrow().failures()).isEmpty();
        assertThat(g.cache().isCached("PID1")).isTrue();
        assertThat(scheduler.activeTasks()).isEqualTo(1);
    }

    @Test
    void unexpectedFailuresDoNotKillTheSchedule() {
        GuardedProfiles broken = () -> {
            throw new IllegalStateException("profile store gone");
        };
        guardian = SessionGuardian.builder(registry, broken).options(opts().autoRegisterSessions(true).build())
                .clock(clock).executor(scheduler).build();
        guardian.start();
        scheduler.advance(FIVE);
        scheduler.advance(FIVE);
        assertThat(guardian.tickCount()).isEqualTo(2);
        assertThat(guardian.lastReport().orElseThrow().failures()).extracting(StepOutcome::step)
                .containsExactly(Step.CONNECTED_PROFILES);
    }

    @Test
    void adHocProfileAutoRegistrationWorks_tv53Fixed() {
        FakeControl adhoc = new FakeControl("srv", "adhoc", log);
        registry.attachControlSession("adhoc-1", "srv (ad-hoc)", adhoc);
        adhoc.sessions = list(info(OTHER, ServerSessionStatus.SUSPENDED));
        guardian = SessionGuardian.builder(registry, GuardedProfiles.of(registry))
                .options(opts().autoRegisterSessions(true).build()).clock(clock).executor(scheduler).build();
        TickReport r = guardian.tick();
        assertThat(r.failures()).isEmpty();
        assertThat(steps(r)).containsExactly("AUTO_REGISTRATION:PID1", "AUTO_REGISTRATION:PID2",
                "AUTO_REGISTRATION:adhoc-1");
        assertThat(registry.hasSessionOfSessionName(OTHER, "srv (ad-hoc)")).isTrue();
    }

    @Test
    void close_isIdempotent_cancelsTheSchedule_cleansUp() {
        UUID u = registry.register("srv", "PID1", "P1");
        Fakes.FakeTerminal t = new Fakes.FakeTerminal(N);
        Fakes.FakeProxy p = new Fakes.FakeProxy();
        registry.attachTerminal(u, t);
        registry.attachProxy(u, p);
        SessionGuardian g = guardian(opts().autoRegisterSessions(true).build());
        g.start();
        g.close();
        g.close();
        assertThat(g.isClosed()).isTrue();
        assertThat(g.isRunning()).isFalse();
        assertThat(t.closed.get()).isEqualTo(1);
        assertThat(p.closed.get()).isEqualTo(1);
        assertThat(registry.require(u).owned()).isFalse();
        assertThat(scheduler.activeTasks()).isZero();
        assertThat(scheduler.isShutdown()).as("a caller-supplied scheduler is not shut down").isFalse();
        assertThat(g.tick().steps()).isEmpty();
        assertThatThrownBy(g::start).isInstanceOf(IllegalStateException.class);
    }

    /** A control session whose list call signals {@code inList}, then blocks until {@code release}. */
    private FakeControl listBlockingUntil(CountDownLatch inList, CountDownLatch release) {
        return new FakeControl("srv", "B", log) {
            @Override
            public SessionList listSessions() {
                inList.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return SessionList.EMPTY;
            }
        };
    }

    /** Registers a session of profile PID1 and attaches a terminal to it. */
    private Fakes.FakeTerminal registeredWithTerminal() {
        UUID u = registry.register("srv", "PID1", "P1");
        Fakes.FakeTerminal t = new Fakes.FakeTerminal(N);
        registry.attachTerminal(u, t);
        return t;
    }

    @Test
    void closeDuringARefreshDropsItsRemainingWorkAtOnce_thenCleansUp() throws Exception {
        CountDownLatch inList = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeControl blocking = listBlockingUntil(inList, release);
        Fakes.FakeTerminal t = registeredWithTerminal();
        guardian = SessionGuardian.builder(registry, () -> Map.of("PID1", blocking))
                .options(opts().autoUpdateSessionRegistry(true).closeTimeout(Duration.ofSeconds(10)).build())
                .clock(clock).build();
        CompletableFuture<TickReport> tick = CompletableFuture.supplyAsync(guardian::tick);
        try {
            assertThat(inList.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.runAsync(guardian::close).get(1, TimeUnit.SECONDS);
            assertThat(t.closed.get()).as("cleaned up without waiting for the server").isEqualTo(1);
            TickReport r = tick.get(1, TimeUnit.SECONDS);
            assertThat(r.lagOf("PID1")).hasValueSatisfying(l ->
                    assertThat(l.outcome()).isEqualTo(TickReport.ProfileOutcome.CLOSED));
        } finally {
            release.countDown();
        }
    }

    @Test
    void close_isBoundedWhenATickHangs() throws Exception {
        CountDownLatch inList = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeControl hanging = listBlockingUntil(inList, release);
        Fakes.FakeTerminal t = registeredWithTerminal();
        guardian = SessionGuardian.builder(registry, () -> Map.of("PID1", hanging))
                .options(opts().autoUpdateSessionRegistry(true).closeTimeout(Duration.ofMillis(200)).build())
                .clock(clock).build();
        CompletableFuture<TickReport> tick = CompletableFuture.supplyAsync(guardian::tick);
        try {
            assertThat(inList.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.runAsync(guardian::close).get(5, TimeUnit.SECONDS);
            assertThat(t.closed.get()).as("clean-up ran after the bounded wait").isEqualTo(1);
        } finally {
            release.countDown();
            tick.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void realScheduler_runsTicksOnItsOwnThread_andStopsOnClose() throws Exception {
        CountDownLatch twoTicks = new CountDownLatch(2);
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> daemon = Collections.synchronizedList(new ArrayList<>());
        GuardedProfiles counting = () -> {
            threads.add(Thread.currentThread().getName());
            daemon.add(Thread.currentThread().isDaemon());
            twoTicks.countDown();
            return Map.of();
        };
        guardian = SessionGuardian.builder(registry, counting)
                .options(GuardianOptions.builder().refreshInterval(Duration.ofSeconds(1)).build()).build();
        guardian.start();
        guardian.start(); // idempotent: still one schedule
        assertThat(twoTicks.await(6, TimeUnit.SECONDS)).isTrue();
        guardian.close();
        assertThat(threads).allMatch(n -> n.startsWith("x2go-guardian-"));
        assertThat(daemon).as("the guardian thread never keeps the JVM alive").containsOnly(true);
        assertThat(threads.stream().distinct().count()).as("one thread per guardian").isEqualTo(1);
        long after = guardian.tickCount();
        assertThat(guardian.tick().steps()).isEmpty();
        assertThat(guardian.tickCount()).isEqualTo(after);
    }

    @Test
    void shutdownHookOnlyOnRequest_andRemovedByClose() {
        SessionGuardian g = guardian(opts().build());
        assertThat(g.hasShutdownHook()).isFalse();
        assertThat(g.registerShutdownHook()).isTrue();
        assertThat(g.registerShutdownHook()).isFalse();
        assertThat(g.hasShutdownHook()).isTrue();
        g.close();
        assertThat(g.hasShutdownHook()).isFalse();
        assertThat(g.registerShutdownHook()).isFalse();
    }

    @Test
    void sharedCacheIsUsedAndStaleProfilesAreDropped() {
        ListSessionsCache shared = new ListSessionsCache(clock);
        shared.update("GONE", c1, true, false, false);
        guardian = SessionGuardian.builder(registry, profiles()).cache(shared)
                .options(opts().autoUpdateListSessionsCache(true).build()).clock(clock).executor(scheduler).build();
        assertThat(guardian.cache()).isSameAs(shared);
        guardian.tick();
        assertThat(shared.profileIds()).containsExactlyInAnyOrder("PID1", "PID2");
    }

    /** A control session of profile PID1 whose list call throws an OutOfMemoryError while {@code oom} is set. */
    private FakeControl outOfMemoryWhile(java.util.concurrent.atomic.AtomicBoolean oom) {
        return new FakeControl("srv", "P1", log) {
            @Override
            public SessionList listSessions() {
                if (oom.get()) {
                    throw new OutOfMemoryError("simulated: Java heap space while listing");
                }
                return super.listSessions();
            }
        };
    }

    @Test
    void anErrorFromAControlSessionIsLoggedAtError_theNextTickStillRuns_andIsRunningStaysTrue() {
        java.util.concurrent.atomic.AtomicBoolean oom = new java.util.concurrent.atomic.AtomicBoolean(true);
        FakeControl failing = outOfMemoryWhile(oom);
        UUID u2 = registry.register("srv", "PID2", "P2", N);
        c2.sessions = list(info(N, ServerSessionStatus.RUNNING));
        guardian = SessionGuardian.builder(registry, () -> {
            Map<String, ControlSession> m = new LinkedHashMap<>();
            m.put("PID1", failing);
            m.put("PID2", c2);
            return m;
        }).options(opts().autoUpdateListSessionsCache(true).autoUpdateSessionRegistry(true).build())
                .clock(clock).executor(scheduler).build();
        guardian.start();
        try (CapturedStderr err = new CapturedStderr()) {
            scheduler.advance(FIVE);
            assertThat(err.text()).contains("ERROR org.x2go.guardian.SessionGuardian")
                    .contains("LIST_SESSIONS_CACHE of profile 'PID1'")
                    .contains("java.lang.OutOfMemoryError: simulated: Java heap space while listing");
        }
        assertThat(scheduler.taskFailures()).as("nothing escaped the scheduled task").isEmpty();
        assertThat(guardian.tickCount()).isEqualTo(1);
        TickReport r1 = guardian.lastReport().orElseThrow();
        assertThat(r1.failures()).extracting(StepOutcome::step, StepOutcome::profileId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Step.LIST_SESSIONS_CACHE, "PID1"),
                org.assertj.core.groups.Tuple.tuple(Step.REGISTRY_UPDATE, "PID1"));
        assertThat(r1.failures().get(0).failure()).containsInstanceOf(OutOfMemoryError.class);
        assertThat(registry.require(u2).state()).as("the other profile was still served").isEqualTo(SessionState.RUNNING);
        assertThat(guardian.isRunning()).isTrue();

        oom.set(false);
        scheduler.advance(FIVE);
        assertThat(guardian.tickCount()).as("the next tick ran").isEqualTo(2);
        assertThat(guardian.lastReport().orElseThrow().failures()).isEmpty();
        assertThat(guardian.isRunning()).isTrue();
        assertThat(scheduler.activeTasks()).isEqualTo(1);
    }

    @Test
    void anErrorFromARegistryListenerIsLoggedAtError_containedByTheRegistry_andTheNextTickStillRuns() {
        java.util.concurrent.atomic.AtomicInteger thrown = new java.util.concurrent.atomic.AtomicInteger();
        registry.addListener(new org.x2go.api.SessionListener() {
            @Override
            public void dispatch(org.x2go.api.SessionEvent event) {
                if (thrown.getAndIncrement() == 0) {
                    throw new OutOfMemoryError("simulated: listener out of memory");
                }
            }
        });
        c1.sessions = list(info(OTHER, ServerSessionStatus.RUNNING));
        SessionGuardian g = guardian(opts().autoRegisterSessions(true).build());
        g.start();
        try (CapturedStderr err = new CapturedStderr()) {
            scheduler.advance(FIVE);
            // since the registry contains a listener's Error itself (it logs it), the tick does not fail
            assertThat(err.text()).contains("ERROR org.x2go.registry.internal.EventDispatcher")
                    .contains("java.lang.OutOfMemoryError: simulated: listener out of memory");
        }
        assertThat(g.lastReport().orElseThrow().failures()).isEmpty();
        assertThat(failures).isEmpty();
        assertThat(registry.hasSessionOfSessionName(OTHER, "P1")).as("registered before the listener ran").isTrue();

        c2.sessions = list(info(N, ServerSessionStatus.SUSPENDED));
        scheduler.advance(FIVE);
        assertThat(g.tickCount()).isEqualTo(2);
        assertThat(registry.hasSessionOfSessionName(N, "P2")).as("the next tick ran and registered").isTrue();
        assertThat(g.isRunning()).isTrue();
        assertThat(scheduler.taskFailures()).isEmpty();
    }

    @Test
    void anErrorAskingForTheConnectedProfilesIsLoggedAtError_andRecordedInTheReport() {
        GuardedProfiles broken = () -> {
            throw new StackOverflowError("simulated: profile store recursion");
        };
        guardian = SessionGuardian.builder(registry, broken).options(opts().autoRegisterSessions(true).build())
                .clock(clock).executor(scheduler).build();
        guardian.start();
        try (CapturedStderr err = new CapturedStderr()) {
            scheduler.advance(FIVE);
            assertThat(err.text()).contains("ERROR org.x2go.guardian.SessionGuardian - guardian: CONNECTED_PROFILES failed")
                    .contains("java.lang.StackOverflowError: simulated: profile store recursion");
        }
        scheduler.advance(FIVE);
        assertThat(guardian.tickCount()).isEqualTo(2);
        assertThat(guardian.lastReport().orElseThrow().failures()).singleElement().satisfies(f -> {
            assertThat(f.step()).isEqualTo(Step.CONNECTED_PROFILES);
            assertThat(f.failure()).containsInstanceOf(StackOverflowError.class);
        });
        assertThat(guardian.isRunning()).isTrue();
    }

    @Test
    void ordinaryStepFailuresAreLoggedAtWarnNotError() {
        c1.failure = new IllegalStateException("boom from P1's control session");
        SessionGuardian g = guardian(opts().autoUpdateListSessionsCache(true).build());
        try (CapturedStderr err = new CapturedStderr()) {
            g.tick();
            assertThat(err.text()).contains("WARN org.x2go.guardian.SessionGuardian")
                    .contains("boom from P1's control session").doesNotContain("ERROR");
        }
    }

    @Test
    void aProfileIdFromTheProfileFileIsEscapedBeforeTheLogSeesIt() {
        c1.failure = new IllegalStateException("boom");
        guardian = SessionGuardian.builder(registry, () -> Map.of("evil\u001b[2J", c1))
                .options(opts().autoUpdateListSessionsCache(true).build()).clock(clock).executor(scheduler).build();
        try (CapturedStderr err = new CapturedStderr()) {
            guardian.tick();
            assertThat(err.text()).contains("LIST_SESSIONS_CACHE of profile 'evil\\x1b[2J' failed")
                    .doesNotContain("\u001b");
        }
    }

    @Test
    void isRunningTurnsFalseWhenTheSuppliedSchedulerEndsTheSchedule() {
        SessionGuardian g = guardian(opts().build());
        g.start();
        assertThat(g.isRunning()).isTrue();
        scheduler.shutdown(); // the caller's executor, shut down behind the guardian's back
        assertThat(g.isRunning()).as("no refresh will ever run again").isFalse();
        assertThat(g.isClosed()).isFalse();
    }

    @Test
    void anErrorOutsideEveryStepIsLoggedAtError_andTheScheduleGoesOn() {
        java.util.concurrent.atomic.AtomicBoolean fail = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.time.Clock failingOnce = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                if (fail.getAndSet(false)) {
                    throw new OutOfMemoryError("simulated: clock");
                }
                return clock.instant();
            }
        };
        guardian = SessionGuardian.builder(registry, profiles()).options(opts().build()).clock(failingOnce)
                .executor(scheduler).build();
        guardian.start();
        try (CapturedStderr err = new CapturedStderr()) {
            scheduler.advance(FIVE);
            assertThat(err.text()).contains("ERROR org.x2go.guardian.SessionGuardian - guardian refresh failed unexpectedly")
                    .contains("java.lang.OutOfMemoryError: simulated: clock");
        }
        assertThat(scheduler.taskFailures()).isEmpty();
        assertThat(guardian.isRunning()).isTrue();
        scheduler.advance(FIVE);
        assertThat(guardian.tickCount()).as("the next refresh ran").isEqualTo(1);
        assertThat(guardian.lastReport()).isPresent();
    }

    @Test
    void aDirectTickReturnsTheReportOfAFailedProfileQuery() {
        guardian = SessionGuardian.builder(registry, () -> {
            throw new IllegalStateException("profile store gone");
        }).options(opts().build()).clock(clock).executor(scheduler).build();
        TickReport r = guardian.tick();
        assertThat(r.tick()).isEqualTo(1);
        assertThat(r.failures()).extracting(StepOutcome::step).containsExactly(Step.CONNECTED_PROFILES);
        assertThat(guardian.lastReport()).contains(r);
    }

    @Test
    void accessorsBeforeAndAfterClose() {
        GuardianOptions o = opts().autoRegisterSessions(true).build();
        SessionGuardian g = guardian(o);
        assertThat(g.options()).isSameAs(o);
        assertThat(g.isClosed()).isFalse();
        assertThat(g.isRunning()).as("not before start").isFalse();
        assertThat(g.lastReport()).isEmpty();
        g.close();
        assertThat(g.isClosed()).isTrue();
    }

    @Test
    void closingAnIdleGuardianDoesNotWarnAboutARunningRefresh() {
        SessionGuardian g = guardian(opts().build());
        g.start();
        try (CapturedStderr err = new CapturedStderr()) {
            g.close();
            assertThat(err.text()).doesNotContain("still running");
        }
    }

    @Test
    void aTickWaitingBehindARunningOneWhileTheGuardianClosesDoesNothing() throws Exception {
        CountDownLatch inList = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeControl blocking = listBlockingUntil(inList, release);
        guardian = SessionGuardian.builder(registry, () -> Map.of("PID1", blocking))
                .options(opts().autoUpdateSessionRegistry(true).closeTimeout(Duration.ofSeconds(10)).build())
                .clock(clock).build();
        CompletableFuture<TickReport> first = CompletableFuture.supplyAsync(guardian::tick);
        assertThat(inList.await(5, TimeUnit.SECONDS)).isTrue();
        java.util.concurrent.atomic.AtomicReference<TickReport> second = new java.util.concurrent.atomic.AtomicReference<>();
        Thread waiting = new Thread(() -> second.set(guardian.tick()), "second-tick");
        waiting.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiting.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the second tick is parked on the refresh lock
        }
        assertThat(waiting.getState()).isEqualTo(Thread.State.WAITING);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(guardian::close);
        while (!guardian.isClosed() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(guardian.isClosed()).isTrue();
        release.countDown();
        closing.get(5, TimeUnit.SECONDS);
        first.get(5, TimeUnit.SECONDS);
        waiting.join(5_000);
        assertThat(second.get()).isNotNull();
        assertThat(second.get().steps()).as("nothing refreshed after close").isEmpty();
        assertThat(guardian.tickCount()).isEqualTo(1);
    }

    @Test
    void closeFromInsideAScheduledRefreshDoesNotWaitForItsOwnThread() throws Exception {
        CountDownLatch closedInside = new CountDownLatch(1);
        GuardedProfiles closing = () -> {
            guardian.close(); // e.g. a client shutting down from a callback on the guardian thread
            closedInside.countDown();
            return Map.of();
        };
        guardian = SessionGuardian.builder(registry, closing)
                .options(GuardianOptions.builder().refreshInterval(Duration.ofSeconds(1))
                        .closeTimeout(Duration.ofSeconds(30)).build()).build();
        guardian.start();
        assertThat(closedInside.await(10, TimeUnit.SECONDS)).as("close returned within the refresh, not after "
                + "the 30 s close timeout").isTrue();
        assertThat(guardian.isClosed()).isTrue();
        assertThat(guardian.isRunning()).isFalse();
    }
}
