package org.x2go.api;

/**
 * Receives session life-cycle notifications: the Java form of python-x2go's {@code HOOK_on_*}
 * methods (spec R-REG-18, R-CLI-16). Every method has an empty default, so implement only what you
 * need.
 *
 * <p>Listeners are called outside every registry lock, on a notification thread, in the order the
 * changes were observed; they may call back into the registry or client. An exception thrown by a
 * listener is logged and does not affect other listeners.
 *
 * <table>
 *   <caption>python hook to Java method</caption>
 *   <tr><th>python-x2go</th><th>Java</th></tr>
 *   <tr><td>HOOK_on_found_session_running_after_connect</td><td>{@link #onFoundRunningAfterConnect}</td></tr>
 *   <tr><td>HOOK_on_session_has_started_by_me / _by_other</td><td>{@link #onStarted} with the cause</td></tr>
 *   <tr><td>HOOK_on_session_has_resumed_by_me / _by_other</td><td>{@link #onResumed} with the cause</td></tr>
 *   <tr><td>HOOK_on_session_has_been_suspended</td><td>{@link #onSuspended} with the cause</td></tr>
 *   <tr><td>HOOK_on_session_has_terminated</td><td>{@link #onTerminated} with the cause</td></tr>
 *   <tr><td>HOOK_on_control_session_death</td><td>{@link #onControlSessionDeath}</td></tr>
 *   <tr><td>HOOK_session_startup_failed</td><td>{@link #onSessionStartupFailed}</td></tr>
 * </table>
 */
public interface SessionListener {

    /** @param event a running session found on the server right after connecting */
    default void onFoundRunningAfterConnect(SessionEvent event) {
    }

    /** @param event a session started; {@link SessionEvent#cause()} tells by whom */
    default void onStarted(SessionEvent event) {
    }

    /** @param event a suspended session runs again */
    default void onResumed(SessionEvent event) {
    }

    /** @param event a running session was suspended */
    default void onSuspended(SessionEvent event) {
    }

    /** @param event a session ended */
    default void onTerminated(SessionEvent event) {
    }

    /** @param event a server session was added to the registry by auto-registration */
    default void onRegistered(SessionEvent event) {
    }

    /**
     * @param profileName the profile whose SSH connection died
     * @param cause       the failure, if known (may be null)
     */
    default void onControlSessionDeath(String profileName, Throwable cause) {
    }

    /**
     * @param profileName the profile whose session failed to start
     * @param cause       the failure
     */
    default void onSessionStartupFailed(String profileName, Throwable cause) {
    }

    /**
     * The local graphics proxy of a running session exited although this client was not suspending or
     * terminating the session; the session's record is now FAULTY. Who ended the proxy is unknown (it
     * crashed or was killed, or another client took the session over); the next status update tells
     * what the server makes of the session.
     *
     * @param sessionUuid the record
     * @param profileName the profile's name
     * @param sessionName the server session name
     * @param exitCode    the proxy's exit status
     * @param logTail     the end of the proxy's log, bounded and escaped ({@link SafeText}); may be empty
     */
    default void onProxyDied(java.util.UUID sessionUuid, String profileName, String sessionName, int exitCode,
                             String logTail) {
    }

    /**
     * A folder this client shares automatically (the session's {@link TerminalParams#shareFolders()}, or a share
     * mounted again after a resume) could not be shared after this client started or resumed the session; the
     * session runs on without it. Called on the thread that started or resumed the session, before that call
     * returns, for listeners given to the client ({@code X2GoClient.Builder.listener} or
     * {@code X2GoClient.addListener}).
     *
     * @param sessionUuid the record
     * @param profileName the profile's name
     * @param sessionName the server session name
     * @param folder      the local folder
     * @param failure     why (its {@link X2GoFolderSharingException#reason() reason})
     */
    default void onFolderShareFailed(java.util.UUID sessionUuid, String profileName, String sessionName,
                                     java.nio.file.Path folder, X2GoFolderSharingException failure) {
    }

    /**
     * Dispatches an event to the method for its kind. Implementations rarely override this.
     *
     * @param event the event to deliver
     */
    default void dispatch(SessionEvent event) {
        switch (event.kind()) {
            case FOUND_RUNNING_AFTER_CONNECT -> onFoundRunningAfterConnect(event);
            case STARTED -> onStarted(event);
            case RESUMED -> onResumed(event);
            case SUSPENDED -> onSuspended(event);
            case TERMINATED -> onTerminated(event);
            case REGISTERED -> onRegistered(event);
        }
    }
}
