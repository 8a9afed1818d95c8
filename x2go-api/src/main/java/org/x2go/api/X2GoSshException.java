package org.x2go.api;

/**
 * A failure reported by the SSH transport that has no more specific type.
 */
public class X2GoSshException extends X2GoControlSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoSshException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoSshException(String message, Throwable cause) {
        super(message, cause);
    }
}
