package org.x2go.api;

/**
 * The remote user's home directory does not exist on the X2Go server.
 *
 * <p>A {@link X2GoConnectionException} of reason {@link X2GoConnectionException.Reason#FAILED FAILED}: the connection works, the account does not.
 */
public class X2GoRemoteHomeException extends X2GoControlSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoRemoteHomeException(String message) {
        super(Reason.FAILED, message, null);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoRemoteHomeException(String message, Throwable cause) {
        super(Reason.FAILED, message, cause);
    }
}
