package org.x2go.spi;

import java.net.InetSocketAddress;

/** A local listening socket whose connections are tunnelled to a host and port seen from the SSH server. */
public interface PortForward extends AutoCloseable {
    /** @return the local address the tunnel listens on */
    InetSocketAddress localAddress();

    /** Stops listening and closes the tunnelled connections. Idempotent. */
    @Override
    void close();
}
