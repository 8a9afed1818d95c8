package org.x2go.api;

import java.util.Objects;

/**
 * Sharing a local folder (or the print spool) with a session failed: an {@link X2GoSessionException} whose
 * {@link #reason()} says what the caller can change. The session itself keeps running.
 */
public class X2GoFolderSharingException extends X2GoSessionException {
    private static final long serialVersionUID = 1L;

    /** Why sharing failed. */
    public enum Reason {
        /** The server does not let the user mount client folders ({@code fusermount} or {@code sshfs} missing). */
        NOT_AVAILABLE,
        /** The local folder cannot be shared (missing, not a directory, or a name X2Go cannot mount). */
        BAD_FOLDER,
        /** The server refused the reverse tunnel that sshfs reaches the client through (asked twice). */
        FORWARD_REFUSED,
        /** The server's {@code x2gomountdirs} or {@code sshfs} did not mount the folder. */
        MOUNT_FAILED,
        /** Unmounting failed on the server. */
        UNMOUNT_FAILED
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message what went wrong, naming the folder
     */
    public X2GoFolderSharingException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason  why
     * @param message what went wrong, naming the folder
     * @param cause   the underlying failure
     */
    public X2GoFolderSharingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why sharing failed */
    public Reason reason() {
        return reason;
    }
}
