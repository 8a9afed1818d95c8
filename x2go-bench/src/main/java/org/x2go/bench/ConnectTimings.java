package org.x2go.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

import org.x2go.api.ConnectOptions;
import org.x2go.backend.plain.X2GoCommands;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionListParser;
import org.x2go.spi.SshTransport;

/**
 * Connect overhead on a real SSH server (issue 17): repeated connects of one transport in one JVM, each
 * split into the SSH connect (TCP, key exchange, host-key check, user authentication: the transport's
 * {@code connect}), the control session's set-up (one remote command, {@link X2GoCommands#connectSetup()})
 * and close. The set-up command's own run time on the server is measured separately on the same
 * connection (the server's clock around the command), so "overhead" is what the client adds above it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.x2go.bench.ConnectTimings TRANSPORT [connects]} with
 * {@code X2GO_TEST_HOST}, {@code _PORT}, {@code _USER}, {@code _KEY}, {@code _KNOWN_HOSTS} set (as
 * {@code scripts/x2go-test-server env} prints them). The first connect of the JVM is reported apart from
 * the median of the others (class loading and JIT are paid by the first). Host keys are verified
 * (strict). "Client CPU" is the process's CPU time during connect and set-up (every thread: the
 * caller, the transport's I/O threads, JIT and GC). {@code -Dconnect.raw=true} also prints every connect's
 * figures (nanoseconds) on a {@code RAW} line. Add {@code -XX:StartFlightRecording=...} to profile it.
 */
public final class ConnectTimings {

    private ConnectTimings() {
    }

    /**
     * @param args {@code TRANSPORT [connects]}
     */
    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "JSCH";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        ConnectOptions o = ConnectOptions.builder(env("X2GO_TEST_HOST"), env("X2GO_TEST_USER"))
                .port(Integer.parseInt(env("X2GO_TEST_PORT"))).privateKey(Path.of(env("X2GO_TEST_KEY")))
                .knownHosts(Path.of(env("X2GO_TEST_KNOWN_HOSTS"))).build();
        SshTransport transport = ServiceLoader.load(SshTransport.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SSH transport named " + name));
        ControlSessionProvider plain = ServiceLoader.load(ControlSessionProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("PLAIN")).findFirst().orElseThrow();
        SessionListParser parser = ServiceLoader.load(SessionListParser.class).findFirst().orElseThrow();
        // the server's clock around the set-up command, in microseconds, its output discarded
        String serverTimed = "s=$(date +%s%N); { " + X2GoCommands.connectSetup() + "; } >/dev/null 2>&1;"
                + " e=$(date +%s%N); echo $(( (e - s) / 1000 ))";
        List<long[]> rows = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < n; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            RemoteShell shell = transport.connect(o);
            long t1 = System.nanoTime();
            long[] exec = new long[1];
            RemoteShell timed = new TimedShell(shell, exec);
            ControlSession cs = plain.create(timed, parser, o.commandTimeout());
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            if (cs.features().isEmpty()) {
                throw new BenchCheckFailed("no features: not an X2Go server?");
            }
            CommandResult r = shell.exec(serverTimed, Duration.ofSeconds(30));
            long server = Long.parseLong(r.stdout().strip()) * 1000;
            long t3 = System.nanoTime();
            cs.close();
            long t4 = System.nanoTime();
            rows.add(new long[] {t1 - t0, t2 - t1, exec[0], server, t4 - t3, t2 - t0, c2 - c0});
            if (Boolean.getBoolean("connect.raw")) {
                // one line per connect, for medians over several JVMs (ConnectTimings is run side by side)
                System.out.printf(Locale.ROOT, "RAW %s %d %d %d %d %d %d %d %d%n", name, i, t1 - t0, t2 - t1, exec[0],
                        server, t4 - t3, t2 - t0, c2 - c0);
            }
        }
        String[] cols = {"ssh connect", "set-up", "set-up exec", "server cmd", "close", "connect total", "client CPU"};
        System.out.printf(Locale.ROOT, "%-6s %-12s", name, "ms");
        for (String c : cols) {
            System.out.printf(Locale.ROOT, " %14s", c);
        }
        System.out.printf(Locale.ROOT, " %14s%n", "overhead");
        print(name, "first", rows.get(0));
        long[] med = new long[cols.length];
        for (int c = 0; c < cols.length; c++) {
            int col = c;
            long[] v = rows.subList(1, rows.size()).stream().mapToLong(a -> a[col]).sorted().toArray();
            med[c] = v[v.length / 2];
        }
        print(name, "median 2-" + n, med);
        System.out.println("(client CPU: the whole process, all threads, from connect to set-up done; load average "
                + load() + ")");
    }

    private static void print(String name, String label, long[] row) {
        System.out.printf(Locale.ROOT, "%-6s %-12s", name, label);
        Arrays.stream(row).forEach(x -> System.out.printf(Locale.ROOT, " %14.1f", x / 1e6));
        // overhead: the connect's wall time above the server's own time for the set-up command
        System.out.printf(Locale.ROOT, " %14.1f%n", (row[5] - row[3]) / 1e6);
    }

    /** @return the load average, as the table's footnote */
    static String load() {
        return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    }

    private static String env(String k) {
        String v = System.getenv(k);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(k + " is not set (eval \"$(scripts/x2go-test-server env)\")");
        }
        return v;
    }

    /** Adds up the wall time of the remote commands run through it. */
    private static final class TimedShell implements RemoteShell {
        private final RemoteShell d;
        private final long[] sum;

        TimedShell(RemoteShell d, long[] sum) {
            this.d = d;
            this.sum = sum;
        }

        @Override
        public CommandResult exec(String command, Duration timeout) {
            long t0 = System.nanoTime();
            try {
                return d.exec(command, timeout);
            } finally {
                sum[0] += System.nanoTime() - t0;
            }
        }

        @Override
        public org.x2go.spi.PortForward forwardLocal(java.net.InetSocketAddress bind, String host, int port) {
            return d.forwardLocal(bind, host, port);
        }

        @Override
        public org.x2go.spi.SftpSession openSftp() {
            return d.openSftp();
        }

        @Override
        public boolean isConnected() {
            return d.isConnected();
        }

        @Override
        public String host() {
            return d.host();
        }

        @Override
        public int port() {
            return d.port();
        }

        @Override
        public String username() {
            return d.username();
        }

        @Override
        public void close() {
            d.close();
        }
    }
}
