package org.x2go.api;

/**
 * The client settings store (e.g. {@code ~/.x2goclient/settings}) is unreadable, malformed or cannot be written.
 */
public class X2GoClientSettingsException extends X2GoException {
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
