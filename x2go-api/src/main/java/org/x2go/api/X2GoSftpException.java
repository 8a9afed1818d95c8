package org.x2go.api;

/**
 * An SFTP channel could not be opened or an SFTP operation failed.
 *
 * <p>A {@link X2GoConnectionException} of reason {@link X2GoConnectionException.Reason#FAILED FAILED},
 * or the one its cause implies ({@link #reasonOf(Throwable, Reason)}).
 */
public class X2GoSftpException extends X2GoControlSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoSftpException(String message) {
        super(Reason.FAILED, message, null);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoSftpException(String message, Throwable cause) {
        super(reasonOf(cause, Reason.FAILED), message, cause);
    }
}
