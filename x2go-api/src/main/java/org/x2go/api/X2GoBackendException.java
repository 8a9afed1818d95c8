package org.x2go.api;

/**
 * A backend (SPI provider) could not be selected: unknown name, ambiguous name, or a provider that failed to load;
 * or a backend's configuration is invalid. The configuration/backend category: the integrator fixes the
 * configuration or the class path. {@link X2GoNotImplementedYetException} (a backend lacks a feature) belongs to it.
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
