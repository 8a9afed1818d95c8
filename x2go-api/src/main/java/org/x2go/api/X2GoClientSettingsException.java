package org.x2go.api;

/**
 * The client settings store (e.g. {@code ~/.x2goclient/settings}) is unreadable, malformed or cannot be written.
 *
 * <p>A {@link X2GoProfileException} (the profile/settings category: the user fixes a file).
 */
public class X2GoClientSettingsException extends X2GoProfileException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoClientSettingsException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoClientSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
