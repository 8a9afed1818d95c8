package org.x2go.api;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The connection to the server could not be made, was refused at the SSH level, or broke: the category a
 * caller catches to retry, ask for other credentials, or let the user accept a host key. The
 * {@link #connectionReason() reason} says which. (The accessor is not called {@code reason()} because
 * {@link X2GoHostKeyException#reason()} already names the host key's own, finer reason.)
 *
 * <p>The python-x2go names stay as subclasses: {@link X2GoSshException} (with
 * {@link X2GoAuthenticationException}, {@link X2GoPasswordRequiredException} and
 * {@link X2GoHostKeyException}) for failures while connecting, and {@link X2GoControlSessionException}
 * (with {@link X2GoTimeOutException}, {@link X2GoNotAnX2GoServerException}, {@link X2GoSftpException} and
 * {@link X2GoRemoteHomeException}) for an established connection of a profile.
 */
public class X2GoConnectionException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** The longest cause chain {@link #reasonOf(Throwable, Reason)} walks. */
    private static final int MAX_CAUSES = 32;

    /** What went wrong with the connection, as far as a caller acts on it. */
    public enum Reason {
        /** The server refused the credentials (key, agent, password) or a passphrase is missing. */
        AUTHENTICATION,
        /** The server's host key is unknown, changed or revoked (see {@link X2GoHostKeyException#reason()}). */
        HOST_KEY,
        /** No answer within a time limit: connect, SSH handshake, authentication or a command. */
        TIMEOUT,
        /** Nothing listens at the address and port (TCP connection refused). */
        REFUSED,
        /** The host name does not resolve or there is no route to it. */
        UNREACHABLE,
        /** The SSH server answered, but it is no X2Go server. */
        NOT_X2GO_SERVER,
        /** An established connection broke or was closed. */
        LOST,
        /** Any other connection failure (a known_hosts or key file unreadable, an SSH error, SFTP). */
        FAILED
    }

    private final Reason reason;

    /**
     * @param reason  what went wrong
     * @param message what went wrong, naming the offending input
     */
    public X2GoConnectionException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason  what went wrong
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure, or {@code null}
     */
    public X2GoConnectionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return what went wrong */
    public Reason connectionReason() {
        return reason;
    }

    /**
     * The reason a cause implies, by its type only: the nearest {@link X2GoConnectionException} in the
     * chain gives its own; otherwise an unresolvable host or missing route means {@link Reason#UNREACHABLE},
     * a refused TCP connect {@link Reason#REFUSED}, a socket or future timeout {@link Reason#TIMEOUT}.
     *
     * @param cause    the underlying failure, or {@code null}
     * @param fallback the reason when the chain implies none
     * @return the reason
     */
    public static Reason reasonOf(Throwable cause, Reason fallback) {
        Objects.requireNonNull(fallback, "fallback");
        Throwable c = cause;
        // bounded: a cause chain may be long or (through a buggy library) cyclic
        for (int i = 0; c != null && i < MAX_CAUSES; i++, c = c.getCause()) {
            if (c instanceof X2GoConnectionException x) {
                return x.connectionReason();
            }
            if (c instanceof UnknownHostException || c instanceof NoRouteToHostException) {
                return Reason.UNREACHABLE;
            }
            if (c instanceof ConnectException) {
                return Reason.REFUSED;
            }
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException) {
                return Reason.TIMEOUT;
            }
        }
        return fallback;
    }
}
