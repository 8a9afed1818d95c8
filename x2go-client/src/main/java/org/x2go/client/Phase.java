package org.x2go.client;

/** The phases of connecting and starting or resuming a session, reported to a {@link ProgressListener}. */
public enum Phase {
    /** Opening the SSH connection (TCP, handshake, host key check, authentication). */
    CONNECTING,
    /** SSH connection authenticated and the control session ready. */
    CONNECTED,
    /** Asking the server to start an agent ({@code x2gostartagent}). */
    STARTING_AGENT,
    /** Asking the server to resume a session ({@code x2goresume-session}). */
    RESUMING_AGENT,
    /** The server's agent is up; its ports are known. */
    AGENT_READY,
    /** The graphics tunnel and proxy are starting. */
    STARTING_PROXY,
    /** The graphics proxy runs. */
    PROXY_UP,
    /** The session command was launched ({@code x2goruncommand}). */
    COMMAND_STARTED,
    /** The session runs. */
    RUNNING,
    /** Suspending. */
    SUSPENDING,
    /** Terminating. */
    TERMINATING,
    /** Done: suspended, terminated or disconnected. */
    DONE
}
