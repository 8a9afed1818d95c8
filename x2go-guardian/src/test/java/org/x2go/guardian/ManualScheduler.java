package org.x2go.guardian;

import org.x2go.registry.Fakes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic {@link ScheduledExecutorService} driven by {@link #advance(Duration)}: due tasks run
 * on the calling thread, and the shared {@link Fakes.ManualClock} moves with it. Only what the
 * guardian uses is supported. Like {@link java.util.concurrent.ScheduledThreadPoolExecutor}, a periodic
 * task that throws is never run again (the throwable is kept, see {@link #taskFailures()}), and
 * {@link #shutdown()} cancels periodic tasks.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final Fakes.ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private final List<Throwable> taskFailures = new ArrayList<>();
    private long nowNanos;
    private boolean shutdown;

    ManualScheduler(Fakes.ManualClock clock) {
        this.clock = clock;
    }

    /** Moves time forward, running every task that falls due on the way, in time order. */
    synchronized void advance(Duration d) {
        long end = nowNanos + d.toNanos();
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= end)
                    .min(Comparator.comparingLong(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            clock.advance(Duration.ofNanos(next.due - nowNanos));
            nowNanos = next.due;
            try {
                next.command.run();
            } catch (Throwable t) {
                taskFailures.add(t);
                next.cancelled = true;
            }
            if (next.delay > 0 && !next.cancelled) {
                next.due = nowNanos + next.delay;
            } else {
                next.cancelled = true;
            }
        }
        clock.advance(Duration.ofNanos(end - nowNanos));
        nowNanos = end;
    }

    /** @return what scheduled tasks threw (each ended its task) */
    synchronized List<Throwable> taskFailures() {
        return List.copyOf(taskFailures);
    }

    synchronized int activeTasks() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                                  TimeUnit unit) {
        Task t = new Task(command, nowNanos + unit.toNanos(initialDelay), unit.toNanos(delay));
        tasks.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        tasks.forEach(t -> t.cancel(false));
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    private static final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        final long delay;
        long due;
        volatile boolean cancelled;

        Task(Runnable command, long due, long delay) {
            this.command = command;
            this.due = due;
            this.delay = delay;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
