package org.x2go.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.x2go.registry.SessionRegistry;

/**
 * W2 (WORKLOADS.md §4): on the W3 fixture of n records, one invocation is 20 consecutive
 * registrations of index n + j into profile (n + j) mod 10 with session name {@code sessionName(n + j)};
 * one op = one registration. The 20 records are forgotten afterwards (untimed) and checked.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class W2Bench {

    /** Registrations per invocation. */
    public static final int BATCH = 20;

    /** Records in the fixture. */
    @Param({"100", "1000", "10000"})
    public int n;

    private Fixtures.Fixture fixture;
    private List<UUID> batch = new ArrayList<>();

    /** Creates the state (JMH). */
    public W2Bench() {
    }

    /** Builds the W3 fixture once per trial. */
    @Setup(Level.Trial)
    public void setup() {
        fixture = Fixtures.w3(n);
    }

    /** @return the 20 new UUIDs */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<UUID> register() {
        SessionRegistry reg = fixture.registry();
        List<UUID> out = new ArrayList<>(BATCH);
        for (int j = 0; j < BATCH; j++) {
            int i = n + j;
            int p = i % Workloads.PROFILES;
            out.add(reg.register(Workloads.serverName(p), Workloads.profileId(p), Workloads.profileName(p),
                    Workloads.sessionName(i)));
        }
        batch = out;
        return out;
    }

    /** Checks the batch and forgets it, restoring the fixture. */
    @TearDown(Level.Invocation)
    public void checkAndForget() {
        check();
        for (UUID u : batch) {
            fixture.registry().forget(u);
        }
        BenchCheckFailed.expect(fixture.registry().size() == n, "W2 teardown: size " + fixture.registry().size());
        batch = new ArrayList<>();
    }

    /**
     * @return python's check text, {@code registered=20,size_after=…}
     * @throws BenchCheckFailed unless 20 distinct records were added, the last named {@code sessionName(n+19)}
     */
    public String check() {
        SessionRegistry reg = fixture.registry();
        BenchCheckFailed.expect(batch.size() == BATCH && new HashSet<>(batch).size() == BATCH
                && reg.size() == n + BATCH, "W2 registered " + batch.size() + ", size " + reg.size());
        UUID last = batch.get(BATCH - 1);
        BenchCheckFailed.expect(reg.require(last).sessionName().equals(Workloads.sessionName(n + BATCH - 1))
                && reg.isVirgin(last), "W2 last record " + reg.require(last));
        return "registered=" + batch.size() + ",size_after=" + reg.size();
    }
}
