package org.x2go.api;

/**
 * An operation on one X2Go session failed (wrong state, missing server session, the server refused to
 * start, resume, suspend or terminate it): the category a caller catches to pick another session or tell
 * the user what the server said. The connection itself is fine.
 *
 * <p>Subclasses keep the python-x2go names: {@link X2GoTerminalSessionException} (the server's session
 * commands failed), {@link X2GoDesktopSharingDeniedException}, {@link X2GoSessionRegistryException} and
 * {@link X2GoSessionCacheException} (the caller named a session or profile the client does not hold).
 */
public class X2GoSessionException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoSessionException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
