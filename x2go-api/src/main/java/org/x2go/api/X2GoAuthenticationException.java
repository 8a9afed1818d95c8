package org.x2go.api;

/**
 * The SSH server rejected every offered authentication method.
 *
 * <p>A {@link X2GoConnectionException} of reason {@link X2GoConnectionException.Reason#AUTHENTICATION AUTHENTICATION}.
 */
public class X2GoAuthenticationException extends X2GoSshException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoAuthenticationException(String message) {
        super(Reason.AUTHENTICATION, message, null);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoAuthenticationException(String message, Throwable cause) {
        super(Reason.AUTHENTICATION, message, cause);
    }
}
