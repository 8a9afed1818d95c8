package org.x2go.api;

/**
 * A local port forward (for instance the graphics tunnel) could not be opened or broke: a
 * {@link X2GoProxyException} of reason {@link X2GoProxyException.Reason#TUNNEL TUNNEL}. Kept under its
 * python-x2go name; new code catches {@link X2GoProxyException} and looks at its reason.
 */
public class X2GoFwTunnelException extends X2GoProxyException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoFwTunnelException(String message) {
        super(Reason.TUNNEL, message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoFwTunnelException(String message, Throwable cause) {
        super(Reason.TUNNEL, message, cause);
    }
}
