package org.x2go.spi;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.slf4j.LoggerFactory;
import org.x2go.api.X2GoFwTunnelException;

/**
 * A reverse port forward ({@code ssh -R}): the SSH server listens on {@code 127.0.0.1:}{@link #serverPort()} and
 * every connection made there is tunnelled to {@link #localTarget()} on the client. Folder sharing and printing
 * use one so that the server's {@code sshfs} reaches the client's SFTP server.
 */
public interface RemoteForward extends AutoCloseable {

    /** @return the port the server listens on */
    int serverPort();

    /** @return where connections are sent on the client */
    InetSocketAddress localTarget();

    /**
     * Stops the server listening (cancels the forward) but keeps it for {@link #resume()}. Connections already
     * tunnelled stay open. Idempotent.
     */
    void pause();

    /**
     * Asks the server to listen again after {@link #pause()}. Idempotent.
     *
     * @throws X2GoFwTunnelException when the server refuses
     */
    void resume();

    /** @return whether the forward is paused (or closed) */
    boolean isPaused();

    /** Cancels the forward for good and closes its tunnelled connections. Idempotent. */
    @Override
    void close();

    /**
     * Opens a reverse forward as X2Go clients do: when the server refuses, wait {@code retryDelay} and ask once
     * more (the port may still be held by a forward of a connection that is just closing).
     *
     * @param shell       the connection
     * @param serverPort  the port on the server's loopback interface
     * @param localTarget where connections go on the client
     * @param retryDelay  the wait before the second request
     * @return the open forward
     * @throws X2GoFwTunnelException when the server refuses twice; the message names the port
     */
    static RemoteForward openWithRetry(RemoteShell shell, int serverPort, InetSocketAddress localTarget,
                                       Duration retryDelay) {
        try {
            return shell.forwardRemote(serverPort, localTarget);
        } catch (X2GoFwTunnelException first) {
            LoggerFactory.getLogger(RemoteForward.class).debug(
                    "server refused the reverse forward of port {} ({}); asking again in {} ms", serverPort,
                    first.getMessage(), retryDelay.toMillis());
            try {
                Thread.sleep(retryDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new X2GoFwTunnelException("interrupted before asking again for reverse forward of server port "
                        + serverPort, e);
            }
            try {
                return shell.forwardRemote(serverPort, localTarget);
            } catch (X2GoFwTunnelException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }
}
