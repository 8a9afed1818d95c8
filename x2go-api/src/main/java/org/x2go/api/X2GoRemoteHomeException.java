package org.x2go.api;

/**
 * The remote user's home directory does not exist on the X2Go server.
 */
public class X2GoRemoteHomeException extends X2GoControlSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoRemoteHomeException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoRemoteHomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
