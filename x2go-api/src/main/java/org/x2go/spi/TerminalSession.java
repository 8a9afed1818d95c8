package org.x2go.spi;

import org.x2go.api.AgentInfo;

/**
 * One server session this client started or resumed (spec §8). The graphics proxy is started by the
 * caller between {@link TerminalSessionProvider#start} and {@link #runCommand()}.
 */
public interface TerminalSession extends AutoCloseable {
    /** @return the agent facts; after a resume, the ports the server returned */
    AgentInfo agent();

    /** @return the session name */
    default String sessionName() {
        return agent().sessionName();
    }

    /** Runs the session's command ({@code x2goruncommand}, backgrounded on the server). */
    void runCommand();

    /** Suspends the server session. */
    void suspend();

    /** Terminates the server session. */
    void terminate();

    /**
     * Mounts a client folder into this session: the server's {@code x2gomountdirs} runs {@code sshfs}, which
     * logs into the client's SFTP server through the reverse tunnel the caller has opened on the session's
     * {@link AgentInfo#sshfsPort() sshfs port}. The key bundle reaches the server in a file that is removed
     * again whatever happens.
     *
     * @param mount the folder and the login
     * @throws org.x2go.api.X2GoFolderSharingException    when the server does not allow sshfs (reason
     *         NOT_AVAILABLE) or the mount fails (MOUNT_FAILED, with the server's answer)
     * @throws org.x2go.api.X2GoTerminalSessionException  when the session is not running here
     * @throws org.x2go.api.X2GoNotImplementedYetException when the backend cannot share folders
     */
    default void mountFolder(FolderMount mount) {
        throw new org.x2go.api.X2GoNotImplementedYetException(getClass().getSimpleName()
                + " cannot share folders");
    }

    /**
     * Unmounts one shared folder, or all of them.
     *
     * @param folder the folder as it was mounted ({@link FolderMount#folder()}), or empty for every folder
     * @throws org.x2go.api.X2GoFolderSharingException    when the server reports a failure (UNMOUNT_FAILED)
     * @throws org.x2go.api.X2GoNotImplementedYetException when the backend cannot share folders
     */
    default void unmountFolders(java.util.Optional<String> folder) {
        throw new org.x2go.api.X2GoNotImplementedYetException(getClass().getSimpleName()
                + " cannot share folders");
    }

    /** Releases client-side resources; the server session is left as it is. Idempotent. */
    @Override
    void close();
}
