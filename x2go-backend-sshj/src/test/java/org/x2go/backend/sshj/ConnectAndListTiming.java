package org.x2go.backend.sshj;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.x2go.backend.plain.JschTransport;
import org.x2go.backend.plain.PlainControlSessionProvider;
import org.x2go.backend.plain.PlainSessionListParser;
import org.x2go.spi.ControlSession;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;
import org.x2go.testkit.FakeX2GoServer;

/**
 * Prints connect + one session-list round trip for JSch and sshj against the in-process fake server
 * (median of 20 after 3 warm-ups, same run, interleaved). A measurement, not a timed assertion; tagged
 * {@code timing} so that it can be excluded. Run alone:
 * {@code ./mvnw -pl x2go-backend-sshj test -Dtest=ConnectAndListTiming}.
 */
@Tag("timing")
class ConnectAndListTiming {
    private static final int WARMUP = 3;
    private static final int RUNS = 20;

    @Test
    void printMedians() {
        Map<String, SshTransport> transports = Map.of("JSCH", new JschTransport(), "SSHJ", new SshjTransport());
        Map<String, List<long[]>> samples = Map.of("JSCH", new ArrayList<>(), "SSHJ", new ArrayList<>());
        try (FakeX2GoServer server = FakeX2GoServer.builder().build().start()) {
            server.sessions().startExternally('R', "xterm");
            for (int i = 0; i < WARMUP + RUNS; i++) {
                for (String name : List.of("JSCH", "SSHJ")) {
                    long t0 = System.nanoTime();
                    RemoteShell shell = transports.get(name).connect(server.connectOptions().build());
                    long t1 = System.nanoTime();
                    try (ControlSession cs = new PlainControlSessionProvider().create(shell, new PlainSessionListParser(),
                            java.time.Duration.ofSeconds(10))) {
                        long t2 = System.nanoTime();
                        int n = cs.listSessions().size();
                        long t3 = System.nanoTime();
                        assertThat(n).isEqualTo(1);
                        if (i >= WARMUP) {
                            samples.get(name).add(new long[] {t1 - t0, t3 - t2, t2 - t1});
                        }
                    }
                }
            }
        }
        for (String name : List.of("JSCH", "SSHJ")) {
            List<long[]> s = samples.get(name);
            System.out.printf(Locale.ROOT, "TIMING %s: connect+auth median %.1f ms, one list round trip median %.1f ms, "
                            + "connect+list median %.1f ms (control-session set-up: 3 commands, median %.1f ms; n=%d)%n",
                    name, median(s, 0), median(s, 1), medianSum(s), median(s, 2), s.size());
        }
    }

    private static double median(List<long[]> s, int i) {
        long[] v = s.stream().mapToLong(a -> a[i]).sorted().toArray();
        return mid(v);
    }

    private static double medianSum(List<long[]> s) {
        long[] v = s.stream().mapToLong(a -> a[0] + a[1]).sorted().toArray();
        return mid(v);
    }

    private static double mid(long[] sorted) {
        Arrays.sort(sorted);
        int n = sorted.length;
        double m = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return m / 1e6;
    }
}
