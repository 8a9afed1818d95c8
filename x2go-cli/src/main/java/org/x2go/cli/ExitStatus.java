package org.x2go.cli;

/**
 * The exit codes of the {@code x2go} command. Where pyhoca-cli defines a code for the same situation
 * the same number is used (10, 20, 21, 22, 30, 31); the others are this command's own. A failure's code
 * follows from its exception type and reason only, never from its message text (x2go-cli/README.md lists
 * them; {@code ExitCodeTableTest} runs every row).
 */
public enum ExitStatus {
    /** Success, including a session that was suspended or terminated as asked (Ctrl-C). */
    OK(0),
    /** Any failure without a more specific code (e.g. a server answer the client does not understand). */
    FAILURE(1),
    /** Bad command line: unknown option, missing server, conflicting modes, bad value. */
    USAGE(2),
    /** {@code --pack} names no NX pack method (pyhoca-cli: 10). */
    BAD_PACK(10),
    /** The server's host key is unknown or has changed. */
    HOST_KEY(11),
    /** Authentication failed (key, agent or password). */
    AUTHENTICATION(12),
    /** The SSH connection could not be made (refused, unreachable, timed out), a command timed out, or it broke. */
    CONNECTION(13),
    /** The SSH server answered, but it is no X2Go server. */
    NOT_X2GO_SERVER(14),
    /** The graphics proxy could not start ({@code nxproxy} missing, no display, tunnel failure). */
    PROXY(15),
    /** A configured backend is unknown, failed to load, or its configuration is bad. */
    BACKEND(16),
    /** The server refused or failed to start, resume, suspend or terminate a session. */
    SESSION(17),
    /** {@code -R}: the session is not on the server (pyhoca-cli: 20). */
    RESUME_UNAVAILABLE(20),
    /** {@code -S}: the session is not on the server (pyhoca-cli: 21). */
    SUSPEND_UNAVAILABLE(21),
    /** {@code -T}: the session is not on the server (pyhoca-cli: 22). */
    TERMINATE_UNAVAILABLE(22),
    /** {@code -i}: the private key file does not exist, is a directory or is not readable (pyhoca-cli: 30). */
    KEY_FILE_MISSING(30),
    /** {@code -P}: no such session profile, or the profiles or settings cannot be read (pyhoca-cli: 31). */
    PROFILE(31),
    /** A feature this command or the selected backend does not implement (desktop sharing, broker). */
    NOT_SUPPORTED(40),
    /** The command's thread was interrupted before the session could be suspended or terminated. */
    INTERRUPTED(130);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    /** @return the process exit code */
    public int code() {
        return code;
    }
}
