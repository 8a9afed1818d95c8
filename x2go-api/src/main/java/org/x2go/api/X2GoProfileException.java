package org.x2go.api;

/**
 * A session profile is unknown, duplicated, malformed or cannot be stored: the profile/settings category,
 * where the user fixes a file or picks another profile. {@link X2GoClientSettingsException} and
 * {@link X2GoClientPrintingException} (the settings and printing files) belong to it.
 */
public class X2GoProfileException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoProfileException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
