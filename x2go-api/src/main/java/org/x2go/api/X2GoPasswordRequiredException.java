package org.x2go.api;

/**
 * A private key needs a passphrase (or the server a password) and none was given.
 */
public class X2GoPasswordRequiredException extends X2GoAuthenticationException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoPasswordRequiredException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoPasswordRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
