package org.x2go.proxy.tunnel.internal;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.PortForward;

/**
 * The running {@code TUNNEL} proxy of one session: the graphics tunnel and, in headless mode, the
 * {@code nxproxy} process and its private display. Thread-safe.
 *
 * <p>It ends once: when {@code nxproxy} exits (by itself, e.g. on a suspend, or through {@link #close()}),
 * or, for a tunnel without a process, on {@link #close()} (code 0). Then the display is stopped and
 * the tunnel closed, before the exit callbacks run once each.
 */
public final class TunnelProxy implements GraphicsProxy {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelProxy.class);

    private final PortForward forward;
    private final String cookie;
    private final Path sessionDirectory;
    private final String sessionName;
    private final Duration stopGrace;
    private final Process nxproxy; // null: tunnel only
    private final HeadlessDisplay display; // null: tunnel only
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    /**
     * @param forward          the open graphics tunnel (owned from now on)
     * @param cookie           the agent's session cookie
     * @param sessionDirectory the local session directory
     * @param sessionName      the session, for logs
     * @param stopGrace        how long closing waits after SIGTERM before it kills
     * @param nxproxy          the started nxproxy, or null for a tunnel only
     * @param display          its private display, or null for a tunnel only
     */
    public TunnelProxy(PortForward forward, String cookie, Path sessionDirectory, String sessionName,
                       Duration stopGrace, Process nxproxy, HeadlessDisplay display) {
        this.forward = Objects.requireNonNull(forward, "forward");
        this.cookie = Objects.requireNonNull(cookie, "cookie");
        this.sessionDirectory = Objects.requireNonNull(sessionDirectory, "sessionDirectory");
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
        this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
        if ((nxproxy == null) != (display == null)) {
            throw new IllegalArgumentException("nxproxy and its display go together");
        }
        this.nxproxy = nxproxy;
        this.display = display;
        if (nxproxy != null) {
            nxproxy.onExit().thenAccept(p -> ended(p.exitValue()));
            display.process().onExit().thenAccept(p -> {
                if (nxproxy.isAlive()) {
                    // nxproxy cannot draw without it; end it so that the exit is reported
                    LOG.warn("Xvfb {} of session {} exited with {}; stopping nxproxy", display.display(),
                            sessionName, p.exitValue());
                    nxproxy.destroy();
                }
            });
        }
    }

    private void ended(int code) {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        LOG.info("TUNNEL proxy of session {} ended with code {}", sessionName, code);
        try {
            if (display != null) {
                Processes.stop(display.process(), stopGrace, "Xvfb " + display.display());
            }
        } finally {
            try {
                forward.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the graphics tunnel of session {} failed", sessionName, e);
            }
            exit.complete(code);
        }
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone() && (nxproxy == null ? !closing.get() : nxproxy.isAlive());
    }

    @Override
    public InetSocketAddress tunnelAddress() {
        return forward.localAddress();
    }

    @Override
    public Optional<String> sessionCookie() {
        return Optional.of(cookie);
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
                // one failing listener must not hide the exit from the others
                LOG.warn("Exit callback of the TUNNEL proxy of session {} failed", sessionName, e);
            }
        });
    }

    /** @return the X display of the private Xvfb, empty for a tunnel only */
    public Optional<String> headlessDisplay() {
        return Optional.ofNullable(display).map(HeadlessDisplay::display);
    }

    /**
     * Stops nxproxy (SIGTERM, grace, SIGKILL) and its display and closes the tunnel; returns once the
     * exit callbacks have been handed the code. Idempotent; never throws for a process that will not die.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (nxproxy == null) {
            ended(0);
            return;
        }
        if (!Processes.stop(nxproxy, stopGrace, "nxproxy of session " + sessionName)) {
            ended(-1); // release the display and the tunnel anyway
        }
        exit.join(); // completed by the exit handler (or just above)
    }
}
