package org.x2go.backend.sshj.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.RemoteForward;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.forwarded.RemotePortForwarder;
import net.schmizz.sshj.connection.channel.forwarded.SocketForwardingConnectListener;

/**
 * A reverse forward through sshj's {@link RemotePortForwarder}: the server listens on its loopback port and each
 * tunnelled connection is connected to the local target. Pausing cancels the request; tunnelled connections end
 * when either side closes them or the connection closes.
 */
final class SshjRemoteForward implements RemoteForward {
    private static final Logger LOG = LoggerFactory.getLogger(SshjRemoteForward.class);
    /** Where the server listens: its loopback interface only. */
    static final String SERVER_BIND = "127.0.0.1";

    private final SSHClient client;
    private final int serverPort;
    private final InetSocketAddress target;
    private RemotePortForwarder.Forward bound;
    private boolean closed;

    SshjRemoteForward(SSHClient client, int serverPort, InetSocketAddress target) {
        if (serverPort < 1 || serverPort > 65535) {
            throw new IllegalArgumentException("server port out of range: " + serverPort);
        }
        this.client = client;
        this.serverPort = serverPort;
        this.target = target;
        request();
    }

    private void request() {
        try {
            bound = client.getRemotePortForwarder().bind(new RemotePortForwarder.Forward(SERVER_BIND, serverPort),
                    new SocketForwardingConnectListener(target));
        } catch (IOException e) {
            throw new X2GoFwTunnelException("the server refused to forward its port " + serverPort + " to "
                    + target.getHostString() + ":" + target.getPort() + ": " + e.getMessage(), e);
        }
    }

    private void cancel() {
        RemotePortForwarder.Forward f = bound;
        bound = null;
        if (f != null && client.isConnected()) {
            try {
                client.getRemotePortForwarder().cancel(f);
            } catch (IOException e) {
                LOG.debug("cancelling the reverse forward of server port {}: {}", serverPort, e.getMessage());
            }
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
        if (!closed) {
            cancel();
        }
    }

    @Override
    public synchronized void resume() {
        if (closed) {
            throw new IllegalStateException("reverse forward of server port " + serverPort + " is closed");
        }
        if (bound == null) {
            request();
        }
    }

    @Override
    public synchronized boolean isPaused() {
        return closed || bound == null;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            cancel();
            closed = true;
        }
    }
}
