package org.x2go.registry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SessionListener;

/**
 * What one locked registry mutation produced: notifications to deliver and resources to close, both
 * after the lock is released. Internal to x2go-registry.
 */
public final class Changes {
    private static final Logger LOG = LoggerFactory.getLogger(Changes.class);

    /** Listener notifications, in the order of the changes. */
    public final List<Consumer<SessionListener>> notes = new ArrayList<>();
    /** Terminals and proxies released by the mutation. */
    public final List<AutoCloseable> toClose = new ArrayList<>();

    /**
     * Releases a record's terminal and proxy: they are closed once the lock is released.
     *
     * @param r the record
     */
    public void release(SessionRecord r) {
        if (r.proxy != null) {
            toClose.add(r.proxy);
            r.proxy = null;
        }
        if (r.terminal != null) {
            toClose.add(r.terminal);
            r.terminal = null;
        }
    }

    /** @param closer where each released resource is closed; failures are logged */
    public void closeAll(Executor closer) {
        for (AutoCloseable c : toClose) {
            closer.execute(() -> {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed", c, e);
                }
            });
        }
    }
}
