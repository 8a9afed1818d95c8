package org.x2go.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.x2go.api.PublishedApplication;
import org.x2go.api.SessionList;

/**
 * The control channel of one connected profile: one SSH connection shared by all sessions of the
 * profile (spec §7). Thread-safe.
 */
public interface ControlSession extends AutoCloseable {

    /**
     * Runs a server command wrapped in the {@code X2GODATABEGIN:<id>}/{@code X2GODATAEND:<id>} markers
     * (spec R-CTL-1/2), so login-shell noise never reaches the caller.
     *
     * @param command the command as built by the backend's command builder (arguments already quoted)
     * @return stdout between the markers, stderr unfiltered, and the exit status
     * @throws org.x2go.api.X2GoControlSessionException when not connected or the connection died
     * @throws org.x2go.api.X2GoTimeOutException        when the command does not finish within the time limit
     */
    CommandResult run(String command);

    /** @return the server's feature list ({@code x2gofeaturelist}), cached after the first call */
    Set<String> features();

    /** @return component → version from {@code x2goversion}, cached after the first call */
    Map<String, String> versions();

    /** @return the remote user's home directory, cached */
    String remoteHome();

    /** @return the server sessions of the user, including shadow sessions when the server supports them */
    SessionList listSessions();

    /** @return the desktops that could be shared ({@code user@:display}); no empty entries */
    List<String> listDesktops();

    /**
     * @param sessionName a session
     * @return its mount lines ({@code client|server path})
     */
    List<String> listMounts(String sessionName);

    /** @param sessionName the session to suspend; an unknown name is not an error (the server ignores it) */
    void suspend(String sessionName);

    /** @param sessionName the session to terminate; an unknown name is not an error */
    void terminate(String sessionName);

    /**
     * The applications the server publishes ({@code x2gogetapps}, spec R-CTL-12). Added after the first
     * release of this interface, hence the default.
     *
     * @return the published applications, empty when the server lacks {@code X2GO_PUBLISHED_APPLICATIONS}
     * @throws org.x2go.api.X2GoNotImplementedYetException when the backend does not support it
     */
    default List<PublishedApplication> publishedApplications() {
        throw new org.x2go.api.X2GoNotImplementedYetException(getClass().getName()
                + " does not implement publishedApplications()");
    }

    /** @return true when a trivial command still runs on the connection */
    boolean isAlive();

    /** @return the transport this control session runs on */
    RemoteShell shell();

    /** Closes the SSH connection. Idempotent. */
    @Override
    void close();
}
