package org.x2go.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The command lines a fake server received, in order; waiters are woken on each arrival. */
final class CommandLog {
    private final List<String> lines = new ArrayList<>();

    synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    synchronized List<String> all() {
        return List.copyOf(lines);
    }

    synchronized void clear() {
        lines.clear();
    }

    synchronized String await(Predicate<String> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (filter.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching command within " + timeout + "; received: " + lines);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
