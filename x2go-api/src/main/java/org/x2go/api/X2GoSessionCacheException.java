package org.x2go.api;

/**
 * The list-sessions cache has no entry for the requested profile.
 *
 * <p>A {@link X2GoSessionException}: list the profile's sessions first.
 */
public class X2GoSessionCacheException extends X2GoSessionException {
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
