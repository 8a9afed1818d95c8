package org.x2go.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.x2go.api.EventCause;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionListener;

/**
 * Collects session events as the registry delivers them, prints each through a {@link Console}, and
 * lets the demo wait for an expected one. Thread-safe.
 */
public final class EventLog implements SessionListener {
    private final Console console;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final List<SessionEvent> events = new ArrayList<>();

    /** @param console where each event is printed as it arrives */
    public EventLog(Console console) {
        this.console = console;
    }

    @Override
    public void dispatch(SessionEvent event) {
        console.note(Console.describe(event));
        lock.lock();
        try {
            events.add(event);
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return the events so far, in arrival order */
    public List<SessionEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for an event of the given kind and cause for the given session name that arrived at or
     * after position {@code from}.
     *
     * @param from        index of the first event to look at
     * @param kind        the kind
     * @param cause       the cause
     * @param sessionName the session name
     * @param timeout     how long to wait
     * @return the event's index
     * @throws IllegalStateException when it does not arrive in time (naming the events seen)
     * @throws InterruptedException  when interrupted
     */
    public int await(int from, SessionEvent.Kind kind, EventCause cause, String sessionName, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (int i = from; i < events.size(); i++) {
                    SessionEvent e = events.get(i);
                    if (e.kind() == kind && e.cause() == cause && e.sessionName().equals(sessionName)) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no " + kind + " event (" + Console.describe(cause) + ") for "
                            + sessionName + " within " + timeout.toMillis() + " ms; seen: " + events);
                }
                added.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the number of events so far */
    public int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }
}
