package org.x2go.api;

/**
 * The list-sessions cache has no entry for the requested profile.
 */
public class X2GoSessionCacheException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoSessionCacheException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoSessionCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
