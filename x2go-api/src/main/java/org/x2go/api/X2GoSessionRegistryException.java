package org.x2go.api;

/**
 * A session registry lookup or update was invalid: unknown UUID, ambiguous session name, or contradictory selectors.
 *
 * <p>A {@link X2GoSessionException}: the caller named a session that is not there, or named it ambiguously.
 */
public class X2GoSessionRegistryException extends X2GoSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoSessionRegistryException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoSessionRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
