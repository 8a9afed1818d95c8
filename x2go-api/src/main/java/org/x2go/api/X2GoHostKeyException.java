package org.x2go.api;

import java.util.Objects;

/**
 * The SSH server's host key was not accepted: it is unknown to the {@code known_hosts} file, it
 * differs from the key recorded there, or it is revoked there.
 *
 * <p>Carries the OpenSSH-style SHA-256 fingerprint ({@code SHA256:...}) so that a user can compare
 * it out of band before trusting the key.
 *
 * <p>A {@link X2GoConnectionException} of reason {@link X2GoConnectionException.Reason#HOST_KEY HOST_KEY}
 * ({@link #connectionReason()}); {@link #reason()} gives the host key's own reason.
 */
public class X2GoHostKeyException extends X2GoSshException {
    private static final long serialVersionUID = 1L;

    /** Why the key was rejected. */
    public enum Reason {
        /** No entry for this host (and port) exists. */
        UNKNOWN,
        /** An entry exists but names a different key: possible man-in-the-middle. */
        CHANGED,
        /** The key is listed on an {@code @revoked} line for this host: it must never be accepted. */
        REVOKED
    }

    private final String host;
    private final int port;
    private final String keyType;
    private final String fingerprint;
    private final Reason reason;

    /**
     * @param host        the host name or address that was connected to
     * @param port        the SSH port
     * @param keyType     the key algorithm, e.g. {@code ssh-ed25519}
     * @param fingerprint the key's SHA-256 fingerprint, {@code SHA256:<base64>}
     * @param reason      why it was rejected
     */
    public X2GoHostKeyException(String host, int port, String keyType, String fingerprint, Reason reason) {
        super(X2GoConnectionException.Reason.HOST_KEY, message(host, port, keyType, fingerprint, reason), null);
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.keyType = keyType;
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String message(String host, int port, String keyType, String fp, Reason reason) {
        String where = port == 22 ? host : "[" + host + "]:" + port;
        return switch (reason) {
            case UNKNOWN -> "Host key for " + where + " is not known (" + keyType + " " + fp
                    + "); verify the fingerprint and add it to known_hosts, or opt in to trust-on-first-use";
            case CHANGED -> "HOST KEY FOR " + where + " HAS CHANGED (" + keyType + " " + fp
                    + "); possible man-in-the-middle attack, connection refused";
            case REVOKED -> "Host key for " + where + " is REVOKED in known_hosts (" + keyType + " " + fp
                    + "); connection refused";
        };
    }

    /** @return the host that presented the key */
    public String host() {
        return host;
    }

    /** @return the SSH port */
    public int port() {
        return port;
    }

    /** @return the key algorithm name, e.g. {@code ssh-ed25519} */
    public String keyType() {
        return keyType;
    }

    /** @return {@code SHA256:<base64, no padding>} as OpenSSH prints it */
    public String fingerprint() {
        return fingerprint;
    }

    /** @return why the key was rejected */
    public Reason reason() {
        return reason;
    }
}
