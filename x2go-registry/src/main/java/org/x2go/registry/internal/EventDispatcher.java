package org.x2go.registry.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SessionListener;

/**
 * Delivers listener notifications in the order they were enqueued, one at a time, on an executor.
 * Producers enqueue while holding the registry lock (so the queue order is the order of the state
 * changes) and call {@link #kick()} after releasing it; delivery never runs under the registry lock.
 * Internal to x2go-registry.
 */
public final class EventDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Queue<Consumer<SessionListener>> queue = new ConcurrentLinkedQueue<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Executor executor;
    private final ExecutorService owned;

    /**
     * @param executor where listeners run; null to own a single daemon thread
     */
    public EventDispatcher(Executor executor) {
        if (executor == null) {
            this.owned = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "x2go-registry-events-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.executor = owned;
        } else {
            this.owned = null;
            this.executor = executor;
        }
    }

    /** @param listener added at the end of the delivery order */
    public void add(SessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * @param listener the listener to remove
     * @return true when it was registered
     */
    public boolean remove(SessionListener listener) {
        return listeners.remove(listener);
    }

    /** @param notifications appended to the delivery queue in list order */
    public void enqueue(List<Consumer<SessionListener>> notifications) {
        queue.addAll(notifications);
    }

    /** Starts delivery if something is queued and no delivery runs. Call without holding locks. */
    public void kick() {
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                LOG.debug("listener executor closed; {} notifications dropped", queue.size());
                queue.clear();
            }
        }
    }

    private void drain() {
        try {
            Consumer<SessionListener> n;
            while ((n = queue.poll()) != null) {
                for (SessionListener l : listeners) {
                    try {
                        n.accept(l);
                    } catch (RuntimeException e) {
                        // one faulty listener must not starve the others (SessionListener contract)
                        LOG.warn("session listener {} failed", l, e);
                    } catch (Error e) {
                        // nor an Error: the others still get this event, and the queue behind it is not stranded
                        LOG.error("session listener {} threw an Error", l, e);
                    }
                }
            }
        } finally {
            draining.set(false);
        }
        kick(); // something may have been enqueued between the last poll and the reset
    }

    /**
     * Shuts the owned thread down after delivering what is queued (bounded wait).
     *
     * @param timeout how long to wait for queued notifications
     */
    public void close(Duration timeout) {
        if (owned != null) {
            owned.shutdown();
            try {
                if (!owned.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    owned.shutdownNow();
                }
            } catch (InterruptedException e) {
                owned.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Same as {@link #close(Duration)} with two seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
