package org.x2go.api;

/**
 * An operation did not finish within its time limit.
 *
 * <p>A {@link X2GoConnectionException} of reason {@link X2GoConnectionException.Reason#TIMEOUT TIMEOUT}: the SSH connect, handshake or authentication, or a command on an established connection (a
 * {@link X2GoControlSessionException}, as python-x2go's callers expect), got no answer in time.
 */
public class X2GoTimeOutException extends X2GoControlSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoTimeOutException(String message) {
        super(Reason.TIMEOUT, message, null);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoTimeOutException(String message, Throwable cause) {
        super(Reason.TIMEOUT, message, cause);
    }
}
