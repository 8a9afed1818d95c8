package org.x2go.backend.mina.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.RemoteForward;

/**
 * A reverse forward ({@code tcpip-forward}) on one MINA session: the server listens on its loopback port and
 * MINA tunnels each connection made there to the local target. Pause cancels the server's listener, resume asks
 * for it again. Connections already tunnelled end with the session (MINA does not track them per forward).
 */
final class MinaRemoteForward implements RemoteForward {
    private static final Logger LOG = LoggerFactory.getLogger(MinaRemoteForward.class);

    private final ClientSession session;
    private final int serverPort;
    private final InetSocketAddress localTarget;
    private final String where;
    private boolean paused = true;
    private boolean closed;

    private MinaRemoteForward(ClientSession session, int serverPort, InetSocketAddress localTarget, String where) {
        this.session = session;
        this.serverPort = serverPort;
        this.localTarget = localTarget;
        this.where = where;
    }

    /**
     * @return the forward, listening on the server
     * @throws X2GoFwTunnelException when the server refuses
     */
    static MinaRemoteForward open(ClientSession session, int serverPort, InetSocketAddress localTarget, String where) {
        if (serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("server port out of range 1-65535: " + serverPort);
        }
        MinaRemoteForward f = new MinaRemoteForward(session, serverPort, localTarget, where);
        f.resume();
        return f;
    }

    private SshdSocketAddress remote() {
        return new SshdSocketAddress("127.0.0.1", serverPort);
    }

    @Override
    public int serverPort() {
        return serverPort;
    }

    @Override
    public InetSocketAddress localTarget() {
        return localTarget;
    }

    @Override
    public synchronized void pause() {
        if (paused) {
            return;
        }
        paused = true;
        try {
            session.stopRemotePortForwarding(remote());
        } catch (IOException | RuntimeException e) {
            LOG.debug("cancelling reverse forward of server port {} on {}: {}", serverPort, where, e.toString());
        }
    }

    @Override
    public synchronized void resume() {
        if (closed) {
            throw new IllegalStateException("reverse forward of server port " + serverPort + " is closed");
        }
        if (!paused) {
            return;
        }
        try {
            session.startRemotePortForwarding(remote(),
                    new SshdSocketAddress(localTarget.getHostString(), localTarget.getPort()));
        } catch (IOException | RuntimeException e) {
            throw new X2GoFwTunnelException("The server " + where + " refused the reverse forward of its port "
                    + serverPort + " to " + localTarget + ": " + SafeText.excerpt(String.valueOf(e.getMessage())), e);
        }
        paused = false;
    }

    @Override
    public synchronized boolean isPaused() {
        return paused;
    }

    @Override
    public synchronized void close() {
        pause();
        closed = true;
    }
}
