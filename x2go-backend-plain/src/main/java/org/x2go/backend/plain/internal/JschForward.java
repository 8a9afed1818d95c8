package org.x2go.backend.plain.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.PortForward;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * A local forward: one listener, one {@code direct-tcpip} channel per accepted connection. Unlike JSch's
 * own {@code setPortForwardingL}, {@link #close()} also ends the tunnelled connections. Owns the accept thread.
 */
final class JschForward implements PortForward {
    private static final Logger LOG = LoggerFactory.getLogger(JschForward.class);

    private final Session session;
    private final ServerSocket listener;
    private final InetSocketAddress local;
    private final String remoteHost;
    private final int remotePort;
    private final int openTimeoutMs;
    private final Map<Socket, ChannelDirectTCPIP> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    JschForward(Session session, InetSocketAddress bind, String remoteHost, int remotePort, int openTimeoutMs) {
        this.session = session;
        this.remoteHost = remoteHost;
        this.remotePort = remotePort;
        this.openTimeoutMs = openTimeoutMs;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(bind);
        } catch (IOException e) {
            throw new X2GoFwTunnelException("Cannot bind " + bind + " for a forward to " + remoteHost + ":" + remotePort
                    + ": " + e.getMessage(), e);
        }
        local = new InetSocketAddress(bind.getHostString(), listener.getLocalPort());
        Thread t = new Thread(this::acceptLoop, "x2go-jsch-forward-" + local.getPort());
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("forward {} stopped accepting: {}", local, e.getMessage());
                }
                return;
            }
            open.entrySet().removeIf(en -> en.getValue().isClosed() || en.getKey().isClosed());
            try {
                s.setTcpNoDelay(true);
                ChannelDirectTCPIP ch = (ChannelDirectTCPIP) session.openChannel("direct-tcpip");
                ch.setHost(remoteHost);
                ch.setPort(remotePort);
                ch.setOrgIPAddress(s.getInetAddress().getHostAddress());
                ch.setOrgPort(s.getPort());
                ch.setInputStream(s.getInputStream());
                ch.setOutputStream(s.getOutputStream());
                open.put(s, ch);
                ch.connect(openTimeoutMs);
            } catch (JSchException | IOException e) {
                LOG.warn("forward {} -> {}:{}: cannot open a tunnel: {}", local, remoteHost, remotePort, e.getMessage());
                closeQuietly(s);
                open.remove(s);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.trace("closing {}: {}", s, e.getMessage());
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.trace("closing listener {}: {}", local, e.getMessage());
        }
        open.forEach((s, ch) -> {
            ch.disconnect();
            closeQuietly(s);
        });
        open.clear();
    }
}
