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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.guardian.TickReport.ProfileOutcome;
import org.x2go.guardian.TickReport.Step;
import org.x2go.guardian.TickReport.StepOutcome;
import org.x2go.registry.Fakes;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.SessionRegistry;
import org.x2go.spi.ControlSession;

/**
 * The guardian refreshes profiles concurrently (issue 17): the bound on concurrency, a stuck server
 * delaying only itself, and a close during a refresh. Latches, no sleeps; the only waits are bounded.
 */
class ConcurrentRefreshTest {
    static final Duration FIVE = Duration.ofSeconds(5);

    final Fakes.ManualClock clock = new Fakes.ManualClock();
    final SessionRegistry registry = new SessionRegistry(clock, Runnable::run);
    final Fakes.Recorder events = new Fakes.Recorder();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final Map<String, ControlSession> connected = new LinkedHashMap<>();
    SessionGuardian guardian;

    ConcurrentRefreshTest() {
        registry.addListener(events);
    }

    @AfterEach
    void tearDown() {
        if (guardian != null) {
            guardian.close();
        }
        registry.close();
    }

    /** A fake control whose list call runs {@code body} (which may block) and then lists {@code sessions}. */
    FakeControl control(String name, Runnable body) {
        return new FakeControl("srv", name, log) {
            @Override
            public SessionList listSessions() {
                body.run();
                return super.listSessions();
            }
        };
    }

    FakeControl profile(String id, FakeControl c) {
        registry.attachControlSession(id, "name-" + id, c);
        connected.put(id, c);
        return c;
    }

