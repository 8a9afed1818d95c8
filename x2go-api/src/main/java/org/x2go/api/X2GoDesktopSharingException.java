package org.x2go.api;

/**
 * A desktop-sharing request was malformed (a desktop ID lacks the user or the display).
 */
public class X2GoDesktopSharingException extends X2GoSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoDesktopSharingException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoDesktopSharingException(String message, Throwable cause) {
        super(message, cause);
    }
}
