package org.x2go.api;

/**
 * The control session (the established SSH connection of a profile) is not connected, died, or a command
 * on it failed: a {@link X2GoConnectionException}, of reason {@link Reason#LOST LOST} unless its cause or
 * subclass says otherwise. Kept under its python-x2go name; new code catches
 * {@link X2GoConnectionException} and looks at its {@link #connectionReason() reason}.
 */
public class X2GoControlSessionException extends X2GoConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * A connection failure of reason {@link Reason#LOST}.
     *
     * @param message what went wrong, naming the offending input
     */
    public X2GoControlSessionException(String message) {
        super(Reason.LOST, message);
    }

    /**
     * A connection failure of the reason the cause implies ({@link #reasonOf(Throwable, Reason)}), else
     * {@link Reason#LOST}.
     *
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoControlSessionException(String message, Throwable cause) {
        super(reasonOf(cause, Reason.LOST), message, cause);
    }

    /**
     * @param reason  what went wrong
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure, or {@code null}
     */
    public X2GoControlSessionException(Reason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
