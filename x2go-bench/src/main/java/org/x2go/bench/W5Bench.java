package org.x2go.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionSummary;
import org.x2go.registry.SessionRegistry;

/**
 * W5 (WORKLOADS.md §4): auto-register all n server sessions of profile 0 (the guardian's path,
 * {@link SessionRegistry#registerAvailableServerSessions}) into a fresh registry holding one
 * connected record of the profile. Fresh fixture per invocation (untimed), checked after every
 * invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 500)
@Measurement(iterations = 50)
public class W5Bench {

    /** Sessions on the fake server. */
    @Param({"100", "1000"})
    public int n;

    private SessionList serverList;
    private Fixtures.Fixture fixture;
    private List<UUID> created = List.of();

    /** Creates the state (JMH). */
    public W5Bench() {
    }

    /** Parses the server's list once. */
    @Setup(Level.Trial)
    public void parseList() {
        serverList = Fixtures.PARSER.parse(Workloads.listText(n, Workloads.Pattern.W1, Workloads.serverName(0)));
    }

    /** A fresh registry for every invocation. */
    @Setup(Level.Iteration)
    public void freshFixture() {
        fixture = Fixtures.w5(serverList);
    }

    /** @return the UUIDs of the records created */
    @Benchmark
    public List<UUID> autoreg() {
        created = fixture.registry().registerAvailableServerSessions(Workloads.profileId(0), serverList, false, false, false);
        return created;
    }

    /** Checks the records and events of the invocation. */
    @TearDown(Level.Iteration)
    public void verify() {
        check();
    }

    /**
     * @return python's check text with Java's event and list-call counts,
     *         {@code registered=…,R=…,S=…,list_calls=0,registered_events=…,other_events=0}
     * @throws BenchCheckFailed unless n records named exactly as the list were created, 0.75·n running,
     *                          0.25·n suspended, one REGISTERED event each and no other event
     */
    public String check() {
        SessionRegistry reg = fixture.registry();
        EventCounter ev = fixture.events();
        Set<String> names = new HashSet<>();
        for (SessionSummary s : reg.registeredSessions()) {
            if (!s.sessionName().isEmpty()) {
                names.add(s.sessionName());
            }
        }
        Set<String> listed = new HashSet<>();
        for (SessionInfo i : serverList.sessions()) {
            listed.add(i.name());
        }
        int expS = Workloads.count(n, Workloads.Pattern.W1, "S");
        int run = reg.runningSessions().size();
        int susp = reg.suspendedSessions().size();
        int registeredEvents = ev.count(SessionEvent.Kind.REGISTERED);
        int calls = fixture.controls()[0].listCalls();
        BenchCheckFailed.expect(created.size() == n && reg.size() == n + 1 && names.equals(listed),
                "W5 created " + created.size() + ", size " + reg.size());
        BenchCheckFailed.expect(run == n - expS && susp == expS, "W5 states R=" + run + " S=" + susp);
        BenchCheckFailed.expect(registeredEvents == n && ev.total() == n && calls == 0,
                "W5 events " + ev.snapshot() + ", list calls " + calls);
        return "registered=" + created.size() + ",R=" + run + ",S=" + susp + ",list_calls=" + calls
                + ",registered_events=" + registeredEvents + ",other_events=" + (ev.total() - registeredEvents);
    }
}
