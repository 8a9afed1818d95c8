package org.x2go.registry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.api.X2GoSessionRegistryException;

/**
 * The queries of a {@link SessionRegistry}, and nothing that changes it: what an integrator can be handed
 * to look at sessions without being able to register, mark, forget or release anything. It is a live
 * view: every call reads the registry's current state. Answers are immutable snapshots
 * ({@link SessionSummary}, {@link SessionSelection}); handles that could act on a session (control
 * sessions, terminals, proxies) are not part of it. Selections list records in registration order.
 *
 * <p>{@link SessionRegistry} implements it; {@link SessionRegistry#readOnlyView()} gives an instance
 * that cannot be cast back to the registry. Thread-safe.
 */
public interface SessionRegistryView {

    /** @return every record */
    SessionSelection registeredSessions();

    /** @return records never started or resumed by this client */
    SessionSelection virginSessions();

    /** @return records whose terminal this client holds */
    SessionSelection associatedSessions();

    /** @return records whose profile is connected: every state except NEW and DISCONNECTED */
    SessionSelection connectedSessions();

    /** @return records in state {@link SessionState#RUNNING} */
    SessionSelection runningSessions();

    /** @return records in state {@link SessionState#SUSPENDED} */
    SessionSelection suspendedSessions();

    /**
     * Sessions that ended recently, as they were when they ended (state TERMINATED, oldest first): the
     * last {@link SessionRegistry#RECENTLY_TERMINATED_MAX} of the past
     * {@link SessionRegistry#RECENTLY_TERMINATED_KEEP}. A terminated record itself is recycled at once (it
     * becomes a fresh record of its profile and may be reused), so a UUID here can also be registered
     * again, for a new session.
     *
     * @return the recently terminated sessions
     */
    SessionSelection terminatedSessions();

    /** @return every record not {@link SessionState#RUNNING} */
    SessionSelection nonRunningSessions();

    /**
     * @param profileName a profile name
     * @return its records
     */
    SessionSelection registeredSessionsOfProfileName(String profileName);

    /**
     * @param profileName a profile name
     * @return its records never started or resumed by this client
     */
    SessionSelection virginSessionsOfProfileName(String profileName);

    /**
     * @param profileName a profile name
     * @return its records whose terminal this client holds
     */
    SessionSelection associatedSessionsOfProfileName(String profileName);

    /**
     * @param profileName a profile name
     * @return its records in a connected state (every state except NEW and DISCONNECTED)
     */
    SessionSelection connectedSessionsOfProfileName(String profileName);

    /**
     * @param profileName a profile name
     * @return its RUNNING records
     */
    SessionSelection runningSessionsOfProfileName(String profileName);

    /**
     * @param profileName a profile name
     * @return its SUSPENDED records
     */
    SessionSelection suspendedSessionsOfProfileName(String profileName);

    /**
     * @param profileName a profile name
     * @return its recently terminated sessions, as {@link #terminatedSessions()}
     */
    SessionSelection terminatedSessionsOfProfileName(String profileName);

    /**
     * @param profileName a profile name
     * @return its records not RUNNING
     */
    SessionSelection nonRunningSessionsOfProfileName(String profileName);

    /**
     * @param profileName a profile name
     * @return its running published-applications providers whose terminal this client holds (judged from
     *         the session name)
     */
    SessionSelection pubappSessionsOfProfileName(String profileName);

    /** @return true when any record is RUNNING */
    boolean hasRunningSessions();

    /** @return true when any record is SUSPENDED */
    boolean hasSuspendedSessions();

    /** @return the registered UUIDs in registration order (a record keeps its place for its whole life) */
    List<UUID> keys();

    /** @return the number of records */
    int size();

    /**
     * @param uuid a record
     * @return its snapshot, empty for an unknown UUID
     */
    Optional<SessionSummary> summary(UUID uuid);

    /**
     * @param uuid a record
     * @return its snapshot
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    SessionSummary require(UUID uuid);

    /**
     * @param uuid a record
     * @return its profile ID
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    String profileId(UUID uuid);

    /**
     * @param uuid a record
     * @return its profile name
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    String profileName(UUID uuid);

    /**
     * @param uuid a record
     * @return whether the record was never started or resumed by this client
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    boolean isVirgin(UUID uuid);

    /**
     * @param uuid a record
     * @return how it was registered
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    SessionOrigin origin(UUID uuid);

    /**
     * @param uuid a record
     * @return the own operation (suspend, terminate) this client has in flight on it, if any
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    Optional<OwnOperation> ownOperation(UUID uuid);

    /**
     * Looks a server session name up among all records.
     *
     * @param sessionName a server session name
     * @return the record's UUID, empty when none has that name (or the name is null or empty)
     * @throws X2GoSessionRegistryException when several records have it
     */
    Optional<UUID> sessionOfSessionName(String sessionName);

    /**
     * @param sessionName      a server session name
     * @param matchProfileName restrict to this profile name; null for all
     * @return the record's UUID, empty when none matches
     * @throws X2GoSessionRegistryException when several records match
     */
    Optional<UUID> sessionOfSessionName(String sessionName, String matchProfileName);

    /**
     * @param sessionName      a server session name
     * @param matchProfileName restrict to this profile name; null for all
     * @return whether exactly one record matches
     * @throws X2GoSessionRegistryException when several records match
     */
    boolean hasSessionOfSessionName(String sessionName, String matchProfileName);

    /**
     * The profile's master session: the one that shares local folders. Empty when the profile name is
     * not connected or has no master.
     *
     * @param profileName a profile name
     * @return the master's snapshot
     */
    Optional<SessionSummary> masterSession(String profileName);

    /** @return IDs of connected profiles in first-registration order */
    List<String> connectedProfiles();

    /** @return names of connected profiles, without repeats */
    List<String> connectedProfileNames();

    /** @return whether auto-registration registers new server sessions */
    boolean isSessionAutoRegistrationEnabled();
}
