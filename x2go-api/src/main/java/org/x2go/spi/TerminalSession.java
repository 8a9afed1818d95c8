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

    /** Releases client-side resources; the server session is left as it is. Idempotent. */
    @Override
    void close();
}
