package org.x2go.api;

/**
 * Root of every exception this library throws.
 *
 * <p>Unchecked on purpose: python-x2go rooted its hierarchy at {@code BaseException}, so generic
 * handlers missed it (spec Q-1). Here a plain {@code catch (RuntimeException e)} or
 * {@code catch (X2GoException e)} sees every library failure.
 */
public class X2GoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the offending input */
    public X2GoException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoException(String message, Throwable cause) {
        super(message, cause);
    }
}
