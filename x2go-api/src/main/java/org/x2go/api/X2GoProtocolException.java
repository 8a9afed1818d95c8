package org.x2go.api;

/**
 * The server answered, but not as the X2Go protocol says: a framing marker is missing, a reply cannot be
 * parsed. A server bug, an unsupported server version or a login script that writes into the command
 * channel; retrying or other credentials do not help, the connection itself may be fine.
 */
public class X2GoProtocolException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input (escaped and cut) */
    public X2GoProtocolException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input (escaped and cut)
     * @param cause   the underlying failure
     */
    public X2GoProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
