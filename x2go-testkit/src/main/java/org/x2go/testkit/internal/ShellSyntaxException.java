package org.x2go.testkit.internal;

/** A command line uses shell syntax the fake's small interpreter does not understand. */
public final class ShellSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is unsupported, naming the input */
    public ShellSyntaxException(String message) {
        super(message);
    }
}
