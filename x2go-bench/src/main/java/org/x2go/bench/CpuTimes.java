package org.x2go.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * W1–W5 once more, in the python harness's own loop shape ({@code bench/python/timing.py}: calibrated
 * inner loops of side-effect-free ops, one timed call per fresh fixture for stateful ops, median of
 * the repetitions), measuring CPU time next to the wall-clock time. On a shared machine,
 * wall-clock time includes waiting for a CPU; CPU time does not, so comparing it with python's
 * {@code cpu_median_s_per_op} (its {@code time.process_time()}) gives a ratio that other processes
 * disturb far less. The figure is the measuring thread's CPU time (nanosecond resolution; the JVM's
 * process CPU time ticks in 10 ms steps here, too coarse for one W4/W5 call) plus the time the
 * garbage collectors report for the same span, so collection work done on GC threads is billed
 * too, as python's cyclic GC is. The JIT gets a warm-up of at least {@link #WARMUP_S} seconds per
 * workload (python: one repetition).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.x2go.bench.CpuTimes OUT.json [quick]}; writes the
 * python schema ({@code id}, {@code n}, {@code median_s_per_op}, {@code cpu_median_s_per_op}, …) and
 * prints one line per workload. {@code quick} runs the python {@code --quick} sizes only.
 */
public final class CpuTimes {

    /** Minimum warm-up per workload, seconds. */
    public static final double WARMUP_S = 1.0;
    /** Target duration of one repetition of a side-effect-free op, seconds (python: 0.1). */
    public static final double TARGET_S = 0.1;
    /** Timed repetitions of a side-effect-free op (python: 7). */
    public static final int REPS = 7;
    /** Timed repetitions of a stateful op (python: 7, each on a fresh fixture). */
    public static final int STATEFUL_REPS = 15;

    private static final ThreadMXBean TMX = ManagementFactory.getThreadMXBean();
    private static final List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();
    /** Results feed this, so the JIT cannot drop an op whose result is unused. */
    private static volatile int sink;

    private CpuTimes() {
    }

    /**
     * One workload's figures.
     *
     * @param id         python's workload id
     * @param n          its N
     * @param wallMedian median wall-clock seconds per op
     * @param cpuMedian  median CPU seconds per op (thread CPU plus GC time)
     * @param wallMin    fastest repetition, wall seconds per op
     * @param opsPerRep  ops per repetition
     * @param reps       repetitions
     * @param check      the workload's check text
     */
    public record Sample(String id, int n, double wallMedian, double cpuMedian, double wallMin, int opsPerRep, int reps,
                         String check) {
        String json() {
            return String.format(Locale.ROOT, "{\"id\": \"%s\", \"n\": %d, \"median_s_per_op\": %.12g, "
                            + "\"ops_per_s\": %.6g, \"cpu_median_s_per_op\": %.12g, \"min_s_per_op\": %.12g, "
                            + "\"runs\": %d, \"ops_per_run\": %d, \"check\": \"%s\"}",
                    id, n, wallMedian, 1 / wallMedian, cpuMedian, wallMin, reps, opsPerRep, check);
        }

        String line() {
            return String.format(Locale.ROOT, "%-32s %6d  wall %.9f  cpu %.9f  (runs=%d, ops/run=%d)  check=%s",
                    id, n, wallMedian, cpuMedian, reps, opsPerRep, check);
        }
    }

