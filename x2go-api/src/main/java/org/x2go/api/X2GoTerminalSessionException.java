package org.x2go.api;

/**
 * Starting, resuming or driving an X2Go session on the server failed (e.g. {@code x2gostartagent} gave no usable answer).
 *
 * <p>A {@link X2GoSessionException}; kept under its python-x2go name.
 */
public class X2GoTerminalSessionException extends X2GoSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoTerminalSessionException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoTerminalSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
