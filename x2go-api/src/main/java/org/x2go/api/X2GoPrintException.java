package org.x2go.api;

/**
 * Handling a print job failed.
 */
public class X2GoPrintException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoPrintException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoPrintException(String message, Throwable cause) {
        super(message, cause);
    }
}
