package org.x2go.testkit;

/**
 * The agent's own state, as the real server keeps it in {@code ~/.x2go/C-<session>/state}
 * (real-server README §3.6). The fake writes the same file into its file system.
 */
public enum AgentState {
    /** After {@code x2gostartagent}, before any proxy attached. */
    STARTING,
    /** A proxy is attached. */
    RUNNING,
    /** Being suspended (transient; the fake passes through it instantly). */
    SUSPENDING,
    /** Suspended: no proxy attached, the agent keeps the session. */
    SUSPENDED,
    /** After {@code x2goresume-session}, before the proxy reconnects. */
    RESUMING,
    /** Being terminated (transient). */
    TERMINATING,
    /** Gone; the session is marked {@code F} and no longer listed. */
    TERMINATED
}
