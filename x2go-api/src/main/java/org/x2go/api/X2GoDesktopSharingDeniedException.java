package org.x2go.api;

/**
 * The owner of a desktop refused to share it.
 */
public class X2GoDesktopSharingDeniedException extends X2GoSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoDesktopSharingDeniedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoDesktopSharingDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
