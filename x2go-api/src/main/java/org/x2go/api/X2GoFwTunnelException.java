package org.x2go.api;

/**
 * A local port forward (for instance the graphics tunnel) could not be opened or broke.
 */
public class X2GoFwTunnelException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoFwTunnelException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoFwTunnelException(String message, Throwable cause) {
        super(message, cause);
    }
}
