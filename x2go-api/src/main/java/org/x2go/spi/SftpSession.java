package org.x2go.spi;

/** An SFTP channel on a {@link RemoteShell}'s connection. Paths are remote paths. */
public interface SftpSession extends AutoCloseable {
    /**
     * Writes (creates or replaces) a remote file.
     *
     * @param remotePath the file
     * @param content    its bytes
     */
    void write(String remotePath, byte[] content);

    /**
     * @param remotePath the file
     * @return its bytes
     */
    byte[] read(String remotePath);

    /** @param remotePath the file to remove */
    void remove(String remotePath);

    /** Closes the channel, not the connection. Idempotent. */
    @Override
    void close();
}
