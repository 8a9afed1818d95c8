package org.x2go.registry.internal;

import java.util.UUID;

import org.x2go.spi.ControlSession;

/**
 * Per profile ID: its name, control session, connection flag and master. Guarded by the registry's
 * write lock. Internal to x2go-registry.
 */
public final class ProfileEntry {
    /** The profile ID. */
    public final String id;
    /** The profile name, as last registered. */
    public String name;
    /** The control session's host; empty before one is attached. */
    public String server = "";
    /** The attached control session, null when none. */
    public ControlSession control;
    /** Whether the control session is connected. */
    public boolean connected;
    /** The master record's UUID, null when none (see {@link MasterElection}). */
    public UUID master;

    ProfileEntry(String id, String name) {
        this.id = id;
        this.name = name;
    }
}
