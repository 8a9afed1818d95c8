package org.x2go.backend.sshj.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.AbstractRemoteForward;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.forwarded.RemotePortForwarder;
import net.schmizz.sshj.connection.channel.forwarded.SocketForwardingConnectListener;

/**
 * A reverse forward through sshj's {@link RemotePortForwarder}: the server listens on its loopback port and each
 * tunnelled connection is connected to the local target. Pausing cancels the request; tunnelled connections end
 * when either side closes them or the connection closes.
 */
final class SshjRemoteForward extends AbstractRemoteForward {
    private static final Logger LOG = LoggerFactory.getLogger(SshjRemoteForward.class);
    /** Where the server listens: its loopback interface only. */
    static final String SERVER_BIND = "127.0.0.1";

    private final SSHClient client;
    private RemotePortForwarder.Forward bound;

    SshjRemoteForward(SSHClient client, int serverPort, InetSocketAddress target) {
        super(serverPort, target);
        this.client = client;
        open();
    }

    @Override
    protected void request() {
        try {
            bound = client.getRemotePortForwarder().bind(new RemotePortForwarder.Forward(SERVER_BIND, serverPort()),
                    new SocketForwardingConnectListener(localTarget()));
        } catch (IOException e) {
            throw new X2GoFwTunnelException("the server refused to forward its port " + serverPort() + " to "
                    + localTarget().getHostString() + ":" + localTarget().getPort() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void cancel() {
        RemotePortForwarder.Forward f = bound;
        bound = null;
        if (f != null && client.isConnected()) {
            try {
                client.getRemotePortForwarder().cancel(f);
            } catch (IOException e) {
                LOG.debug("cancelling the reverse forward of server port {}: {}", serverPort(), e.getMessage());
            }
        }
    }
}
