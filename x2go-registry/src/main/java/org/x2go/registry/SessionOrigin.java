package org.x2go.registry;

/**
 * How a record came into the registry: a {@link #DISCOVERED} record is bound to a live
 * server session from the start, is never virgin and is never handed out by
 * {@link SessionRegistry#register(String, String, String)} as a fresh record.
 */
public enum SessionOrigin {
    /** Registered by this client's application. */
    LOCAL,
    /** Added by auto-registration from a server session list. */
    DISCOVERED
}
