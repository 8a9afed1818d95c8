package org.x2go.backend.sshj.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.SocketFactory;

import org.x2go.api.HttpProxy;
import org.x2go.api.KnownHosts;
import org.x2go.api.SafeText;

/**
 * Sockets whose {@code connect(host:port)} goes to an HTTP proxy and asks it for {@code CONNECT host:port}
 * (optionally with basic authentication); after the proxy's {@code 200} the socket carries the SSH stream.
 */
public final class HttpConnectSocketFactory extends SocketFactory {
    /** The proxy's answer head is short; a longer one is refused. */
    private static final int MAX_HEAD = 16 * 1024;

    private final HttpProxy proxy;

    /** @param proxy the proxy */
    public HttpConnectSocketFactory(HttpProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket s = new ConnectSocket();
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("connected sockets are not used");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("connected sockets are not used");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("connected sockets are not used");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("connected sockets are not used");
    }

    private final class ConnectSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            InetSocketAddress target = (InetSocketAddress) endpoint;
            String where = KnownHosts.hostToken(target.getHostString(), target.getPort());
            String hostPort = target.getHostString().contains(":") ? "[" + target.getHostString() + "]:" + target.getPort()
                    : target.getHostString() + ":" + target.getPort();
            super.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeout);
            int old = getSoTimeout();
            setSoTimeout(timeout);
            StringBuilder req = new StringBuilder("CONNECT ").append(hostPort).append(" HTTP/1.1\r\nHost: ")
                    .append(hostPort).append("\r\n");
            if (proxy.username().isPresent()) {
                String cred = proxy.username().get() + ":" + proxy.password().orElse("");
                req.append("Proxy-Authorization: Basic ")
                        .append(Base64.getEncoder().encodeToString(cred.getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            req.append("\r\n");
            getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            getOutputStream().flush();
            String head = readHead(getInputStream());
            String status = head.lines().findFirst().orElse("");
            String[] f = status.split(" ", 3);
            if (f.length < 2 || !f[0].startsWith("HTTP/") || !f[1].equals("200")) {
                close();
                throw new IOException("HTTP proxy " + KnownHosts.hostToken(proxy.host(), proxy.port())
                        + " refused CONNECT to " + where + ": " + SafeText.excerpt(status, 200));
            }
            setSoTimeout(old);
        }

        /** Reads byte by byte up to the blank line, so no SSH byte after it is swallowed. */
        private String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("HTTP proxy " + KnownHosts.hostToken(proxy.host(), proxy.port())
                            + " closed the connection during CONNECT");
                }
                if (b.size() >= MAX_HEAD) {
                    throw new IOException("HTTP proxy answer head longer than " + MAX_HEAD + " bytes");
                }
                b.write(c);
                state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                        ? state + 1 : (c == '\r' ? 1 : 0);
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
