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

    /** Names of the sessions this test JVM started, through a client with {@link #OWN_SESSIONS} or {@link #own}. */
    private static final java.util.Set<String> OWN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Add to every client a real-server test builds: it notes the sessions that client starts, so that clean-up
     * ends only those (other users of the server, and other test runs beside this one, keep theirs).
     */
    static final org.x2go.api.SessionListener OWN_SESSIONS = new org.x2go.api.SessionListener() {
        @Override
        public void onStarted(org.x2go.api.SessionEvent event) {
            if (event.cause() == org.x2go.api.EventCause.BY_THIS_CLIENT && event.sessionName() != null) {
                OWN.add(event.sessionName());
            }
        }
    };

    /** Notes a session this test started without a client (x2gostartagent over ssh). */
    static void own(String sessionName) {
        OWN.add(sessionName);
    }

    /**
     * Terminates the sessions that appeared since {@code before} and that this JVM started (a failed assertion
     * must not leave this test's sessions behind), never another's: other users of the server keep theirs.
     */
    static void terminateSessionsStartedSince(org.x2go.testkit.RealX2GoServer server, java.util.Set<String> before)
            throws Exception {
        for (String name : listedSessions(server)) {
            if (!before.contains(name) && OWN.contains(name)) {
                server.ssh("x2goterminate-session " + name);
            }
        }
    }

    /**
     * The real server for the folder-sharing tests: it must have sshfs (scripts/x2go-test-server installs it; under
     * CI=true a missing one fails the test) and no other test's agents still settling.
     */
    static org.x2go.testkit.RealX2GoServer requireWithSshfs() throws Exception {
        org.x2go.testkit.RealX2GoServer server = org.x2go.testkit.RealX2GoServer.require();
        if (!server.ssh("command -v sshfs || true").contains("sshfs")) {
            org.x2go.testkit.RealX2GoServer.unavailable(
                    "sshfs is not installed on the test server (scripts/x2go-test-server installs it)");
        }
        server.awaitSettled(Duration.ofSeconds(20));
        return server;
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
