package org.x2go.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

import org.x2go.api.ConnectOptions;
import org.x2go.spi.ControlSession;
import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionListParser;
import org.x2go.spi.SshTransport;
import org.x2go.testkit.FakeX2GoServer;

/**
 * Loopback round trips per SSH transport against an in-process {@link FakeX2GoServer}: the time of one
 * session list on a connected PLAIN control session, and the time of one full connect (SSH connect plus the
 * control session's connect-time set-up). Wall-clock, sequential, one connection at a time; the server runs
 * in the same JVM, so its own work is included in every figure (equally for every transport).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.x2go.bench.RoundTrips [lists] [connects] [TRANSPORT...]}
 * (defaults 2000, 100 and every transport on the class path). Prints one line per transport: median, p90,
 * p99 and mean of each measure, in milliseconds, after a warm-up of a quarter as many again.
 */
public final class RoundTrips {

    private RoundTrips() {
    }

    /**
     * @param args {@code [lists] [connects] [TRANSPORT...]}
     * @throws Exception when the fake server cannot start
     */
    public static void main(String[] args) throws Exception {
        int lists = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int connects = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<String> wanted = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
        List<SshTransport> transports = new ArrayList<>();
        for (SshTransport t : ServiceLoader.load(SshTransport.class)) {
            if (wanted.isEmpty() || wanted.contains(t.name())) {
                transports.add(t);
            }
        }
        ControlSessionProvider plain = ServiceLoader.load(ControlSessionProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("PLAIN")).findFirst().orElseThrow();
        SessionListParser parser = ServiceLoader.load(SessionListParser.class).findFirst().orElseThrow();
        try (FakeX2GoServer server = FakeX2GoServer.builder().build().start()) {
            for (int i = 0; i < 10; i++) {
                server.sessions().startExternally('D', "startxfce4");
            }
            ConnectOptions o = server.connectOptions().build();
            System.out.printf(Locale.ROOT, "%-6s %-8s %8s %8s %8s %8s   (ms; %d lists, %d connects)%n",
                    "", "measure", "p50", "p90", "p99", "mean", lists, connects);
            for (SshTransport t : transports) {
                long[] list = new long[lists];
                try (ControlSession cs = plain.create(t.connect(o), parser, o.commandTimeout())) {
                    for (int i = 0; i < lists / 4; i++) {
                        check(cs.listSessions().sessions().size());
                    }
                    for (int i = 0; i < lists; i++) {
                        long t0 = System.nanoTime();
                        int n = cs.listSessions().sessions().size();
                        list[i] = System.nanoTime() - t0;
                        check(n);
                    }
                }
                long[] connect = new long[connects];
                for (int i = -connects / 4; i < connects; i++) {
                    long t0 = System.nanoTime();
                    RemoteShell shell = t.connect(o);
                    ControlSession cs = plain.create(shell, parser, o.commandTimeout());
                    long took = System.nanoTime() - t0;
                    cs.close();
                    if (i >= 0) {
                        connect[i] = took;
                    }
                }
                print(t.name(), "list", list);
                print(t.name(), "connect", connect);
            }
        }
    }

    private static void check(int sessions) {
        if (sessions != 10) {
            throw new BenchCheckFailed("expected 10 sessions, listed " + sessions);
        }
    }

    private static void print(String transport, String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-6s %-8s %8.3f %8.3f %8.3f %8.3f%n", transport, what, ms(pick(s, 0.5)),
                ms(pick(s, 0.9)), ms(pick(s, 0.99)), mean / 1e6);
    }

    private static long pick(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
