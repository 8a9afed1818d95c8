package org.x2go.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life-cycle state of one registered session, replacing python-x2go's six tri-state flags
 * (virgin, connected, running, suspended, terminated, faulty; spec R-SES-23).
 *
 * <p>Whether this client holds the session's terminal ("associated" in python-x2go) is orthogonal
 * and reported separately by the registry.
 */
public enum SessionState {
    /** Registered, its profile's control session not connected yet (python: virgin, not connected). */
    NEW,
    /** Control session connected; no server session bound to this record yet. */
    CONNECTED,
    /** This client is starting a new server session for the record. */
    STARTING,
    /** This client is resuming a suspended server session. */
    RESUMING,
    /** The server session runs. */
    RUNNING,
    /** The server session is suspended (no client attached). */
    SUSPENDED,
    /** The server session is gone or reported {@code T}. */
    TERMINATED,
    /** The graphics tunnel or proxy failed for a session that otherwise runs. */
    FAULTY,
    /** The control session was closed or died. */
    DISCONNECTED;

    /**
     * Whether a record may move from this state to {@code next}. Impossible transitions are refused
     * by the registry (logged and ignored) instead of being applied.
     *
     * @param next the proposed state
     * @return true when the transition is part of the life cycle
     */
    public boolean canTransitionTo(SessionState next) {
        if (next == this) {
            return true;
        }
        return allowedNext().contains(next);
    }

    private Set<SessionState> allowedNext() {
        return switch (this) {
            case NEW -> EnumSet.of(CONNECTED, DISCONNECTED, RUNNING, SUSPENDED);
            case CONNECTED -> EnumSet.of(STARTING, RESUMING, RUNNING, SUSPENDED, TERMINATED, DISCONNECTED, NEW);
            case STARTING -> EnumSet.of(RUNNING, FAULTY, TERMINATED, CONNECTED, DISCONNECTED, SUSPENDED);
            case RESUMING -> EnumSet.of(RUNNING, FAULTY, SUSPENDED, TERMINATED, DISCONNECTED, CONNECTED);
            case RUNNING -> EnumSet.of(SUSPENDED, TERMINATED, FAULTY, DISCONNECTED, CONNECTED);
            case SUSPENDED -> EnumSet.of(RESUMING, RUNNING, TERMINATED, DISCONNECTED, CONNECTED);
            case TERMINATED -> EnumSet.of(NEW, CONNECTED, DISCONNECTED);
            case FAULTY -> EnumSet.of(RUNNING, SUSPENDED, TERMINATED, DISCONNECTED, CONNECTED);
            case DISCONNECTED -> EnumSet.of(CONNECTED, NEW);
        };
    }

    /** @return true for states in which a server session is bound and alive (running or suspended) */
    public boolean hasServerSession() {
        return this == RUNNING || this == SUSPENDED || this == FAULTY;
    }
}
