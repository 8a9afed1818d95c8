package org.x2go.api;

/**
 * A backend (SPI provider) could not be selected: unknown name, ambiguous name, or a provider that failed to load.
 */
public class X2GoBackendException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoBackendException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
