package org.x2go.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with deadlines for the real-server tests. */
final class RealServerSupport {
    private RealServerSupport() {
    }

    /** Polls a condition every 100 ms until it holds or the deadline passes. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100); // polling interval, not synchronisation: the condition is re-checked
        }
    }
}
