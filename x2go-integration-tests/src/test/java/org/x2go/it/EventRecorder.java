package org.x2go.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.x2go.api.EventCause;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionListener;

/** Collects session events; lets tests wait for one with a deadline instead of sleeping. */
final class EventRecorder implements SessionListener {
    private final List<SessionEvent> events = new ArrayList<>();
    private final List<String> proxyDeaths = new ArrayList<>();

    @Override
    public synchronized void dispatch(SessionEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public synchronized void onProxyDied(java.util.UUID sessionUuid, String profileName, String sessionName,
                                         int exitCode, String logTail) {
        proxyDeaths.add(sessionName + "|" + exitCode + "|" + logTail);
        notifyAll();
    }

    /** @return the proxy deaths reported for one session, as "session|exit code|log tail" */
    synchronized List<String> proxyDeathsOf(String sessionName) {
        return proxyDeaths.stream().filter(d -> d.startsWith(sessionName + "|")).toList();
    }

    synchronized List<SessionEvent> events() {
        return List.copyOf(events);
    }

    /** @return the events of one session as "KIND/CAUSE", in delivery order */
    synchronized List<String> of(String sessionName) {
        return events.stream().filter(e -> e.sessionName().equals(sessionName)).map(e -> e.kind() + "/" + e.cause())
                .toList();
    }

    /**
     * Waits until the session has at least as many events as expected, then asserts that they are
     * exactly the expected ones, in order ("KIND/CAUSE").
     */
    synchronized void awaitExactly(String sessionName, Duration timeout, String... expected) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (of(sessionName).size() < expected.length) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        List<String> got = of(sessionName);
        if (!got.equals(List.of(expected))) {
            throw new AssertionError("events of " + sessionName + ": expected exactly " + List.of(expected)
                    + " within " + timeout + ", got " + got + "; all events: " + events);
        }
    }

    /** Waits until an event of that kind and cause for that session arrives. */
    synchronized SessionEvent await(SessionEvent.Kind kind, EventCause cause, String sessionName, Duration timeout)
            throws InterruptedException {
        Predicate<SessionEvent> p = e -> e.kind() == kind && e.cause() == cause && e.sessionName().equals(sessionName);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (SessionEvent e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + kind + " " + cause + " event for " + sessionName + " within "
                        + timeout + "; got " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
