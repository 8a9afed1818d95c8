package org.x2go.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.PortForward;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;

/**
 * A proxy backend named {@code TUNNEL} for headless tests: opens the graphics tunnel through the
 * client's SSH connection and attaches to the agent with a plain socket, drawing nothing. Shows that
 * proxies are pluggable and that the tunnel reaches the agent's port.
 */
public final class TunnelOnlyProxy implements ProxyProvider {
    @Override
    public String name() {
        return "TUNNEL";
    }

    @Override
    public GraphicsProxy start(ProxyRequest request) {
        PortForward forward = request.shell().forwardLocal(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1",
                request.agent().graphicsPort());
        Socket socket;
        try {
            socket = new Socket(forward.localAddress().getAddress(), forward.localAddress().getPort());
        } catch (IOException e) {
            forward.close();
            throw new UncheckedIOException(e);
        }
        Path dir = request.sessionsRoot().resolve("S-" + request.agent().sessionName());
        return new GraphicsProxy() {
            @Override
            public boolean isAlive() {
                return !socket.isClosed();
            }

            @Override
            public InetSocketAddress tunnelAddress() {
                return forward.localAddress();
            }

            @Override
            public Path sessionDirectory() {
                return dir;
            }

            @Override
            public Path errorLog() {
                return dir.resolve("session.err");
            }

            @Override
            public OptionalInt exitCode() {
                return socket.isClosed() ? OptionalInt.of(0) : OptionalInt.empty();
            }

            @Override
            public void onExit(IntConsumer onExit) {
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a test socket
                }
                forward.close();
            }
        };
    }
}
