package org.x2go.cli.internal;

import java.util.Objects;

import org.x2go.cli.ExitStatus;

/**
 * A problem the user can fix on the command line (or in a profile): reported as one line, never
 * with a stack trace, and ends the command with its {@link #status()}.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exit status; enums are serializable. */
    private final ExitStatus status;

    /**
     * @param status  the exit status
     * @param message the one-line message
     */
    public UsageException(ExitStatus status, String message) {
        super(message);
        this.status = Objects.requireNonNull(status, "status");
    }

    /** @return the exit status */
    public ExitStatus status() {
        return status;
    }
}
