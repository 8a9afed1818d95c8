package org.x2go.backend.plain.internal;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.AbstractRemoteForward;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * A reverse forward through JSch's {@code tcpip-forward}: the server listens on its loopback port and JSch
 * connects each tunnelled connection to the local target. Pausing cancels the request; tunnelled connections
 * end when either side closes them or the connection closes.
 */
final class JschRemoteForward extends AbstractRemoteForward {
    private static final Logger LOG = LoggerFactory.getLogger(JschRemoteForward.class);
    /** Where the server listens: its loopback interface only. */
    static final String SERVER_BIND = "127.0.0.1";

    private final Session session;

    JschRemoteForward(Session session, int serverPort, InetSocketAddress target) {
        super(serverPort, target);
        this.session = session;
        open();
    }

    @Override
    protected void request() {
        // JSch wakes the thread that waits for the server's reply with Thread.interrupt(), and the interrupt can land
        // after the call has returned: ask on a throw-away thread so that no caller ever gets a stray interrupt
        java.util.concurrent.FutureTask<Void> ask = new java.util.concurrent.FutureTask<>(() -> {
            session.setPortForwardingR(SERVER_BIND, serverPort(), localTarget().getHostString(), localTarget().getPort());
            return null;
        });
        Thread t = new Thread(ask, "x2go-jsch-rforward-" + serverPort());
        t.setDaemon(true);
        t.start();
        try {
            ask.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw new X2GoFwTunnelException("the server refused to forward its port " + serverPort() + " to "
                    + localTarget().getHostString() + ":" + localTarget().getPort() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new X2GoFwTunnelException("interrupted while asking the server to forward its port " + serverPort(), e);
        }
    }

    @Override
    protected void cancel() {
        if (!session.isConnected()) {
            return;
        }
        try {
            session.delPortForwardingR(SERVER_BIND, serverPort());
        } catch (JSchException e) {
            LOG.debug("cancelling the reverse forward of server port {}: {}", serverPort(), e.getMessage());
        }
    }
}
