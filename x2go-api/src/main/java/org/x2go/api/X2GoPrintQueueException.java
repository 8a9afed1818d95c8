package org.x2go.api;

/**
 * The print spool directory could not be watched or read.
 */
public class X2GoPrintQueueException extends X2GoPrintException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoPrintQueueException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoPrintQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
