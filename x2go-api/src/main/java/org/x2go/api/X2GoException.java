package org.x2go.api;

/**
 * Root of every exception this library throws.
 *
 * <p>Unchecked on purpose: python-x2go rooted its hierarchy at {@code BaseException}, so generic
 * handlers missed it (spec Q-1). Here a plain {@code catch (RuntimeException e)} or
 * {@code catch (X2GoException e)} sees every library failure.
 *
 * <p>The direct subclasses are the categories a caller handles differently (details in reason enums):
 * <ul>
 *   <li>{@link X2GoBackendException}: configuration or backend (fix the configuration or class path);</li>
 *   <li>{@link X2GoConnectionException}: connection, with {@link X2GoConnectionException.Reason} (authentication,
 *       host key, timeout, refused, unreachable, not an X2Go server, lost);</li>
 *   <li>{@link X2GoProtocolException}: the server's answer is not understood (a server bug or an unsupported
 *       version; retrying does not help);</li>
 *   <li>{@link X2GoSessionException}: one session operation failed or named no session;</li>
 *   <li>{@link X2GoProxyException}: the local graphics proxy, with {@link X2GoProxyException.Reason};</li>
 *   <li>{@link X2GoProfileException}: a profile, settings or printing file;</li>
 *   <li>{@link X2GoPrintException}: one print job; {@link X2GoClientException}: misuse of the client.</li>
 * </ul>
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
