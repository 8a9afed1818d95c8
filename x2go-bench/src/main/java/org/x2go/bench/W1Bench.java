package org.x2go.bench;

import java.util.Map;
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
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;

/**
 * W1 (WORKLOADS.md §4): parse the W1 list text of n lines with the PLAIN
 * {@link org.x2go.spi.SessionListParser}; look the last line's session up by name
 * ({@link SessionList#byName}) and by display (a linear scan, as python's {@code get_session_with}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class W1Bench {

    /** Lines in the list. */
    @Param({"1", "100", "10000"})
    public int n;

    private String text;
    private SessionList parsed;
    private Map<String, SessionInfo> byName;
    private String lastName;
    private int lastDisplay;

    /** Creates the state (JMH). */
    public W1Bench() {
    }

    /** Generates the input and checks one parse. */
    @Setup
    public void setup() {
        text = Workloads.listText(n, Workloads.Pattern.W1, Workloads.serverName(0));
        parsed = Fixtures.PARSER.parse(text);
        checkParse(parsed, n);
        byName = parsed.asMap();
        lastName = Workloads.sessionName(n - 1);
        lastDisplay = Workloads.BASE_DISPLAY + n - 1;
        checkLast(lookup(), n);
        checkLast(bydisplay(), n);
        checkLast(lookupInMap(), n);
    }

    /** @return W1-parse: the whole text parsed */
    @Benchmark
    public SessionList parse() {
        return Fixtures.PARSER.parse(text);
    }

    /** @return W1-lookup: the last line's session by name, through the API's {@link SessionList#byName} */
    @Benchmark
    public SessionInfo lookup() {
        return parsed.byName(lastName).orElse(null);
    }

    /**
     * Extra, Java only: the same lookup in the name map ({@link SessionList#asMap()}, built once
     * outside the timed region), i.e. what an indexed {@code byName} would cost.
     *
     * @return the last line's session
     */
    @Benchmark
    public SessionInfo lookupInMap() {
        return byName.get(lastName);
    }

    /** @return W1-bydisplay: the last line's session by display number, a linear scan */
    @Benchmark
    public SessionInfo bydisplay() {
        for (SessionInfo s : parsed.sessions()) {
            if (s.display() == lastDisplay) {
                return s;
            }
        }
        return null;
    }

    /**
     * @param l a parsed W1 list
     * @param n its size
     * @return python's check text, {@code sessions=…,R=…,S=…,portsum=…}
     * @throws BenchCheckFailed when counts or the port sum differ from WORKLOADS.md
     */
    public static String checkParse(SessionList l, int n) {
        int r = 0;
        int s = 0;
        long ports = 0;
        for (SessionInfo i : l.sessions()) {
            r += i.isRunning() ? 1 : 0;
            s += i.isSuspended() ? 1 : 0;
            ports += i.graphicsPort() + i.soundPort() + i.sshfsPort();
        }
        int expS = Workloads.count(n, Workloads.Pattern.W1, "S");
        BenchCheckFailed.expect(l.size() == n && s == expS && r == n - expS && l.skippedLines().isEmpty(),
                "W1 parse counts: sessions=" + l.size() + " R=" + r + " S=" + s + " (n=" + n + ")");
        BenchCheckFailed.expect(ports == Workloads.expectedPortSum(n), "W1 port sum " + ports);
        return "sessions=" + l.size() + ",R=" + r + ",S=" + s + ",portsum=" + ports;
    }

    /**
     * @param found the looked-up session
     * @param n     the list size
     * @return python's check text, {@code pid=…}
     * @throws BenchCheckFailed when it is not the last line's session
     */
    public static String checkLast(SessionInfo found, int n) {
        BenchCheckFailed.expect(found != null && found.agentPid() == Workloads.BASE_PID + n - 1
                && found.name().equals(Workloads.sessionName(n - 1)), "W1 lookup found " + found);
        return "pid=" + found.agentPid();
    }
}
