package org.x2go.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.x2go.api.ConnectOptions;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.client.X2GoClient;
import org.x2go.guardian.GuardedProfiles;
import org.x2go.guardian.GuardianOptions;
import org.x2go.guardian.SessionGuardian;
import org.x2go.guardian.TickReport;
import org.x2go.registry.SessionRegistry;
import org.x2go.spi.ControlSession;

/**
 * One cell of workload W6 in a JVM of its own (so its threads, heap and CPU are the client's alone):
 * connects N profiles to the fake server {@link W6Scale} runs, with a bounded connect concurrency,
 * registers the server's sessions in every profile, runs a guardian at the given interval and prints
 * one {@code W6RESULT key=value ...} line. Any wrong result (a profile not connected, a round that did
 * not refresh every profile) aborts with exit status 1.
 *
 * <p>Arguments: {@code transport n port user keyFile knownHostsFile rounds intervalSeconds connectConcurrency
 * refreshConcurrency}.
 */
public final class W6Client {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private W6Client() {
    }

    /**
     * @param args see the class description
     * @throws Exception when the run fails (exit status 1)
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 10) {
            System.err.println("usage: W6Client transport n port user keyFile knownHostsFile rounds intervalSeconds"
                    + " connectConcurrency refreshConcurrency");
            System.exit(2);
        }
        String transport = args[0].toUpperCase(Locale.ROOT);
        int n = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        String user = args[3];
        Path key = Path.of(args[4]);
        Path knownHosts = Path.of(args[5]);
        int rounds = Integer.parseInt(args[6]);
        int interval = Integer.parseInt(args[7]);
        int connectConcurrency = Integer.parseInt(args[8]);
        int refreshConcurrency = Integer.parseInt(args[9]);
        try {
            Map<String, String> r = run(transport, n, ConnectOptions.builder("127.0.0.1", user).port(port)
                    .privateKey(key).knownHosts(knownHosts).connectTimeout(Duration.ofSeconds(60))
                    .commandTimeout(Duration.ofSeconds(60)).keepAliveInterval(Duration.ZERO).build(),
                    rounds, interval, connectConcurrency, refreshConcurrency);
            StringBuilder line = new StringBuilder("W6RESULT");
            r.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            System.out.println(line);
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("W6 " + transport + " N=" + n + " failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Thread ID → {CPU nanoseconds, 1 for a guardian thread else 0}, for the live Java threads. */
    private static Map<Long, long[]> threadCpu() {
        Map<Long, long[]> m = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(t.getThreadId());
            if (cpu >= 0) {
                m.put(t.getThreadId(), new long[] {cpu, t.getThreadName().startsWith("x2go-guardian-") ? 1 : 0});
            }
        }
        return m;
    }

    /** Heap in use after full collections (run with -XX:+UseSerialGC so that System.gc() is one). */
    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static Map<String, String> run(String transport, int n, ConnectOptions options, int rounds, int interval,
                                   int connectConcurrency, int refreshConcurrency) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("transport", transport);
        out.put("n", Integer.toString(n));
        int baseThreads = THREADS.getThreadCount();
        Path root = Files.createTempDirectory("x2go-w6-");
        try (X2GoClient client = X2GoClient.builder().set("x2go.backend.ssh", transport).graphics(false)
                .shutdownHook(false).sessionsRoot(root).build()) {
            // warm-up (untimed): one connection loads the classes and the transport's shared state, and
            // tells the session names to register ("10 sessions each")
            int beforeWarm = THREADS.getThreadCount();
            client.connect("w6-warm", "w6-warm", options);
            SessionList listed = client.listSessions("w6-warm");
            client.disconnect("w6-warm");
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (THREADS.getThreadCount() > beforeWarm && System.nanoTime() < settle) {
                Thread.sleep(10); // until the warm-up connection's threads have ended
            }
            long baseHeap = usedHeap();
            SessionRegistry registry = client.registry();

            // connect all N with a bounded concurrency, in two halves: heap per connection is the slope
            // between them (one-time costs, such as caches filled by the first connections, cancel out)
            ExecutorService pool = Executors.newFixedThreadPool(connectConcurrency);
            int half = n / 2;
            long connectNanos = connectAll(client, pool, options, listed, 0, half);
            long heapHalf = usedHeap();
            connectNanos += connectAll(client, pool, options, listed, half, n);
            long heapFull = usedHeap();
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new BenchCheckFailed("connect pool did not end");
            }
            if (client.connectedProfiles().size() != n) {
                throw new BenchCheckFailed("connected " + client.connectedProfiles().size() + " of " + n);
            }
            if (Boolean.getBoolean("w6.debugHeap")) {
                System.err.println("heap: base " + baseHeap + " half " + heapHalf + " full " + heapFull);
            }
            int records = registry.size();
            if (records != n * listed.sessions().size()) {
                throw new BenchCheckFailed("registry holds " + records + " records, expected "
                        + n * listed.sessions().size());
            }

            // the guardian at the interval; each round's report is taken when the next one starts
            List<TickReport> reports = Collections.synchronizedList(new ArrayList<>());
            // rounds 1..warmup are not measured (class loading, JIT); -Dw6.warmup=K (default 1) measures steady state
            int warmup = Math.max(1, Integer.getInteger("w6.warmup", 1));
            CountDownLatch starts = new CountDownLatch(rounds + warmup + 1);
            AtomicLong cpuAtRound2 = new AtomicLong();
            AtomicLong cpuAtEnd = new AtomicLong();
            Map<Long, long[]> threadCpuAtRound2 = new java.util.concurrent.ConcurrentHashMap<>();
            Map<Long, long[]> threadCpuAtEnd = new java.util.concurrent.ConcurrentHashMap<>();
            SessionGuardian[] holder = new SessionGuardian[1];
            // the client keeps the connections (the registry no longer holds control sessions)
            GuardedProfiles all = () -> {
                Map<String, ControlSession> m = new LinkedHashMap<>();
                for (String id : client.connectedProfiles()) {
                    m.put(id, client.controlSession(id));
                }
                return m;
            };
            GuardedProfiles measured = new GuardedProfiles() {
                @Override
                public Map<String, ControlSession> connectedProfiles() {
                    long started = (rounds + warmup + 1) - starts.getCount(); // rounds started before this one
                    if (started == warmup) {
                        threadCpuAtRound2.putAll(threadCpu());
                        cpuAtRound2.set(cpuNanos());
                        THREADS.resetPeakThreadCount();
                    } else if (started >= warmup + 1 && started <= rounds + warmup) {
                        holder[0].lastReport().ifPresent(reports::add);
                    }
                    if (started == rounds + warmup) {
                        cpuAtEnd.set(cpuNanos());
                        threadCpuAtEnd.putAll(threadCpu());
                    }
                    starts.countDown();
                    return all.connectedProfiles();
                }
            };
            SessionGuardian guardian = SessionGuardian.builder(registry, measured)
                    // reconciliation of each profile's 10 records; -Dw6.autoreg=true: auto-registration instead
                    // (all profiles share one server's session names here, which auto-registration pays per
                    // profile sharing a name; N distinct servers would not)
                    .options(GuardianOptions.builder().autoUpdateSessionRegistry(true)
                            .autoRegisterSessions(Boolean.getBoolean("w6.autoreg"))
                            .refreshInterval(Duration.ofSeconds(interval))
                            .maxConcurrentRefreshes(refreshConcurrency).build())
                    .build();
            holder[0] = guardian;
            guardian.start();
            if (!starts.await((long) (rounds + warmup + 2) * interval + 120, TimeUnit.SECONDS)) {
                throw new BenchCheckFailed("the guardian did not run " + (rounds + warmup + 1) + " rounds");
            }
            int liveThreads = THREADS.getThreadCount();
            int peakThreads = THREADS.getPeakThreadCount();
            long c1 = System.nanoTime();
            guardian.close();
            long closeNanos = System.nanoTime() - c1;

            List<Long> walls = new ArrayList<>();
            long maxLag = 0;
            for (TickReport r : reports) {
                if (!r.failures().isEmpty()) {
                    throw new BenchCheckFailed("round " + r.tick() + " failed: " + r.failures().get(0));
                }
                long done = r.profiles().stream().filter(p -> p.outcome() == TickReport.ProfileOutcome.DONE).count();
                if (done != n) {
                    throw new BenchCheckFailed("round " + r.tick() + " refreshed " + done + " of " + n + ", e.g. "
                            + r.profiles().stream().filter(p -> p.outcome() != TickReport.ProfileOutcome.DONE).findFirst()
                            .map(Object::toString).orElse(""));
                }
                walls.add(r.wallTime().toNanos());
                maxLag = Math.max(maxLag, r.slowest().orElseThrow().lag().toNanos());
            }
            if (walls.size() != rounds) {
                throw new BenchCheckFailed("measured " + walls.size() + " rounds, expected " + rounds);
            }
            Collections.sort(walls);
            out.put("rounds", Integer.toString(rounds));
            out.put("warmup_rounds", Integer.toString(warmup));
            out.put("guardian", Boolean.getBoolean("w6.autoreg") ? "autoreg" : "update");
            out.put("connect_ms", ms(connectNanos));
            out.put("threads_base", Integer.toString(baseThreads));
            out.put("threads_live", Integer.toString(liveThreads));
            out.put("threads_peak", Integer.toString(peakThreads));
            out.put("threads_per_conn", String.format(Locale.ROOT, "%.2f", (liveThreads - baseThreads) / (double) n));
            out.put("heap_per_conn_kib", String.format(Locale.ROOT, "%.1f", (heapFull - heapHalf) / 1024.0 / (n - half)));
            out.put("cpu_per_round_ms", ms((cpuAtEnd.get() - cpuAtRound2.get()) / rounds));
            // where the CPU went: the guardian's threads (refresh, registry), other Java threads (transport
            // I/O, timers), and the rest of the process (JIT compiler, GC, VM threads)
            long guardianCpu = 0;
            long otherCpu = 0;
            for (Map.Entry<Long, long[]> e : threadCpuAtEnd.entrySet()) {
                long[] before = threadCpuAtRound2.getOrDefault(e.getKey(), new long[] {0, e.getValue()[1]});
                long d = e.getValue()[0] - before[0];
                if (e.getValue()[1] == 1) {
                    guardianCpu += d;
                } else {
                    otherCpu += d;
                }
            }
            long total = cpuAtEnd.get() - cpuAtRound2.get();
            out.put("cpu_guardian_ms", ms(guardianCpu / rounds));
            out.put("cpu_other_threads_ms", ms(otherCpu / rounds));
            out.put("cpu_vm_ms", ms(Math.max(0, total - guardianCpu - otherCpu) / rounds));
            out.put("tick_p50_ms", ms(percentile(walls, 50)));
            out.put("tick_p99_ms", ms(percentile(walls, 99)));
            out.put("tick_max_ms", ms(walls.get(walls.size() - 1)));
            out.put("max_lag_ms", ms(maxLag));
            out.put("close_ms", ms(closeNanos));
            out.put("records", Integer.toString(records));
            return out;
        } finally {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Connects profiles {@code from} to {@code to - 1} and registers the listed sessions in each; returns the wall time. */
    private static long connectAll(X2GoClient client, ExecutorService pool, ConnectOptions options, SessionList listed,
                                   int from, int to) throws Exception {
        long c0 = System.nanoTime();
        List<Future<String>> connects = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String id = String.format(Locale.ROOT, "w6-%04d", i);
            connects.add(pool.submit(() -> client.connect(id, id, options)));
        }
        for (Future<String> f : connects) {
            f.get(10, TimeUnit.MINUTES);
        }
        long t = System.nanoTime() - c0;
        for (int i = from; i < to; i++) {
            String id = String.format(Locale.ROOT, "w6-%04d", i);
            for (SessionInfo s : listed.sessions()) {
                client.registry().register("127.0.0.1", id, id, s.name());
            }
        }
        return t;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
