package org.x2go.api;

/** What to do with an SSH host key that the {@code known_hosts} file does not vouch for. */
public enum HostKeyPolicy {
    /** Default: unknown and changed keys are rejected with {@link X2GoHostKeyException}. */
    STRICT,
    /**
     * Trust-on-first-use, an explicit opt-in: an unknown key is accepted and appended to the
     * {@code known_hosts} file; a changed key is still rejected.
     */
    ACCEPT_NEW
}
