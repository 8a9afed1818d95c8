package org.x2go.api;

/**
 * A print action (viewer, save, print command) could not be carried out.
 */
public class X2GoPrintActionException extends X2GoPrintException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoPrintActionException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoPrintActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
