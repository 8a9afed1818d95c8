package org.x2go.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Finding the real server (skip, or fail under CI) and polling with deadlines. */
final class RealServerSupport {
    private RealServerSupport() {
    }

    /** @return the real server; aborts the test (skip) when absent, fails when {@code CI=true} */
    static RealServer requireServer() {
        return RealServer.detect().orElseGet(() -> {
            String why = "real X2Go test server not available: " + RealServer.unavailableReason();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + " (CI=true: a skipped real-server suite is a failure)");
            }
            Assumptions.abort(why);
            return null;
        });
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
