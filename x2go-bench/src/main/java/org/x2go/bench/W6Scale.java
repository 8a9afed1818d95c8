package org.x2go.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.x2go.guardian.GuardianOptions;
import org.x2go.spi.SshTransport;
import org.x2go.testkit.FakeSession;
import org.x2go.testkit.FakeX2GoServer;

/**
 * Workload W6, the scale benchmark (issue 17): one client JVM connects N profiles to a fake X2Go
 * server (one in-process MINA SSHD fake accepting N connections, in this JVM), 10 sessions each, and a
 * guardian refreshes them at a 5 s interval while the server delays every command by 20 ms. Each
 * (transport, N) cell runs in a fresh client JVM ({@link W6Client}) so that its live threads, heap and
 * CPU are the client's alone; this JVM prints the results as a markdown table.
 *
 * <pre>
 * java -cp x2go-bench/target/benchmarks.jar org.x2go.bench.W6Scale [--n 10,100,1000]
 *     [--transports JSCH,SSHJ,MINA] [--rounds 5] [--interval 5] [--delay-ms 20] [--sessions 10]
 *     [--connect-concurrency 16] [--refresh-concurrency 16] [--out DIR] [--smoke]
 * </pre>
 * {@code --smoke}: N = 10, every transport present, 2 rounds at a 1 s interval. Transports that are not
 * on the class path are skipped with a note. Exit status 1 when a cell fails its checks.
 */
public final class W6Scale {

    private W6Scale() {
    }

    /**
     * @param args see the class description
     * @throws Exception when the run cannot be set up
     */
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(10, 100, 1000);
        List<String> transports = null;
        int rounds = 5;
        int interval = 5;
        int delayMs = 20;
        int sessions = 10;
        int connectConcurrency = 16;
        int refreshConcurrency = GuardianOptions.DEFAULT_CONCURRENT_REFRESHES;
        Path outDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--smoke")) {
                sizes = List.of(10);
                rounds = 2;
                interval = 1;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--n" -> sizes = Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
                case "--transports" -> transports = Arrays.stream(v.split(","))
                        .map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--interval" -> interval = Integer.parseInt(v);
                case "--delay-ms" -> delayMs = Integer.parseInt(v);
                case "--sessions" -> sessions = Integer.parseInt(v);
                case "--connect-concurrency" -> connectConcurrency = Integer.parseInt(v);
                case "--refresh-concurrency" -> refreshConcurrency = Integer.parseInt(v);
                case "--out" -> outDir = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        TreeSet<String> available = new TreeSet<>();
        ServiceLoader.load(SshTransport.class).forEach(t -> available.add(t.name().toUpperCase(Locale.ROOT)));
        List<String> wanted = transports != null ? transports : List.of("JSCH", "SSHJ", "MINA");
        List<String> run = new ArrayList<>();
        for (String t : wanted) {
            if (available.contains(t)) {
                run.add(t);
            } else {
                System.out.println("W6: transport " + t + " is not on the class path (have " + available + "); skipped");
            }
        }
        if (outDir == null) {
            outDir = Path.of("x2go-bench", "target", "w6",
                    Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", ""));
        }
        Files.createDirectories(outDir);
        double[] load = loadAverage();
        System.out.printf(Locale.ROOT, "W6: N=%s transports=%s rounds=%d interval=%d s delay=%d ms sessions=%d "
                        + "connect concurrency=%d refresh concurrency=%d; load average %.2f %.2f %.2f; %d CPUs%n", sizes, run,
                rounds, interval, delayMs, sessions, connectConcurrency, refreshConcurrency, load[0], load[1], load[2],
                Runtime.getRuntime().availableProcessors());

        List<Map<String, String>> results = new ArrayList<>();
        boolean failed = false;
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd", "warn");
        try (FakeX2GoServer server = FakeX2GoServer.builder().user("w6").build().start()) {
            // the injected round trip: every command line contains ""
            server.behaviour().delayCommand("", Duration.ofMillis(delayMs));
            for (int i = 0; i < sessions; i++) {
                FakeSession s = server.sessions().startExternally('D', "xterm");
                if (i % 4 == 3) {
                    server.sessions().suspendExternally(s.name());
                }
            }
            for (String transport : run) {
                for (int n : sizes) {
                    server.clearReceivedCommands();
                    Map<String, String> r = cell(server, transport, n, rounds, interval, connectConcurrency,
                            refreshConcurrency, outDir);
                    if (r == null) {
                        failed = true;
                        Map<String, String> f = new LinkedHashMap<>();
                        f.put("transport", transport);
                        f.put("n", Integer.toString(n));
                        f.put("failed", "true");
                        results.add(f);
                    } else {
                        results.add(r);
                        System.out.println(row(r));
                    }
                }
            }
        }
        String table = table(results, delayMs, interval, refreshConcurrency);
        System.out.println();
        System.out.println(table);
        Files.writeString(outDir.resolve("w6.md"), table, StandardCharsets.UTF_8);
        System.out.println("W6: raw results in " + outDir);
        System.exit(failed ? 1 : 0);
    }

