package org.x2go.bench;

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
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionList;
import org.x2go.registry.SessionRegistry;
import org.x2go.registry.StatusTarget;

/**
 * W4 (WORKLOADS.md §4): one forced status update of all n records of profile 0 with the parsed
 * W4-after list (10 % R→S, 5 % gone). Fresh, primed fixture per invocation (untimed); the events
 * fired are counted and checked after every invocation, so a no-op cannot pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 500)
@Measurement(iterations = 50)
public class W4Bench {

    /** Records of profile 0. */
    @Param({"100", "1000"})
    public int n;

    private SessionList before;
    private SessionList after;
    private Fixtures.Fixture fixture;
    private int reconciled;

    /** Creates the state (JMH). */
    public W4Bench() {
    }

    /** Parses both lists once. */
    @Setup(Level.Trial)
    public void parseLists() {
        before = Fixtures.PARSER.parse(Workloads.listText(n, Workloads.Pattern.W4_BEFORE, Workloads.serverName(0)));
        after = Fixtures.PARSER.parse(Workloads.listText(n, Workloads.Pattern.W4_AFTER, Workloads.serverName(0)));
    }

    /** A fresh primed fixture for every invocation. */
    @Setup(Level.Iteration)
    public void freshFixture() {
        fixture = Fixtures.w4(n, before);
    }

    /** @return the number of records reconciled */
    @Benchmark
    public int update() {
        reconciled = fixture.registry().updateStatus(StatusTarget.profileName(Workloads.profileName(0)), after, true, false);
        return reconciled;
    }

    /** Checks the events and states of the invocation. */
    @TearDown(Level.Iteration)
    public void verify() {
        check();
    }

    /**
     * @return python's check text, {@code hooks_suspended=…,hooks_terminated=…,size_after=…}
     * @throws BenchCheckFailed unless exactly n/10 SUSPENDED and n/20 TERMINATED events fired, no
     *                          other, n/10 records are suspended and the registry holds n − n/20 + 1
     */
    public String check() {
        SessionRegistry reg = fixture.registry();
        EventCounter ev = fixture.events();
        int expS = Workloads.count(n, Workloads.Pattern.W4_AFTER, "S");
        int expGone = Workloads.countGone(n);
        int susp = ev.count(SessionEvent.Kind.SUSPENDED);
        int term = ev.count(SessionEvent.Kind.TERMINATED);
        BenchCheckFailed.expect(reconciled == n && susp == expS && term == expGone && ev.total() == susp + term,
                "W4 events " + ev.snapshot() + ", reconciled " + reconciled);
        BenchCheckFailed.expect(reg.suspendedSessions().size() == expS, "W4 suspended " + reg.suspendedSessions().size());
        BenchCheckFailed.expect(reg.size() == n - expGone + 1, "W4 registry size " + reg.size());
        return "hooks_suspended=" + susp + ",hooks_terminated=" + term + ",size_after=" + reg.size();
    }
}
