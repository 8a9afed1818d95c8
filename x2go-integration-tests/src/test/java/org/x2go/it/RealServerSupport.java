package org.x2go.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with deadlines for the real-server tests. */
final class RealServerSupport {
    private RealServerSupport() {
    }

    /** @return the names of the test user's sessions the server lists now */
    static java.util.Set<String> listedSessions(org.x2go.testkit.RealX2GoServer server) throws Exception {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String line : server.ssh("x2golistsessions").split("\n")) {
            String[] f = line.split("\\|");
            if (f.length > 2 && f[1].startsWith(server.user() + "-")) {
                names.add(f[1]);
            }
        }
        return names;
    }

    /**
     * Terminates the sessions that appeared since {@code before} (a failed assertion must not leave this
     * test's sessions behind), never one that was there already: other users of the server keep theirs.
     */
    static void terminateSessionsStartedSince(org.x2go.testkit.RealX2GoServer server, java.util.Set<String> before)
            throws Exception {
        for (String name : listedSessions(server)) {
            if (!before.contains(name)) {
                server.ssh("x2goterminate-session " + name);
            }
        }
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

    /** @see org.x2go.testkit.RealX2GoServer#awaitSettled(Duration) */
    static boolean settle(org.x2go.testkit.RealX2GoServer server, Duration limit) throws InterruptedException {
        return server.awaitSettled(limit);
    }
}
