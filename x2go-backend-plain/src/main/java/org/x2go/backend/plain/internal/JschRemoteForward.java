package org.x2go.backend.plain.internal;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.RemoteForward;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * A reverse forward through JSch's {@code tcpip-forward}: the server listens on its loopback port and JSch
 * connects each tunnelled connection to the local target. Pausing cancels the request; tunnelled connections
 * end when either side closes them or the connection closes.
 */
final class JschRemoteForward implements RemoteForward {
    private static final Logger LOG = LoggerFactory.getLogger(JschRemoteForward.class);
    /** Where the server listens: its loopback interface only. */
    static final String SERVER_BIND = "127.0.0.1";

    private final Session session;
    private final int serverPort;
    private final InetSocketAddress target;
    private boolean paused;
    private boolean closed;

    JschRemoteForward(Session session, int serverPort, InetSocketAddress target) {
        if (serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("server port out of range: " + serverPort);
        }
        this.session = session;
        this.serverPort = serverPort;
        this.target = target;
        request();
    }

    private void request() {
        // JSch wakes the thread waiting for the server's reply with Thread.interrupt() and may leave the flag
        // set: clear it unless the caller was interrupted already
        boolean interruptedBefore = Thread.currentThread().isInterrupted();
        try {
            session.setPortForwardingR(SERVER_BIND, serverPort, target.getHostString(), target.getPort());
        } catch (JSchException e) {
            throw new X2GoFwTunnelException("the server refused to forward its port " + serverPort + " to "
                    + target.getHostString() + ":" + target.getPort() + ": " + e.getMessage(), e);
        } finally {
            if (!interruptedBefore) {
                Thread.interrupted();
            }
        }
    }

    private void cancel() {
        try {
            session.delPortForwardingR(SERVER_BIND, serverPort);
        } catch (JSchException e) {
            LOG.debug("cancelling the reverse forward of server port {}: {}", serverPort, e.getMessage());
        }
    }

    @Override
    public int serverPort() {
        return serverPort;
    }

    @Override
    public InetSocketAddress localTarget() {
        return target;
    }

    @Override
    public synchronized void pause() {
        if (!paused && !closed) {
            cancel();
            paused = true;
        }
    }

    @Override
    public synchronized void resume() {
        if (closed) {
            throw new IllegalStateException("reverse forward of server port " + serverPort + " is closed");
        }
        if (paused) {
            request();
            paused = false;
        }
    }

    @Override
    public synchronized boolean isPaused() {
        return paused || closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (!paused && session.isConnected()) {
            cancel();
        }
        closed = true;
    }
}
