package org.x2go.api;

/**
 * The client printing configuration (e.g. {@code ~/.x2goclient/printing}) is unreadable, malformed or cannot be written.
 *
 * <p>A {@link X2GoProfileException} (the profile/settings category: the user fixes a file).
 */
public class X2GoClientPrintingException extends X2GoProfileException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoClientPrintingException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoClientPrintingException(String message, Throwable cause) {
        super(message, cause);
    }
}
