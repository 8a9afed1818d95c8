package org.x2go.api;

/**
 * The control session (the SSH connection of a profile) is not connected, timed out, or died while a command ran.
 */
public class X2GoControlSessionException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoControlSessionException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoControlSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
