package org.x2go.spi;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many more bytes one command may send, stdout and stderr together: what a {@link RemoteShell}
 * implementation uses to honour {@link org.x2go.api.ConnectOptions#maxCommandOutput()}. Shared by the threads
 * reading stdout and stderr. Thread-safe.
 */
public final class OutputBudget {
    private final long limit;
    private final AtomicLong left;
    private final AtomicBoolean exceeded = new AtomicBoolean();

    /**
     * @param limit the most bytes the command may send, at least 1
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public OutputBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("output limit must be positive: " + limit);
        }
        this.limit = limit;
        this.left = new AtomicLong(limit);
    }

    /**
     * Takes {@code n} bytes from the budget.
     *
     * @param n bytes received
     * @return true when they fit; false (and from now on {@link #exceeded()}) when they do not
     */
    public boolean take(int n) {
        if (left.addAndGet(-n) < 0) {
            // keep the counter from wrapping on a server that keeps sending
            left.set(-1);
            exceeded.set(true);
            return false;
        }
        return true;
    }

    /** @return whether more than {@link #limit()} bytes arrived */
    public boolean exceeded() {
        return exceeded.get();
    }

    /** @return the limit in bytes */
    public long limit() {
        return limit;
    }
}
