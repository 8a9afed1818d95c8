package org.x2go.backend.mina.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.AbstractRemoteForward;

/**
 * A reverse forward ({@code tcpip-forward}) on one MINA session: the server listens on its loopback port and
 * MINA tunnels each connection made there to the local target. Pause cancels the server's listener, resume asks
 * for it again. Connections already tunnelled end with the session (MINA does not track them per forward).
 */
final class MinaRemoteForward extends AbstractRemoteForward {
    private static final Logger LOG = LoggerFactory.getLogger(MinaRemoteForward.class);

    private final ClientSession session;
    private final String where;

    private MinaRemoteForward(ClientSession session, int serverPort, InetSocketAddress localTarget, String where) {
        super(serverPort, localTarget);
        this.session = session;
        this.where = where;
        open();
    }

    /**
     * @return the forward, listening on the server
     * @throws X2GoFwTunnelException when the server refuses
     */
    static MinaRemoteForward open(ClientSession session, int serverPort, InetSocketAddress localTarget, String where) {
        return new MinaRemoteForward(session, serverPort, localTarget, where);
    }

    private SshdSocketAddress remote() {
        return new SshdSocketAddress("127.0.0.1", serverPort());
    }

    @Override
    protected void request() {
        try {
            session.startRemotePortForwarding(remote(),
                    new SshdSocketAddress(localTarget().getHostString(), localTarget().getPort()));
        } catch (IOException | RuntimeException e) {
            throw new X2GoFwTunnelException("The server " + where + " refused the reverse forward of its port "
                    + serverPort() + " to " + localTarget() + ": " + SafeText.excerpt(String.valueOf(e.getMessage())), e);
        }
    }

    @Override
    protected void cancel() {
        try {
            session.stopRemotePortForwarding(remote());
        } catch (IOException | RuntimeException e) {
            LOG.debug("cancelling reverse forward of server port {} on {}: {}", serverPort(), where, e.toString());
        }
    }
}
