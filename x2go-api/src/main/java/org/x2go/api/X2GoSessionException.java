package org.x2go.api;

/**
 * An operation on one X2Go session failed (wrong state, missing server session, ...).
 */
public class X2GoSessionException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoSessionException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
