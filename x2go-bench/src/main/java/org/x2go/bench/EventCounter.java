package org.x2go.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.x2go.api.SessionEvent;
import org.x2go.api.SessionListener;

/**
 * A listener that only counts events per kind: the Java form of the python harness's hooks that
 * increment counters (WORKLOADS.md §2, "client"). Thread-safe.
 */
public final class EventCounter implements SessionListener {
    private static final SessionEvent.Kind[] KINDS = SessionEvent.Kind.values();

    private final AtomicIntegerArray counts = new AtomicIntegerArray(KINDS.length);

    /** Creates a counter at zero. */
    public EventCounter() {
    }

    /** @param event counted under its kind */
    @Override
    public void dispatch(SessionEvent event) {
        counts.incrementAndGet(event.kind().ordinal());
    }

    /**
     * @param kind an event kind
     * @return how many events of that kind were delivered since the last reset
     */
    public int count(SessionEvent.Kind kind) {
        return counts.get(kind.ordinal());
    }

    /** @return the number of events of all kinds */
    public int total() {
        int t = 0;
        for (int i = 0; i < KINDS.length; i++) {
            t += counts.get(i);
        }
        return t;
    }

    /** @return kind → count, for messages */
    public Map<SessionEvent.Kind, Integer> snapshot() {
        Map<SessionEvent.Kind, Integer> m = new EnumMap<>(SessionEvent.Kind.class);
        for (SessionEvent.Kind k : KINDS) {
            m.put(k, count(k));
        }
        return m;
    }

    /** Sets every count to zero. */
    public void reset() {
        for (int i = 0; i < KINDS.length; i++) {
            counts.set(i, 0);
        }
    }
}
