package org.x2go.proxy.nx3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.x2go.api.X2GoFwTunnelException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;

/**
 * A {@link RemoteShell} whose forwards really listen on the requested local address (so port choice is
 * observable) but tunnel nowhere. Records every forward request.
 */
final class FakeShell implements RemoteShell {
    /** One {@link #forwardLocal} call. */
    record ForwardCall(InetSocketAddress bind, String remoteHost, int remotePort) {
    }

    /** A forward backed by a real listening socket. */
    static final class FakeForward implements PortForward {
        final ServerSocket socket;
        final AtomicInteger closeCount = new AtomicInteger();

        FakeForward(ServerSocket socket) {
            this.socket = socket;
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void close() {
            closeCount.incrementAndGet();
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final String host;
    private final AtomicInteger failuresLeft;
    final List<ForwardCall> calls = new CopyOnWriteArrayList<>();
    final List<FakeForward> forwards = new CopyOnWriteArrayList<>();

    FakeShell(String host) {
        this(host, 0);
    }

    /** @param failures how many forward requests fail with {@link X2GoFwTunnelException} first */
    FakeShell(String host, int failures) {
        this.host = host;
        this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
        calls.add(new ForwardCall(bind, remoteHost, remotePort));
        if (failuresLeft.getAndDecrement() > 0) {
            throw new X2GoFwTunnelException("injected: cannot bind " + bind);
        }
        try {
            ServerSocket s = new ServerSocket();
            s.bind(bind);
            FakeForward f = new FakeForward(s);
            forwards.add(f);
            return f;
        } catch (IOException e) {
            throw new X2GoFwTunnelException("cannot bind " + bind, e);
        }
    }

    /** @return the only forward opened */
    FakeForward forward() {
        if (forwards.size() != 1) {
            throw new AssertionError("expected exactly one forward, got " + forwards.size());
        }
        return forwards.get(0);
    }

    @Override
    public CommandResult exec(String command, Duration timeout) {
        throw new UnsupportedOperationException("the proxy must not run remote commands: " + command);
    }

    @Override
    public SftpSession openSftp() {
        throw new UnsupportedOperationException("the proxy must not use SFTP");
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return 22;
    }

    @Override
    public String username() {
        return "alice";
    }

    @Override
    public void close() {
        forwards.forEach(FakeForward::close);
    }
}
