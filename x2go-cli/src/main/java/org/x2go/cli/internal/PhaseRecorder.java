package org.x2go.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.x2go.client.Phase;
import org.x2go.client.ProgressListener;

/**
 * Records when each {@link Phase} began, grouped into named steps, and renders the timings. The
 * demo's "phase timings" table. Thread-safe.
 */
public final class PhaseRecorder implements ProgressListener {
    private final List<Step> steps = new ArrayList<>();

    /** One step of the demo and the phases seen during it. */
    private static final class Step {
        final String name;
        final long startNanos;
        long endNanos;
        final List<Phase> phases = new ArrayList<>();
        final List<Long> at = new ArrayList<>();

        Step(String name, long startNanos) {
            this.name = name;
            this.startNanos = startNanos;
        }
    }

    /**
     * Ends the current step and starts the next.
     *
     * @param name the step's name
     */
    public synchronized void begin(String name) {
        long now = System.nanoTime();
        endCurrent(now);
        steps.add(new Step(name, now));
    }

    /** Ends the current step. */
    public synchronized void end() {
        endCurrent(System.nanoTime());
    }

    private void endCurrent(long now) {
        if (!steps.isEmpty()) {
            Step last = steps.get(steps.size() - 1);
            if (last.endNanos == 0) {
                last.endNanos = now;
            }
        }
    }

    @Override
    public synchronized void phase(String profileName, Phase phase) {
        if (!steps.isEmpty()) {
            Step s = steps.get(steps.size() - 1);
            s.phases.add(phase);
            s.at.add(System.nanoTime());
        }
    }

    /**
     * @return one line per step: its total time and, for steps that went through phases, the time
     *         from each phase to the next (the last one up to the end of the step), in milliseconds
     */
    public synchronized String render() {
        StringBuilder sb = new StringBuilder();
        int width = steps.stream().mapToInt(s -> s.name.length()).max().orElse(4);
        for (Step s : steps) {
            long end = s.endNanos == 0 ? System.nanoTime() : s.endNanos;
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %9.1f ms", s.name, (end - s.startNanos) / 1e6));
            for (int i = 0; i < s.phases.size(); i++) {
                long next = i + 1 < s.phases.size() ? s.at.get(i + 1) : end;
                sb.append(String.format(Locale.ROOT, "%s%s %.1f", i == 0 ? "   " : ", ",
                        Console.describe(s.phases.get(i)), (next - s.at.get(i)) / 1e6));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return the names of the phases seen, per step, for tests */
    public synchronized List<List<Phase>> phasesPerStep() {
        List<List<Phase>> l = new ArrayList<>();
        steps.forEach(s -> l.add(List.copyOf(s.phases)));
        return l;
    }
}
