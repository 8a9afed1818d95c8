package org.x2go.api;

/**
 * Who caused a session state change that a {@link SessionListener} is told about. An event never
 * claims more than what this client did or saw: the server's session list shows states, not who
 * changed them.
 *
 * <table>
 *   <caption>Causes by event kind and the evidence behind them</caption>
 *   <tr><th>kind</th><th>cause</th><th>when (evidence)</th></tr>
 *   <tr><td>STARTED, RESUMED</td><td>{@link #BY_THIS_CLIENT}</td>
 *       <td>this client started or resumed the session (its own start or resume succeeded, or the server
 *       lists running a session this client is starting or resuming)</td></tr>
 *   <tr><td>SUSPENDED, TERMINATED</td><td>{@link #BY_THIS_CLIENT}</td>
 *       <td>inside this client's own suspend or terminate: from the request until the server lists the
 *       session as suspended, or no longer lists it</td></tr>
 *   <tr><td>RESUMED</td><td>{@link #BY_OTHER_CLIENT}</td>
 *       <td>a session this client saw suspended is listed running and this client did not resume it: only
 *       a client resumes a suspended session</td></tr>
 *   <tr><td>STARTED</td><td>{@link #BY_OTHER_CLIENT}</td>
 *       <td>a registered record that this client never started or resumed is listed running</td></tr>
 *   <tr><td>REGISTERED, FOUND_RUNNING_AFTER_CONNECT</td><td>{@link #BY_OTHER_CLIENT}</td>
 *       <td>the server lists a session this client did not start while connected (another client, or
 *       an earlier run of this program, started it)</td></tr>
 *   <tr><td>SUSPENDED</td><td>{@link #BY_SERVER}</td>
 *       <td>a running session is listed suspended outside an own suspend: another client suspended it,
 *       or its agent suspended itself when its graphics proxy went away; the list cannot tell which</td></tr>
 *   <tr><td>TERMINATED</td><td>{@link #BY_SERVER}</td>
 *       <td>a session is no longer listed, or listed ended, outside an own terminate (also when it ended
 *       during an own suspend): its command exited, or another client or the server terminated it</td></tr>
 * </table>
 */
public enum EventCause {
    /** This client (this JVM's {@code X2GoClient}) asked for it; see the table above. */
    BY_THIS_CLIENT,
    /** Another X2Go client: only where the server's list shows a change that only a client makes. */
    BY_OTHER_CLIENT,
    /**
     * Seen on the server, cause unknown: the server's list shows the change but not who made it (a
     * command that exited, another client's suspend or terminate, an agent that suspended itself).
     */
    BY_SERVER
}
