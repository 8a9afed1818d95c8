package org.x2go.api;

/**
 * Misuse of the client facade (it is closed, the profile is not connected): a programming error of the
 * caller, not a failure of the server or the network.
 */
public class X2GoClientException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoClientException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
