package org.x2go.api;

/**
 * An operation did not finish within its time limit.
 */
public class X2GoTimeOutException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoTimeOutException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoTimeOutException(String message, Throwable cause) {
        super(message, cause);
    }
}
