package org.x2go.api;

/**
 * The SSH connection could not be made: a {@link X2GoConnectionException} of the reason its cause implies
 * ({@link #reasonOf(Throwable, Reason)}: refused, unreachable, timeout), else {@link Reason#FAILED FAILED};
 * its subclasses fix the reason ({@link X2GoAuthenticationException}, {@link X2GoHostKeyException}).
 * Kept under its python-x2go name; new code catches {@link X2GoConnectionException}.
 */
public class X2GoSshException extends X2GoConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * A connection failure of reason {@link Reason#FAILED}.
     *
     * @param message what went wrong, naming the offending input
     */
    public X2GoSshException(String message) {
        super(Reason.FAILED, message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure; its type decides the reason
     */
    public X2GoSshException(String message, Throwable cause) {
        super(reasonOf(cause, Reason.FAILED), message, cause);
    }

    /**
     * @param reason  what went wrong
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure, or {@code null}
     */
    public X2GoSshException(Reason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
