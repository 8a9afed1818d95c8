package org.x2go.spi;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The state of a reverse forward (listening, paused, closed) for transports: a subclass says how to ask the server
 * to listen ({@link #request()}) and to stop ({@link #cancel()}); this class calls them at most once per change,
 * under its lock. Subclass constructors call {@link #open()} last.
 */
public abstract class AbstractRemoteForward implements RemoteForward {
    private final int serverPort;
    private final InetSocketAddress localTarget;
    private boolean paused = true;
    private boolean closed;

    /**
     * @param serverPort  the port on the server's loopback interface
     * @param localTarget where connections go on the client
     * @throws IllegalArgumentException when the port is not 1-65535
     */
    protected AbstractRemoteForward(int serverPort, InetSocketAddress localTarget) {
        if (serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("server port out of range 1-65535: " + serverPort);
        }
        this.serverPort = serverPort;
        this.localTarget = Objects.requireNonNull(localTarget, "localTarget");
    }

    /**
     * Asks the server to listen.
     *
     * @throws org.x2go.api.X2GoFwTunnelException when it refuses
     */
    protected abstract void request();

    /** Asks the server to stop listening; failures (a connection already gone) are only logged. */
    protected abstract void cancel();

    /**
     * Asks the server to listen for the first time.
     *
     * @throws org.x2go.api.X2GoFwTunnelException when it refuses
     */
    protected final void open() {
        resume();
    }

    @Override
    public final int serverPort() {
        return serverPort;
    }

    @Override
    public final InetSocketAddress localTarget() {
        return localTarget;
    }

    @Override
    public final synchronized void pause() {
        if (!paused) {
            paused = true;
            cancel();
        }
    }

    @Override
    public final synchronized void resume() {
        if (closed) {
            throw new IllegalStateException("reverse forward of server port " + serverPort + " is closed");
        }
        if (paused) {
            request();
            paused = false;
        }
    }

    @Override
    public final synchronized boolean isPaused() {
        return paused;
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            pause();
            closed = true;
        }
    }
}