    SessionGuardian guardian(GuardianOptions o) {
        guardian = SessionGuardian.builder(registry, new GuardedProfiles() {
            @Override
            public Map<String, ControlSession> connectedProfiles() {
                return connected;
            }

            @Override
            public void onRefreshFailure(String profileId, Throwable failure) {
                failures.add(profileId);
            }
        }).options(o).clock(clock).build();
        return guardian;
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void pollUntil(Supplier<Boolean> done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void optionsBoundTheConcurrencyAndThePerProfileTimeout() {
        GuardianOptions d = GuardianOptions.defaults();
        assertThat(d.maxConcurrentRefreshes()).isEqualTo(16);
        assertThat(d.profileTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new GuardianOptions(false, false, false, true, false, false, FIVE, FIVE).maxConcurrentRefreshes())
                .as("the old constructor keeps the defaults").isEqualTo(16);
        assertThatThrownBy(() -> GuardianOptions.builder().maxConcurrentRefreshes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> GuardianOptions.builder().maxConcurrentRefreshes(1025).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1025");
        assertThatThrownBy(() -> GuardianOptions.builder().profileTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        GuardianOptions o = d.toBuilder().maxConcurrentRefreshes(3).profileTimeout(FIVE).build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void atMostTheConfiguredNumberOfProfilesAreRefreshedAtOnce_andTheBoundIsReached() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch threeInside = new CountDownLatch(3);
        Runnable body = () -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            threeInside.countDown();
            await(threeInside); // the first three wait for each other: only concurrent refreshes get past
            inside.decrementAndGet();
        };
        for (int i = 0; i < 12; i++) {
            profile("PID" + i, control("P" + i, body)).sessions = list(info("u-" + (50 + i) + "-1700000000_stDKDE_dp24",
                    ServerSessionStatus.RUNNING));
        }
        TickReport r = guardian(GuardianOptions.builder().refreshInterval(FIVE).autoRegisterSessions(true)
                .maxConcurrentRefreshes(3).build()).tick();
        assertThat(most.get()).isEqualTo(3);
        assertThat(r.failures()).isEmpty();
        assertThat(registry.size()).as("every profile's session registered").isEqualTo(12);
        assertThat(r.steps()).extracting(StepOutcome::profileId).as("in the order of the connected profiles")
                .containsExactlyElementsOf(connected.keySet());
        assertThat(r.profiles()).hasSize(12).allSatisfy(l -> assertThat(l.outcome()).isEqualTo(ProfileOutcome.DONE));
    }

    @Test
    void aProfileWhoseListBlocksDoesNotDelayTheOthers_andIsReportedAsTimedOut() throws Exception {
        CountDownLatch stuckIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger stuckCalls = new AtomicInteger();
        String late = "u-90-1700000000_stDKDE_dp24";
        FakeControl stuck = control("S", () -> {
            if (stuckCalls.incrementAndGet() == 1) {
                stuckIn.countDown();
                await(release);
            }
        });
        profile("PID1", control("P1", () -> { })).sessions = list(info("u-51-1700000000_stDKDE_dp24",
                ServerSessionStatus.RUNNING));
        profile("STUCK", stuck).sessions = list(info(late, ServerSessionStatus.RUNNING));
        profile("PID3", control("P3", () -> { })).sessions = list(info("u-53-1700000000_stDKDE_dp24",
                ServerSessionStatus.SUSPENDED));
        guardian(GuardianOptions.builder().refreshInterval(FIVE).autoRegisterSessions(true)
                .profileTimeout(Duration.ofMillis(300)).build());
        try {
            TickReport r = CompletableFuture.supplyAsync(guardian::tick).get(5, TimeUnit.SECONDS);
            assertThat(stuckIn.getCount()).isZero();
            assertThat(registry.hasSessionOfSessionName("u-51-1700000000_stDKDE_dp24", "name-PID1")).isTrue();
            assertThat(registry.hasSessionOfSessionName("u-53-1700000000_stDKDE_dp24", "name-PID3")).isTrue();
            assertThat(r.failures()).singleElement().satisfies(f -> {
                assertThat(f.step()).isEqualTo(Step.AUTO_REGISTRATION);
                assertThat(f.profileId()).isEqualTo("STUCK");
                assertThat(f.failure()).containsInstanceOf(X2GoTimeOutException.class);
            });
            assertThat(failures).containsExactly("STUCK");
            assertThat(r.lagOf("STUCK").orElseThrow().outcome()).isEqualTo(ProfileOutcome.TIMED_OUT);
            assertThat(r.lagOf("STUCK").orElseThrow().took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(r.lagOf("PID1").orElseThrow().outcome()).isEqualTo(ProfileOutcome.DONE);
            assertThat(r.slowest().orElseThrow().profileId()).isEqualTo("STUCK");

            // the next refresh does not call the stuck server again while its call is out
            clock.advance(FIVE);
            TickReport r2 = guardian.tick();
            assertThat(r2.lagOf("STUCK").orElseThrow().outcome()).isEqualTo(ProfileOutcome.STILL_RUNNING);
            assertThat(r2.lagOf("PID3").orElseThrow().outcome()).isEqualTo(ProfileOutcome.DONE);
            assertThat(stuckCalls.get()).isEqualTo(1);
        } finally {
            release.countDown();
        }
        // the late answer listed a session; from now on the server lists none
        stuck.sessions = SessionList.EMPTY;
        pollUntil(() -> {
            clock.advance(FIVE);
            return guardian.tick().lagOf("STUCK").orElseThrow().outcome() == ProfileOutcome.DONE;
        }, "the stuck profile refreshed again");
        assertThat(stuckCalls.get()).isEqualTo(2);
        assertThat(events.events).extracting(e -> e.sessionName()).as("the late answer was dropped").doesNotContain(late);
    }

    @Test
    void closeDuringARefreshReturnsWithinOneSecond_dropsTheRest_andLogsOneLine() throws Exception {
        CountDownLatch twoIn = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Runnable blocking = () -> {
            twoIn.countDown();
            await(release);
            // what a connection closed under a running call does
            throw new IllegalStateException("connection closed by close()");
        };
        profile("PID1", control("P1", blocking));
        profile("PID2", control("P2", blocking));
        FakeControl third = profile("PID3", control("P3", () -> { }));
        guardian(GuardianOptions.builder().refreshInterval(FIVE).autoUpdateListSessionsCache(true)
                .autoRegisterSessions(true).maxConcurrentRefreshes(2).profileTimeout(Duration.ofSeconds(30))
                .closeTimeout(Duration.ofSeconds(10)).build());
        Fakes.FakeTerminal t = new Fakes.FakeTerminal("u-50-1700000000_stDKDE_dp24");
        registry.attachTerminal(registry.register("srv", "PID1", "name-PID1"), t);
        String text;
        TickReport r;
        try (CapturedStderr err = new CapturedStderr()) {
            CompletableFuture<TickReport> tick = CompletableFuture.supplyAsync(guardian::tick);
            try {
                await(twoIn);
                long t0 = System.nanoTime();
                CompletableFuture.runAsync(guardian::close).get(5, TimeUnit.SECONDS);
                r = tick.get(5, TimeUnit.SECONDS);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("close and the refresh end within 1 s")
                        .isLessThan(Duration.ofSeconds(1));
                assertThat(t.closed.get()).isEqualTo(1);
            } finally {
                release.countDown();
            }
            // the dropped calls now fail (their connections "closed"); wait until their threads are done
            for (Thread th : Thread.getAllStackTraces().keySet()) {
                if (th.getName().startsWith("x2go-guardian-") && th.getName().contains("-refresh-")) {
                    th.join(5_000);
                }
            }
            text = err.text();
        }
        assertThat(third.listCalls.get()).as("the profile not yet started never runs").isZero();
        assertThat(r.profiles()).extracting(TickReport.ProfileLag::outcome).containsOnly(ProfileOutcome.CLOSED);
        assertThat(failures).as("no failure reported for dropped work").isEmpty();
        List<String> lines = text.lines().filter(l -> l.contains("org.x2go.guardian")).toList();
        assertThat(lines).singleElement().asString()
                .contains("guardian closed during refresh 1: dropped the remaining work of 3 of 3 profiles");
        assertThat(text).doesNotContain("AUTO_REGISTRATION").doesNotContain("WARN");
    }
}
