/**
 * The client end of X2Go folder sharing and print spooling.
 *
 * <p>The X2Go server mounts a client folder with {@code sshfs}, which logs into an SFTP server on the client
 * through a reverse tunnel of the control connection. {@link org.x2go.folders.FolderShareServer} is that SFTP
 * server: loopback only, one throw-away key pair per instance, and every request confined to the folders shared
 * with it.
 */
package org.x2go.folders;
