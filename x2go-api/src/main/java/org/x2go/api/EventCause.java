package org.x2go.api;

/** Who caused a session state change that a {@link SessionListener} is told about. */
public enum EventCause {
    /** This client (this JVM's {@code X2GoClient}) asked for it. */
    BY_THIS_CLIENT,
    /** Another X2Go client acting on the same server session. */
    BY_OTHER_CLIENT,
    /** The server on its own (clean-up, agent exit, reboot). */
    BY_SERVER
}
