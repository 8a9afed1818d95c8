package org.x2go.backend.sshj.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.PortForward;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * A local forward: one listener, one {@code direct-tcpip} channel per accepted connection, copied with
 * 64 KiB buffers (python used 1 KiB, Q-84). {@link #close()} also ends the tunnelled connections (sshj's
 * {@code LocalPortForwarder} only stops listening).
 */
final class SshjForward implements PortForward {
    private static final Logger LOG = LoggerFactory.getLogger(SshjForward.class);
    private static final int BUFFER = 64 * 1024;

    private final SSHClient client;
    private final ExecutorService pool;
    private final ServerSocket listener;
    private final InetSocketAddress local;
    private final String remoteHost;
    private final int remotePort;
    private final Map<Socket, DirectConnection> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    SshjForward(SSHClient client, ExecutorService pool, InetSocketAddress bind, String remoteHost, int remotePort) {
        this.client = client;
        this.pool = pool;
        this.remoteHost = remoteHost;
        this.remotePort = remotePort;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(bind);
        } catch (IOException e) {
            throw new X2GoFwTunnelException("Cannot bind " + bind + " for a forward to " + remoteHost + ":" + remotePort
                    + ": " + e.getMessage(), e);
        }
        local = new InetSocketAddress(bind.getHostString(), listener.getLocalPort());
        pool.execute(this::acceptLoop);
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
            try {
                s.setTcpNoDelay(true);
                DirectConnection dc = client.newDirectConnection(remoteHost, remotePort);
                open.put(s, dc);
                AtomicInteger finished = new AtomicInteger();
                pool.execute(() -> pump(s, dc, true, finished));
                pool.execute(() -> pump(s, dc, false, finished));
            } catch (IOException | RuntimeException e) {
                LOG.warn("forward {} -> {}:{}: cannot open a tunnel: {}", local, remoteHost, remotePort, e.getMessage());
                end(s);
            }
        }
    }

    /** Copies one direction; the second direction to finish (or any error) closes the pair. */
    private void pump(Socket s, DirectConnection dc, boolean toServer, AtomicInteger finished) {
        byte[] buf = new byte[BUFFER];
        try {
            InputStream in = toServer ? s.getInputStream() : dc.getInputStream();
            OutputStream out = toServer ? dc.getOutputStream() : s.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            if (toServer) {
                out.close(); // sends EOF on the channel
            } else {
                s.shutdownOutput();
            }
            if (finished.incrementAndGet() == 2) {
                end(s);
            }
        } catch (IOException e) {
            LOG.trace("forward {}: {}", local, e.getMessage());
            end(s);
        }
    }

    private void end(Socket s) {
        DirectConnection dc = open.remove(s);
        if (dc != null) {
            try {
                dc.close();
            } catch (IOException e) {
                LOG.trace("closing tunnel channel: {}", e.getMessage());
            }
        }
        try {
            s.close();
        } catch (IOException e) {
            LOG.trace("closing tunnel socket: {}", e.getMessage());
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
        open.keySet().forEach(this::end);
    }
}
