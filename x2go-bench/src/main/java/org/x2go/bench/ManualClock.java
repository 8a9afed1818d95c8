package org.x2go.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told: the guardian benchmark advances it by one refresh interval per
 * tick, so the registry's 2 s auto-registration throttle sees real intervals and does not turn the
 * measured tick into a no-op. Thread-safe.
 */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** @param start the first instant */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** @param d how far to move on */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** @return UTC */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * @param zone ignored
     * @return this clock (the benchmarks only read instants)
     */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** @return the current instant */
    @Override
    public Instant instant() {
        return now;
    }
}
