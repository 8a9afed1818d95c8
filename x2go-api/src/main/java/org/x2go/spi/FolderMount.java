package org.x2go.spi;

import java.util.Objects;

/**
 * What the server needs to mount one client folder into a session with {@code sshfs}: the folder as the
 * client's SFTP server serves it, what it is for, and how to log into that server.
 *
 * @param folder    the folder's path as the client's SFTP server serves it
 * @param kind      what the folder is for
 * @param login     the user name sshfs logs into the client's SFTP server as
 * @param keyBundle the private key sshfs logs in with, then {@code ----BEGIN RSA IDENTITY----}, then the SFTP
 *                  server's host key as {@code <type> <base64>} (what {@code x2gomountdirs} reads)
 */
public record FolderMount(String folder, Kind kind, String login, String keyBundle) {

    /** What a shared folder is for. */
    public enum Kind {
        /** A folder the user shares; it appears under the session's media folder. */
        DISK,
        /** The client's print spool: the server's X2Go printer drops print jobs into it. */
        SPOOL,
        /** The client's MIME box: files the session opens on the client. */
        MIMEBOX
    }

    /** Checks that nothing is missing. */
    public FolderMount {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(keyBundle, "keyBundle");
    }

    /** @return the bundle is a secret: it is never shown */
    @Override
    public String toString() {
        return "FolderMount[folder=" + folder + ", kind=" + kind + ", login=" + login + "]";
    }
}
