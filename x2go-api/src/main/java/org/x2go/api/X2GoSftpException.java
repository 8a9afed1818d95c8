package org.x2go.api;

/**
 * An SFTP channel could not be opened or an SFTP operation failed.
 */
public class X2GoSftpException extends X2GoControlSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoSftpException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoSftpException(String message, Throwable cause) {
        super(message, cause);
    }
}
