package org.x2go.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's graphics port: stands in for nxagent's listener. Accepts one proxy connection at a
 * time, reads the proxy's greeting line (nxproxy sends {@code NXPROXY-<ver> cookie=<c>,...} without a
 * newline) and then holds the connection open without answering, which keeps a real nxproxy waiting
 * happily (real-server README §9).
 */
public final class GraphicsPort implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphicsPort.class);

    /** What the port reports to its session. */
    public interface Listener {
        /** A proxy connected. */
        void attached();

        /** @param greeting the proxy's first bytes (may be empty when it sent none in time) */
        void greeted(String greeting);

        /** The proxy connection closed. */
        void detached();
    }

    private final ServerSocket server;
    private final Listener listener;
    private final Thread acceptor;
    private volatile Socket current;
    private volatile boolean closed;

    /**
     * Binds a free port on 127.0.0.1 whose next two ports are also free (the sound and sshfs ports).
     *
     * @param name     thread name suffix
     * @param listener gets attach/detach events
     * @throws IOException when no port can be bound
     */
    public GraphicsPort(String name, Listener listener) throws IOException {
        this.server = bindWithTwoFreeNeighbours();
        this.listener = listener;
        this.acceptor = new Thread(this::acceptLoop, "x2go-fake-graphics-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static ServerSocket bindWithTwoFreeNeighbours() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 20; attempt++) {
            ServerSocket s = new ServerSocket(0, 5, lo);
            int p = s.getLocalPort();
            if (p + 2 <= 65535 && free(lo, p + 1) && free(lo, p + 2)) {
                return s;
            }
            s.close();
        }
        // neighbours busy every time: the sound/sshfs ports are never listened on by the fake anyway
        return new ServerSocket(0, 5, lo);
    }

    private static boolean free(InetAddress lo, int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, lo)) {
            return probe.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the bound port */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            if (current != null && !current.isClosed()) {
                // nxagent accepts exactly one proxy; a second one is turned away
                closeQuietly(s);
                continue;
            }
            current = s;
            listener.attached();
            Thread reader = new Thread(() -> hold(s), "x2go-fake-proxy-" + server.getLocalPort());
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void hold(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            s.setSoTimeout(2000);
            byte[] buf = new byte[512];
            int n = 0;
            try {
                while (n < buf.length) {
                    int r = in.read(buf, n, buf.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                    String sofar = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                    if (sofar.contains("data=") && sofar.endsWith(" ") || sofar.contains("\n")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // a client that sends nothing (a plain tunnel test) is still attached
            }
            listener.greeted(new String(buf, 0, n, StandardCharsets.ISO_8859_1).strip());
            s.setSoTimeout(0);
            // hold the connection, discarding whatever the proxy sends, until either side closes
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException e) {
            LOG.debug("proxy connection on {} ended: {}", server.getLocalPort(), e.toString());
        } finally {
            if (current == s) {
                current = null;
            }
            listener.detached();
        }
    }

    /** Closes the current proxy connection, as the agent does on suspend. */
    public void dropProxy() {
        Socket s = current;
        if (s != null) {
            closeQuietly(s);
        }
    }

    /** Stops listening and drops the proxy. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        dropProxy();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a socket that is already gone
        }
    }
}
