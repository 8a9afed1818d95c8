package org.x2go.api;

/**
 * The graphics proxy (e.g. {@code nxproxy}) could not be started or exited abnormally.
 */
public class X2GoProxyException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoProxyException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoProxyException(String message, Throwable cause) {
        super(message, cause);
    }
}
