package org.x2go.api;

/**
 * The remote user lacks a permission the operation needs (e.g. sshfs/fusermount for folder sharing).
 */
public class X2GoUserException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoUserException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoUserException(String message, Throwable cause) {
        super(message, cause);
    }
}
