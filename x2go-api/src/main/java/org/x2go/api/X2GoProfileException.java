package org.x2go.api;

/**
 * A session profile is unknown, duplicated, malformed or cannot be stored.
 */
public class X2GoProfileException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoProfileException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
