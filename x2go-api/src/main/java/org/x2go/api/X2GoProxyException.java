package org.x2go.api;

import java.util.Objects;

/**
 * The local graphics proxy (e.g. {@code nxproxy}) could not be started, or its tunnel failed. The
 * {@link #reason() reason} says what a caller can do about it: install the binary, set a display, or run
 * without graphics.
 */
public class X2GoProxyException extends X2GoException {
    private static final long serialVersionUID = 1L;

    /** What went wrong with the proxy, as far as a caller acts on it. */
    public enum Reason {
        /** The proxy draws on a local X display and none is available (e.g. {@code DISPLAY} unset). */
        NO_DISPLAY,
        /** The proxy program is missing or not executable. */
        BINARY_MISSING,
        /** The proxy program could not be started or ended at once. */
        START_FAILED,
        /** The local end of the graphics tunnel could not be opened. */
        TUNNEL,
        /** The server's agent data (cookie, port, display, session name) is unusable for the proxy. */
        BAD_SESSION_DATA,
        /** Any other proxy failure (local files, an unusable option). */
        OTHER
    }

    private final Reason reason;

    /**
     * A proxy failure of reason {@link Reason#OTHER}.
     *
     * @param message what went wrong, naming the offending input
     */
    public X2GoProxyException(String message) {
        this(Reason.OTHER, message, null);
    }

    /**
     * A proxy failure of reason {@link Reason#OTHER}.
     *
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure
     */
    public X2GoProxyException(String message, Throwable cause) {
        this(Reason.OTHER, message, cause);
    }

    /**
     * @param reason  what went wrong
     * @param message what went wrong, naming the offending input
     */
    public X2GoProxyException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason  what went wrong
     * @param message what went wrong, naming the offending input
     * @param cause   the underlying failure, or {@code null}
     */
    public X2GoProxyException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return what went wrong */
    public Reason reason() {
        return reason;
    }
}
