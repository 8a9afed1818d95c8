package org.x2go.spi;

import org.x2go.api.AgentInfo;
import org.x2go.api.SessionInfo;

/**
 * Parses single-session answers of the server (spec R-INF-1, R-INF-7). Not a selectable backend any more
 * ({@link org.x2go.api.BackendKind#INFO} is deprecated): the terminal and list backends use their own parser.
 */
public interface SessionInfoParser extends NamedProvider {
    /**
     * @param line one {@code x2golistsessions} line
     * @return the session
     * @throws IllegalArgumentException naming the field when the line is malformed
     */
    SessionInfo parseLine(String line);

    /**
     * @param output the output of {@code x2gostartagent} (7 or 9 lines)
     * @return the agent facts
     * @throws org.x2go.api.X2GoTerminalSessionException when the output is not a valid answer
     *         (the server's error text is included)
     */
    AgentInfo parseAgent(String output);
}
