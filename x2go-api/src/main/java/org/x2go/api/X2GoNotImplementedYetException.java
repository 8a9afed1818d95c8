package org.x2go.api;

/**
 * The requested feature is specified but not implemented by this library or backend yet.
 *
 * <p>A {@link X2GoBackendException}: choose another backend or do without the feature.
 */
public class X2GoNotImplementedYetException extends X2GoBackendException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoNotImplementedYetException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoNotImplementedYetException(String message, Throwable cause) {
        super(message, cause);
    }
}
