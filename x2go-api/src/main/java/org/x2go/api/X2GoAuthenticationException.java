package org.x2go.api;

/**
 * The SSH server rejected every offered authentication method.
 */
public class X2GoAuthenticationException extends X2GoSshException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoAuthenticationException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
