package org.x2go.proxy.nx3.internal;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.PortForward;

/**
 * A running {@code nxproxy} and the port forward it uses. Thread-safe.
 *
 * <p>When the process ends (by itself, e.g. on a server-side suspend, or through {@link #close()}) the
 * forward is closed first, then the exit callbacks run once each with the exit code, on the thread
 * that observed the exit. The logs stay in the session directory.
 */
public final class Nx3Proxy implements GraphicsProxy {
    private static final Logger LOG = LoggerFactory.getLogger(Nx3Proxy.class);
    /** After SIGKILL the kernel ends the process at once; this only bounds a pathological case. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Process process;
    private final PortForward forward;
    private final Path sessionDirectory;
    private final String sessionName;
    private final Duration stopGrace;
    private final CompletableFuture<Integer> exit;
    private final AtomicBoolean forwardClosed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Takes ownership of a started process and its forward.
     *
     * @param process          the started proxy process
     * @param forward          the open graphics tunnel
     * @param sessionDirectory the local session directory
     * @param sessionName      the session, for log messages
     * @param stopGrace        how long {@link #close()} waits after SIGTERM before it kills
     */
    public Nx3Proxy(Process process, PortForward forward, Path sessionDirectory, String sessionName,
                    Duration stopGrace) {
        this.process = Objects.requireNonNull(process, "process");
        this.forward = Objects.requireNonNull(forward, "forward");
        this.sessionDirectory = Objects.requireNonNull(sessionDirectory, "sessionDirectory");
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
        this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
        this.exit = process.onExit().thenApply(p -> {
            int code = p.exitValue();
            LOG.info("nxproxy (pid {}) of session {} exited with code {}", p.pid(), sessionName, code);
            closeForward(); // the tunnel is useless without its proxy
            return code;
        });
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public InetSocketAddress tunnelAddress() {
        return forward.localAddress();
    }

    @Override
    public Path sessionDirectory() {
        return sessionDirectory;
    }

    @Override
    public Path errorLog() {
        return sessionDirectory.resolve("session.err");
    }

    @Override
    public OptionalInt exitCode() {
        Integer code = exit.getNow(null);
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    @Override
    public void onExit(IntConsumer onExit) {
        Objects.requireNonNull(onExit, "onExit");
        exit.thenAccept(code -> {
            try {
                onExit.accept(code);
            } catch (RuntimeException e) {
                // One failing listener must not hide the exit from the others.
                LOG.warn("nxproxy exit callback of session {} failed", sessionName, e);
            }
        });
    }

    /** @return the process id of the proxy */
    public long pid() {
        return process.pid();
    }

    /**
     * Sends SIGTERM, waits up to the grace period, then kills (SIGKILL) and waits (bounded); closes the
     * forward in every case. Idempotent; never throws for a process that will not die (logged).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!waitForExit(stopGrace)) {
                    LOG.warn("nxproxy (pid {}) of session {} ignored SIGTERM for {} ms; killing it",
                            process.pid(), sessionName, stopGrace.toMillis());
                    process.destroyForcibly();
                    if (!waitForExit(KILL_WAIT)) {
                        LOG.error("nxproxy (pid {}) of session {} still alive after SIGKILL", process.pid(), sessionName);
                    }
                }
            }
        } finally {
            closeForward();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            // Our stage, not the bare process: it completes after the forward has been closed.
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void closeForward() {
        if (forwardClosed.compareAndSet(false, true)) {
            try {
                forward.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the graphics tunnel of session {} failed", sessionName, e);
            }
        }
    }
}
