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

    /**
     * Waits (at most {@code limit}, never failing) until no agent of the test user is still exiting: an
     * agent whose session is no longer listed but whose X display lock is still held by a live process.
     * The server hands a display out again as soon as its session is gone from the database, and a new
     * agent on a display whose old agent has not exited yet aborts ("X2Go Agent terminated unexpectedly").
     *
     * @return whether the server settled within the limit
     */
    static boolean settle(org.x2go.testkit.RealX2GoServer server, Duration limit) throws InterruptedException {
        String script = "listed=$(x2golistsessions | cut -d'|' -f3); for f in /tmp/.X*-lock; do"
                + " [ -O \"$f\" ] || continue; d=${f#/tmp/.X}; d=${d%-lock};"
                + " echo \"$listed\" | grep -qx \"$d\" && continue;"
                + " pid=$(tr -dc '0-9' < \"$f\"); [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null && echo \"exiting:$d\";"
                + " done; true";
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (!server.ssh(script).contains("exiting:")) {
                    return true;
                }
            } catch (java.io.IOException e) {
                return false; // best effort: the next test reports a server that does not answer
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200); // polling interval, not synchronisation: the condition is re-checked
        }
    }
}