    /**
     * @param args {@code OUT.json [quick]}
     */
    public static void main(String[] args) {
        if (!TMX.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        boolean quick = args.length > 1 && args[1].equals("quick");
        List<Sample> all = runAll(quick, s -> System.out.println(s.line()));
        if (args.length > 0) {
            StringBuilder sb = new StringBuilder("{\"library\": \"x2go-java\", \"harness\": \"CpuTimes\", \"results\": [\n");
            for (int i = 0; i < all.size(); i++) {
                sb.append(' ').append(all.get(i).json()).append(i + 1 < all.size() ? ",\n" : "\n");
            }
            sb.append("]}\n");
            try {
                Files.writeString(Path.of(args[0]), sb.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + args[0], e);
            }
        }
    }

    /**
     * @param quick python's {@code --quick} sizes only
     * @param out   told about every sample as it is measured
     * @return every sample, in python's order
     */
    public static List<Sample> runAll(boolean quick, java.util.function.Consumer<Sample> out) {
        int[] w23 = quick ? new int[] {100, 1000} : new int[] {100, 1000, 10000};
        int[] w45 = quick ? new int[] {100} : new int[] {100, 1000};
        List<Sample> all = new ArrayList<>();
        java.util.function.Consumer<Sample> add = s -> {
            all.add(s);
            out.accept(s);
        };
        for (int n : new int[] {1, 100, 10000}) {
            w1(n, add, WARMUP_S, TARGET_S, REPS);
        }
        for (int n : w23) {
            w2(n, add, WARMUP_S, STATEFUL_REPS);
            w3(n, add, WARMUP_S, TARGET_S, REPS);
        }
        for (int n : w45) {
            w4(n, add, WARMUP_S, STATEFUL_REPS);
        }
        for (int n : w45) {
            w5(n, add, WARMUP_S, STATEFUL_REPS);
        }
        return all;
    }

    static void w1(int n, java.util.function.Consumer<Sample> out, double warm, double target, int reps) {
        W1Bench b = new W1Bench();
        b.n = n;
        b.setup();
        out.accept(repeat("W1-parse-" + n, n, b::parse, W1Bench.checkParse(b.parse(), n), warm, target, reps));
        out.accept(repeat("W1-lookup-" + n, n, b::lookup, W1Bench.checkLast(b.lookup(), n), warm, target, reps));
        out.accept(repeat("W1-bydisplay-" + n, n, b::bydisplay, W1Bench.checkLast(b.bydisplay(), n), warm, target, reps));
    }

    static void w2(int n, java.util.function.Consumer<Sample> out, double warm, int reps) {
        W2Bench b = new W2Bench();
        b.n = n;
        b.setup();
        String[] check = new String[1];
        out.accept(stateful("W2-register-" + n, n, () -> { }, b::register, () -> {
            check[0] = b.check();
            b.checkAndForget();
        }, W2Bench.BATCH, check, warm, reps));
    }

    static void w3(int n, java.util.function.Consumer<Sample> out, double warm, double target, int reps) {
        W3Bench b = new W3Bench();
        b.n = n;
        b.setup();
        String c = b.checkAll();
        String[] parts = c.split(";");
        out.accept(repeat("W3-running_sessions-" + n, n, b::runningSessions, parts[0], warm, target, reps));
        out.accept(repeat("W3-suspended_names-" + n, n, b::suspendedNames, parts[1], warm, target, reps));
        out.accept(repeat("W3-running_of_profile-" + n, n, b::runningOfProfile, parts[2], warm, target, reps));
        out.accept(repeat("W3-get_by_name-" + n, n, b::getByName, parts[3], warm, target, reps));
        out.accept(repeat("W3-session_summary-" + n, n, b::sessionSummary, parts[4], warm, target, reps));
        out.accept(repeat("W3-has_running-" + n, n, b::hasRunning, parts[5], warm, target, reps));
    }

    static void w4(int n, java.util.function.Consumer<Sample> out, double warm, int reps) {
        W4Bench b = new W4Bench();
        b.n = n;
        b.parseLists();
        String[] check = new String[1];
        out.accept(stateful("W4-update-" + n, n, b::freshFixture, b::update, () -> check[0] = b.check(), 1, check,
                warm, reps));
    }

    static void w5(int n, java.util.function.Consumer<Sample> out, double warm, int reps) {
        W5Bench b = new W5Bench();
        b.n = n;
        b.parseList();
        String[] check = new String[1];
        out.accept(stateful("W5-autoreg-" + n, n, b::freshFixture, b::autoreg, () -> check[0] = b.check(), 1, check,
                warm, reps));
    }

    /** A side-effect-free op, {@code inner} times per repetition (python {@code timing.repeat}). */
    static Sample repeat(String id, int n, Supplier<?> op, String check, double warm, double target, int reps) {
        long t0 = System.nanoTime();
        consume(op.get());
        double t1 = (System.nanoTime() - t0) / 1e9;
        int inner = (int) Math.max(1, Math.ceil(target / Math.max(t1, 1e-9)));
        long warmEnd = System.nanoTime() + (long) (warm * 1e9);
        int warmReps = 0;
        while (System.nanoTime() < warmEnd || warmReps < 1) {
            for (int i = 0; i < inner; i++) {
                consume(op.get());
            }
            warmReps++;
            if (warmReps == 1) {
                // recalibrate once on warmer code, so a repetition still lasts about the target
                long r0 = System.nanoTime();
                consume(op.get());
                double t = (System.nanoTime() - r0) / 1e9;
                inner = (int) Math.max(1, Math.min((long) inner * 20, (long) Math.ceil(target / Math.max(t, 1e-9))));
            }
        }
        double[] wall = new double[reps];
        double[] cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = cpuNanos();
            long w0 = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                consume(op.get());
            }
            wall[r] = (System.nanoTime() - w0) / 1e9 / inner;
            cpu[r] = (cpuNanos() - c0) / 1e9 / inner;
        }
        return sample(id, n, wall, cpu, inner, check);
    }

    /**
     * A stateful op: fresh fixture (untimed), one timed call of {@code ops} operations, verify (untimed)
     * (python {@code timing.stateful}).
     */
    static Sample stateful(String id, int n, Runnable setup, Supplier<?> op, Runnable verify, int ops, String[] check,
                           double warm, int reps) {
        long warmEnd = System.nanoTime() + (long) (warm * 1e9);
        int warmReps = 0;
        while (System.nanoTime() < warmEnd || warmReps < 5) {
            setup.run();
            consume(op.get());
            verify.run();
            warmReps++;
        }
        double[] wall = new double[reps];
        double[] cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            setup.run();
            long c0 = cpuNanos();
            long w0 = System.nanoTime();
            consume(op.get());
            wall[r] = (System.nanoTime() - w0) / 1e9 / ops;
            cpu[r] = (cpuNanos() - c0) / 1e9 / ops;
            verify.run();
        }
        return sample(id, n, wall, cpu, ops, check[0]);
    }

    private static Sample sample(String id, int n, double[] wall, double[] cpu, int ops, String check) {
        double[] w = wall.clone();
        double[] c = cpu.clone();
        Arrays.sort(w);
        Arrays.sort(c);
        return new Sample(id, n, median(w), median(c), w[0], ops, wall.length, check);
    }

    /** @return this thread's CPU time plus the collectors' accumulated time, nanoseconds */
    static long cpuNanos() {
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : GCS) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return TMX.getCurrentThreadCpuTime() + gcMillis * 1_000_000L;
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static void consume(Object o) {
        // a null test is enough: every op takes a lock or allocates, so the JIT keeps the call
        if (o == null) {
            sink++;
        }
    }
}