    private static Map<String, String> cell(FakeX2GoServer server, String transport, int n, int rounds, int interval,
                                            int connectConcurrency, int refreshConcurrency, Path outDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx2g", "-XX:SoftRefLRUPolicyMSPerMB=0",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path")));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("w6."))
                .forEach(k -> cmd.add(cmd.size() - 2, "-D" + k + "=" + System.getProperty(k)));
        // extra options for the client JVMs, e.g. -Dw6.jvm=-XX:StartFlightRecording=filename=w6.jfr,settings=profile
        String extra = System.getProperty("w6.jvm", "").trim();
        if (!extra.isEmpty()) {
            for (String o : extra.split("\\s+")) {
                cmd.add(cmd.size() - 2, o);
            }
        }
        cmd.addAll(List.of(W6Client.class.getName(),
                transport, Integer.toString(n), Integer.toString(server.port()), server.user(),
                server.clientKeyFile().toString(), server.knownHostsFile().toString(), Integer.toString(rounds),
                Integer.toString(interval), Integer.toString(connectConcurrency), Integer.toString(refreshConcurrency)));
        Path log = outDir.resolve("w6-" + transport + "-" + n + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        Map<String, String> result = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                w.write(line);
                w.newLine();
                if (line.startsWith("W6RESULT ")) {
                    result = parse(line);
                } else if (!line.isBlank()) {
                    System.out.println("  [" + transport + " N=" + n + "] " + line);
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0 || result == null) {
            System.out.println("W6: " + transport + " N=" + n + " failed (exit " + p.exitValue() + "), see " + log);
            return null;
        }
        return result;
    }

    static Map<String, String> parse(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : line.substring("W6RESULT ".length()).trim().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    private static final String[] COLUMNS = {"transport", "n", "threads_live", "threads_peak", "threads_per_conn",
        "heap_per_conn_kib", "cpu_per_round_ms", "cpu_guardian_ms", "cpu_other_threads_ms", "cpu_vm_ms",
        "tick_p50_ms", "tick_p99_ms", "max_lag_ms", "connect_ms", "close_ms"};
    private static final String[] HEADERS = {"transport", "N", "live threads", "peak threads", "threads/conn",
        "heap/conn (KiB)", "CPU/round (ms)", "of it guardian", "other threads", "JIT/GC/VM", "tick p50 (ms)",
        "tick p99 (ms)", "max lag (ms)", "connect all (ms)", "close (ms)"};

    private static String row(Map<String, String> r) {
        StringBuilder b = new StringBuilder("|");
        for (String c : COLUMNS) {
            b.append(' ').append(r.getOrDefault(c, r.containsKey("failed") ? "FAILED" : "")).append(" |");
        }
        return b.toString();
    }

    static String table(List<Map<String, String>> results, int delayMs, int interval, int refreshConcurrency) {
        StringBuilder b = new StringBuilder();
        b.append("W6 (").append(delayMs).append(" ms per command, guardian every ").append(interval)
                .append(" s, refresh concurrency ").append(refreshConcurrency).append(")\n\n|");
        for (String h : HEADERS) {
            b.append(' ').append(h).append(" |");
        }
        b.append("\n|");
        b.append("---|".repeat(HEADERS.length)).append('\n');
        for (Map<String, String> r : results) {
            b.append(row(r)).append('\n');
        }
        return b.toString();
    }

    private static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {-1, -1, -1};
        }
    }
}
