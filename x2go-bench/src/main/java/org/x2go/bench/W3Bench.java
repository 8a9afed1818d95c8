package org.x2go.bench;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.registry.SessionRegistry;
import org.x2go.registry.SessionSelection;

/**
 * W3 (WORKLOADS.md §4): read-only registry queries on the W3 fixture of n records (50 % running,
 * 30 % suspended, 20 % registered only, over 10 profiles). One op = one query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class W3Bench {

    /** The profile {@link #runningOfProfile()} asks for. */
    public static final int QUERIED_PROFILE = 3;

    /** Records in the fixture. */
    @Param({"100", "1000", "10000"})
    public int n;

    private SessionRegistry reg;
    private Fixtures.Fixture fixture;
    private int t;
    private String tName;
    private UUID tUuid;
    private String profile;

    /** Creates the state (JMH). */
    public W3Bench() {
    }

    /** Builds the fixture and checks every query once. */
    @Setup
    public void setup() {
        fixture = Fixtures.w3(n);
        reg = fixture.registry();
        t = -1;
        for (int i = 0; i < n; i++) {
            if (Workloads.W3State.of(i) == Workloads.W3State.RUNNING) {
                t = i;
            }
        }
        tName = Workloads.sessionName(t);
        tUuid = fixture.uuids().get(t);
        profile = Workloads.profileName(QUERIED_PROFILE);
        checkAll();
    }

    /** @return W3-running_sessions: the RUNNING records (python default: record objects) */
    @Benchmark
    public SessionSelection runningSessions() {
        return reg.runningSessions();
    }

    /** @return W3-suspended_names: names of the SUSPENDED records */
    @Benchmark
    public List<String> suspendedNames() {
        return reg.suspendedSessions().sessionNames();
    }

    /** @return W3-running_of_profile: RUNNING records of {@code bench-profile-03} */
    @Benchmark
    public SessionSelection runningOfProfile() {
        return reg.runningSessionsOfProfileName(profile);
    }

    /** @return W3-get_by_name: the UUID of record t by its session name */
    @Benchmark
    public Optional<UUID> getByName() {
        return reg.sessionOfSessionName(tName);
    }

    /** @return W3-session_summary: record t's snapshot */
    @Benchmark
    public Optional<SessionSummary> sessionSummary() {
        return reg.summary(tUuid);
    }

    /** @return W3-has_running */
    @Benchmark
    public boolean hasRunning() {
        return reg.hasRunningSessions();
    }

    /**
     * Runs every query once and checks it against WORKLOADS.md.
     *
     * @return python's check texts joined by {@code ;}
     * @throws BenchCheckFailed on any wrong answer
     */
    public String checkAll() {
        int run = 0;
        int susp = 0;
        int runP = 0;
        for (int i = 0; i < n; i++) {
            Workloads.W3State st = Workloads.W3State.of(i);
            run += st == Workloads.W3State.RUNNING ? 1 : 0;
            susp += st == Workloads.W3State.SUSPENDED ? 1 : 0;
            runP += st == Workloads.W3State.RUNNING && i % Workloads.PROFILES == QUERIED_PROFILE ? 1 : 0;
        }
        SessionSelection r = runningSessions();
        BenchCheckFailed.expect(r.size() == run && r.size() == n / 2
                && r.stream().allMatch(s -> s.state() == SessionState.RUNNING), "W3 running_sessions " + r.size());
        List<String> sn = suspendedNames();
        BenchCheckFailed.expect(sn.size() == susp && sn.size() == n * 3 / 10, "W3 suspended names " + sn.size());
        SessionSelection rp = runningOfProfile();
        BenchCheckFailed.expect(rp.size() == runP && rp.size() == n / 20
                && rp.stream().allMatch(s -> s.profileName().equals(profile)), "W3 running of profile " + rp.size());
        BenchCheckFailed.expect(getByName().equals(Optional.of(tUuid)), "W3 get_by_name " + getByName());
        SessionSummary s = sessionSummary().orElseThrow(() -> new BenchCheckFailed("W3 session_summary empty"));
        BenchCheckFailed.expect(s.uuid().equals(tUuid) && s.sessionName().equals(tName) && s.state() == SessionState.RUNNING
                && s.profileName().equals(Workloads.profileName(t % Workloads.PROFILES)), "W3 session_summary " + s);
        BenchCheckFailed.expect(hasRunning(), "W3 has_running");
        return "len=" + r.size() + ";len=" + sn.size() + ";len=" + rp.size() + ";index=" + t
                + ";state=" + s.state() + ";" + hasRunning();
    }
}
