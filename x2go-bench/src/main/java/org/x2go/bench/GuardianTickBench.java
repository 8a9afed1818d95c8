package org.x2go.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.x2go.api.SessionList;
import org.x2go.guardian.GuardedProfiles;
import org.x2go.guardian.GuardianOptions;
import org.x2go.guardian.SessionGuardian;
import org.x2go.guardian.TickReport;
import org.x2go.registry.SessionRegistry;

/**
 * One guardian refresh ({@link SessionGuardian#tick()}, synchronous on the calling thread) over
 * {@code profiles} connected profiles with {@code sessions} server sessions each (default 100 × 50),
 * every profile on its own in-memory {@link BenchControlSession}. Options as a client runs the
 * guardian: list-sessions cache, registry update and auto-registration on. The first tick (in setup)
 * registers all sessions; measured ticks are the steady state: each lists every profile once,
 * reconciles its 50 records and finds nothing new. A manual clock moves 5 s per tick so the
 * auto-registration throttle never skips the work. Every tick is checked (one list call per profile,
 * no failed step, registry size unchanged).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class GuardianTickBench {

    /** Refresh interval the clock advances per tick. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    /** Connected profiles. */
    @Param({"100"})
    public int profiles;

    /** Server sessions per profile. */
    @Param({"50"})
    public int sessions;

    private ManualClock clock;
    private SessionRegistry registry;
    private SessionGuardian guardian;
    private BenchControlSession[] controls;
    private TickReport last;
    private long callsBefore;

    /** Creates the state (JMH). */
    public GuardianTickBench() {
    }

    /** Connects the profiles, runs the first (registering) tick and checks it. */
    @Setup(Level.Trial)
    public void setup() {
        clock = new ManualClock(Instant.parse("2026-11-21T23:45:31Z"));
        registry = new SessionRegistry(clock, Runnable::run);
        controls = new BenchControlSession[profiles];
        for (int p = 0; p < profiles; p++) {
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < sessions; j++) {
                int i = p * sessions + j;
                text.append(Workloads.line(i, Workloads.Pattern.W1.status(i), Workloads.serverName(p))).append('\n');
            }
            SessionList l = Fixtures.PARSER.parse(text.toString());
            controls[p] = new BenchControlSession(Workloads.serverName(p), l);
            registry.attachControlSession(Workloads.profileId(p), Workloads.profileName(p), controls[p]);
        }
        guardian = SessionGuardian.builder(registry, GuardedProfiles.of(registry))
                .clock(clock)
                .options(GuardianOptions.builder()
                        .autoUpdateListSessionsCache(true)
                        .autoUpdateSessionRegistry(true)
                        .autoRegisterSessions(true)
                        .refreshInterval(INTERVAL)
                        .build())
                .build();
        callsBefore = listCalls();
        last = guardian.tick();
        BenchCheckFailed.expect(registry.size() == profiles * sessions, "first tick registered " + registry.size()
                + " of " + profiles * sessions);
        check();
    }

    /** @return the report of one steady-state tick */
    @Benchmark
    public TickReport tick() {
        clock.advance(INTERVAL);
        callsBefore = listCalls();
        last = guardian.tick();
        return last;
    }

    /** Checks the last tick of the iteration. */
    @TearDown(Level.Iteration)
    public void verify() {
        check();
    }

    /** Closes the guardian. */
    @TearDown(Level.Trial)
    public void close() {
        guardian.close();
        registry.close();
    }

    /**
     * @return a check text, {@code steps=…,failures=0,list_calls=…,size=…,R=…,S=…}
     * @throws BenchCheckFailed unless the last tick listed every profile exactly once, ran a cache and
     *                          an auto-registration step per profile without failure, and the registry
     *                          still holds every session in its listed state
     */
    public String check() {
        long calls = listCalls() - callsBefore;
        int expS = 0;
        for (int i = 0; i < profiles * sessions; i++) {
            expS += "S".equals(Workloads.Pattern.W1.status(i)) ? 1 : 0;
        }
        BenchCheckFailed.expect(last.steps().size() == 2 * profiles,
                "tick steps " + last.steps().size());
        BenchCheckFailed.expect(last.failures().isEmpty(), "tick failures " + last.failures());
        BenchCheckFailed.expect(calls == profiles, "tick list calls " + calls + " != " + profiles);
        int run = registry.runningSessions().size();
        int susp = registry.suspendedSessions().size();
        BenchCheckFailed.expect(registry.size() == profiles * sessions && susp == expS
                && run == profiles * sessions - expS, "registry after tick: size " + registry.size() + " R=" + run + " S=" + susp);
        return "steps=" + last.steps().size() + ",failures=0,list_calls=" + calls + ",size=" + registry.size()
                + ",R=" + run + ",S=" + susp;
    }

    private long listCalls() {
        long c = 0;
        for (BenchControlSession cs : controls) {
            c += cs.listCalls();
        }
        return c;
    }

}
