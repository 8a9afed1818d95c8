package org.x2go.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Locale;

import org.x2go.api.SessionList;
import org.x2go.registry.SessionRegistry;

/**
 * Measurements JMH's time modes do not give, printed as {@code key=value} lines that
 * {@code compare.sh} reads:
 * <ul>
 *   <li>{@code tick}: CPU time of one steady-state guardian refresh (100 profiles × 50 sessions, see
 *       {@link GuardianTickBench}); the refresh runs entirely on the calling thread, so that thread's
 *       CPU time is the refresh's CPU time (median over the measured ticks after a warm-up); the
 *       process CPU time per tick (mean, garbage collection included) is printed too.</li>
 *   <li>{@code memory}: retained heap per registered session: heap used after full GCs with 100,000
 *       records minus heap used with the empty registry, divided by 100,000. Run it with
 *       {@code -XX:+UseSerialGC} so {@link System#gc()} is a full, compacting collection. Two kinds of
 *       record: registered with a session name (W2/W3 style), and auto-registered from a parsed
 *       server list (each record then also keeps its server facts, a {@code SessionInfo}).</li>
 * </ul>
 * Usage: {@code java -cp benchmarks.jar org.x2go.bench.Probes tick|memory [count]}.
 */
public final class Probes {

    private Probes() {
    }

    /**
     * @param args {@code tick [ticks]} or {@code memory [sessions]}
     */
    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "";
        switch (what) {
            case "tick" -> tick(args.length > 1 ? Integer.parseInt(args[1]) : 300);
            case "memory" -> memory(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            default -> {
                System.err.println("usage: Probes tick [ticks] | memory [sessions]");
                System.exit(2);
            }
        }
    }

    /**
     * @param ticks measured ticks (as many again are run first to warm up)
     * @return median CPU nanoseconds per tick
     */
    static long tick(int ticks) {
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        if (!tmx.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        GuardianTickBench b = new GuardianTickBench();
        b.profiles = 100;
        b.sessions = 50;
        b.setup();
        try {
            for (int i = 0; i < ticks; i++) {
                b.tick();
            }
            b.check();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long[] cpu = new long[ticks];
            long[] wall = new long[ticks];
            long p0 = os.getProcessCpuTime();
            for (int i = 0; i < ticks; i++) {
                long c0 = tmx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                b.tick();
                wall[i] = System.nanoTime() - w0;
                cpu[i] = tmx.getCurrentThreadCpuTime() - c0;
            }
            // whole-process CPU (GC threads included), averaged: the per-tick thread figure excludes GC
            double processPerTick = (os.getProcessCpuTime() - p0) / (double) ticks;
            String check = b.check();
            Arrays.sort(cpu);
            Arrays.sort(wall);
            long med = cpu[ticks / 2];
            System.out.printf(Locale.ROOT, "tick_profiles=100%ntick_sessions_per_profile=50%ntick_count=%d%n"
                            + "tick_cpu_median_ms=%.3f%ntick_cpu_min_ms=%.3f%ntick_cpu_p90_ms=%.3f%n"
                            + "tick_process_cpu_mean_ms=%.3f%ntick_wall_median_ms=%.3f%ntick_check=%s%n",
                    ticks, med / 1e6, cpu[0] / 1e6, cpu[(int) (ticks * 0.9)] / 1e6, processPerTick / 1e6,
                    wall[ticks / 2] / 1e6, check);
            return med;
        } finally {
            b.close();
        }
    }

    /**
     * @param count records to register
     * @return retained bytes per named record
     */
    static double memory(int count) {
        double named = retainedNamed(count);
        double discovered = retainedDiscovered(count);
        System.out.printf(Locale.ROOT, "memory_sessions=%d%nmemory_bytes_per_registered_session=%.0f%n"
                + "memory_bytes_per_autoregistered_session_with_info=%.0f%nmemory_gc=%s%n",
                count, named, discovered, ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
        return named;
    }

    /** Records registered with a session name over 10 connected profiles, W3 states applied. */
    private static double retainedNamed(int count) {
        EventCounter events = new EventCounter();
        SessionRegistry reg = Fixtures.newRegistry(events);
        for (int p = 0; p < Workloads.PROFILES; p++) {
            reg.attachControlSession(Workloads.profileId(p), Workloads.profileName(p),
                    new BenchControlSession(Workloads.serverName(p), SessionList.EMPTY));
        }
        long before = usedAfterGc();
        for (int i = 0; i < count; i++) {
            int p = i % Workloads.PROFILES;
            // names are made here, so the registry is the only holder of each name string
            reg.register(Workloads.serverName(p), Workloads.profileId(p), Workloads.profileName(p), Workloads.sessionName(i));
        }
        long after = usedAfterGc();
        BenchCheckFailed.expect(reg.size() == count, "memory probe registered " + reg.size());
        Reference.reachabilityFence(reg);
        return (after - before) / (double) count;
    }

    /** Records auto-registered from parsed lists (10 profiles × count/10), each keeping its SessionInfo. */
    private static double retainedDiscovered(int count) {
        EventCounter events = new EventCounter();
        SessionRegistry reg = Fixtures.newRegistry(events);
        BenchControlSession[] cs = new BenchControlSession[Workloads.PROFILES];
        for (int p = 0; p < Workloads.PROFILES; p++) {
            cs[p] = new BenchControlSession(Workloads.serverName(p), SessionList.EMPTY);
            reg.attachControlSession(Workloads.profileId(p), Workloads.profileName(p), cs[p]);
        }
        long before = usedAfterGc();
        int per = count / Workloads.PROFILES;
        for (int p = 0; p < Workloads.PROFILES; p++) {
            StringBuilder text = new StringBuilder(per * 190);
            for (int j = 0; j < per; j++) {
                int i = p * per + j;
                text.append(Workloads.line(i, Workloads.Pattern.W1.status(i), Workloads.serverName(p))).append('\n');
            }
            SessionList l = Fixtures.PARSER.parse(text.toString());
            reg.registerAvailableServerSessions(Workloads.profileId(p), l, false, false, false);
            // the list itself is garbage now: only what the registry keeps is measured
        }
        long after = usedAfterGc();
        BenchCheckFailed.expect(reg.size() == per * Workloads.PROFILES, "memory probe auto-registered " + reg.size());
        Reference.reachabilityFence(reg);
        Reference.reachabilityFence(cs);
        return (after - before) / (double) (per * Workloads.PROFILES);
    }

    private static long usedAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // repeated until stable: finalizable or softly reachable leftovers may need a second pass
        for (int i = 0; i < 5; i++) {
            System.gc();
            long u = mx.getHeapMemoryUsage().getUsed();
            if (u >= used) {
                return u;
            }
            used = u;
        }
        return used;
    }
}
