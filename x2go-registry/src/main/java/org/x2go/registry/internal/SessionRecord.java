package org.x2go.registry.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.x2go.api.SessionInfo;
import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.registry.OwnOperation;
import org.x2go.registry.SessionOrigin;

/**
 * One registry record: mutable, guarded by the registry's write lock, never handed out (callers get
 * {@link #snapshot()}). The indexed fields (profile ID and name, session name, state) change only
 * through {@link RecordIndex} so that its secondary indexes stay true. Internal to x2go-registry.
 */
public final class SessionRecord {
    /** The registry key. */
    public final UUID uuid;
    /** Registration order: {@link RecordIndex} sorts by it. */
    public final long seq;
    String profileId = "";
    String profileName = "";
    String sessionName = "";
    SessionState state = SessionState.NEW;
    /** The server host the session is meant for. */
    public String server = "";
    /** This client's operation in flight on the server, if any. */
    public OwnOperation ownOp;
    /** The session name {@link #ownOp} was opened for. */
    public String ownOpName;
    /** How the record was registered. */
    public SessionOrigin origin = SessionOrigin.LOCAL;
    /** Never started or resumed by this client. */
    public boolean virgin = true;
    /** Handed out as a profile's fresh record, or bound to a session: not reused. */
    public boolean activated;
    /** The profile's master session (shares local folders). */
    public boolean master;
    /** A status update was applied while connected since the last (re)connect. */
    public boolean baseline;
    /** When a status update last reached the record (throttle). */
    public Instant lastUpdate;
    /** The control session's host at the first reconciliation; a different host later means "server changed". */
    public String observedHost;
    /** The server's last listing of the session. */
    public SessionInfo info;
    /** The terminal this client holds, if any. */
    public org.x2go.spi.TerminalSession terminal;
    /** The graphics proxy serving the session, if any. */
    public org.x2go.spi.GraphicsProxy proxy;

    SessionRecord(UUID uuid, long seq) {
        this.uuid = uuid;
        this.seq = seq;
    }

    /** @return the profile ID (indexed) */
    public String profileId() {
        return profileId;
    }

    /** @return the profile name (indexed) */
    public String profileName() {
        return profileName;
    }

    /** @return the bound server session name, empty when none (indexed) */
    public String sessionName() {
        return sessionName;
    }

    /** @return the state (indexed) */
    public SessionState state() {
        return state;
    }

    /** @return whether the record names a server session */
    public boolean isBound() {
        return !sessionName.isEmpty();
    }

    /** @return an immutable snapshot */
    public SessionSummary snapshot() {
        return new SessionSummary(uuid, profileId, profileName, sessionName, state, terminal != null, master, server,
                Optional.ofNullable(info));
    }
}
