package org.x2go.spi;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One authenticated SSH connection: the transport every other backend talks through.
 *
 * <p>Implementations are thread-safe: several commands may run at once on one connection, each on
 * its own channel. They never send environment variables (the server's locale stays its own) and
 * set {@code TCP_NODELAY}.
 */
public interface RemoteShell extends AutoCloseable {

    /**
     * Runs one command in a new exec channel and waits for it to finish.
     *
     * @param command the command line, passed to the remote login shell unchanged
     * @param timeout how long to wait for the command to finish
     * @return its output and exit status
     * @throws org.x2go.api.X2GoTimeOutException       when it does not finish in time
     * @throws org.x2go.api.X2GoControlSessionException when the connection is closed or breaks, or when the
     *         command sends more than {@link org.x2go.api.ConnectOptions#maxCommandOutput()} bytes (then its
     *         channel is closed and the connection stays usable)
     */
    CommandResult exec(String command, Duration timeout);

    /**
     * Opens a local port forward ({@code ssh -L}).
     *
     * @param bind       the local address to listen on (port 0 for any free port)
     * @param remoteHost the destination host as the server resolves it
     * @param remotePort the destination port
     * @return the open forward
     * @throws org.x2go.api.X2GoFwTunnelException when the local port cannot be bound
     */
    PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort);

    /**
     * Opens a reverse port forward ({@code ssh -R}) from {@code 127.0.0.1:serverPort} on the server to
     * {@code localTarget}. Transports that cannot do it keep this default.
     *
     * @param serverPort  the port on the server's loopback interface (1-65535)
     * @param localTarget where tunnelled connections go on the client
     * @return the open forward
     * @throws org.x2go.api.X2GoFwTunnelException           when the server refuses the forward (the port is
     *         taken, or forwarding is not allowed); {@link RemoteForward#openWithRetry} asks a second time
     * @throws org.x2go.api.X2GoNotImplementedYetException  when the transport has no reverse forwarding
     * @throws IllegalArgumentException                     when the port is out of range
     */
    default RemoteForward forwardRemote(int serverPort, InetSocketAddress localTarget) {
        throw new org.x2go.api.X2GoNotImplementedYetException(getClass().getSimpleName()
                + " has no reverse port forwarding (needed for folder sharing and printing)");
    }

    /**
     * @return a new SFTP channel
     * @throws org.x2go.api.X2GoSftpException when the server has no SFTP subsystem
     */
    SftpSession openSftp();

    /** @return true while the connection is open and authenticated */
    boolean isConnected();

    /** @return the host this connection goes to */
    String host();

    /** @return the SSH port */
    int port();

    /** @return the authenticated user */
    String username();

    /** Closes the connection and every channel and forward on it. Idempotent. */
    @Override
    void close();
}
