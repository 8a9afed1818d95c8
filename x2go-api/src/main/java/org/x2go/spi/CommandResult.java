package org.x2go.spi;

import java.util.Objects;

/**
 * The outcome of one remote command.
 *
 * @param stdout     standard output, decoded as UTF-8
 * @param stderr     standard error, decoded as UTF-8
 * @param exitStatus the remote exit status, {@code -1} when the server sent none
 */
public record CommandResult(String stdout, String stderr, int exitStatus) {
    /** Normalises missing streams to empty text. */
    public CommandResult {
        stdout = Objects.requireNonNullElse(stdout, "");
        stderr = Objects.requireNonNullElse(stderr, "");
    }
}
