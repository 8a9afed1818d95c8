package org.x2go.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.x2go.api.SessionSummary;

/** A {@link SessionRegistryView} that only delegates, so that it cannot be cast back to the registry. */
final class ReadOnlyRegistryView implements SessionRegistryView {
    private final SessionRegistry registry;

    ReadOnlyRegistryView(SessionRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public /** @return every record */
    SessionSelection registeredSessions() {
        return registry.registeredSessions();
    }

    @Override
    public /** @return records never started or resumed by this client */
    SessionSelection virginSessions() {
        return registry.virginSessions();
    }

    @Override
    public /** @return records whose terminal this client holds */
    SessionSelection associatedSessions() {
        return registry.associatedSessions();
    }

    @Override
    public /** @return records whose profile is connected: every state except NEW and DISCONNECTED */
    SessionSelection connectedSessions() {
        return registry.connectedSessions();
    }

    @Override
    public /** @return records in state {@link SessionState#RUNNING} */
    SessionSelection runningSessions() {
        return registry.runningSessions();
    }

    @Override
    public /** @return records in state {@link SessionState#SUSPENDED} */
    SessionSelection suspendedSessions() {
        return registry.suspendedSessions();
    }

    @Override
    public SessionSelection terminatedSessions() {
        return registry.terminatedSessions();
    }

    @Override
    public /** @return every record not {@link SessionState#RUNNING} */
    SessionSelection nonRunningSessions() {
        return registry.nonRunningSessions();
    }

    @Override
    public /**
     * @param profileName a profile name
     * @return its records
     */
    SessionSelection registeredSessionsOfProfileName(String profileName) {
        return registry.registeredSessionsOfProfileName(profileName);
    }

    @Override
    public /**
     * @param profileName a profile name
     * @return its records never started or resumed by this client
     */
    SessionSelection virginSessionsOfProfileName(String profileName) {
        return registry.virginSessionsOfProfileName(profileName);
    }

    @Override
    public /**
     * @param profileName a profile name
     * @return its records whose terminal this client holds
     */
    SessionSelection associatedSessionsOfProfileName(String profileName) {
        return registry.associatedSessionsOfProfileName(profileName);
    }

    @Override
    public SessionSelection connectedSessionsOfProfileName(String profileName) {
        return registry.connectedSessionsOfProfileName(profileName);
    }

    @Override
    public /**
     * @param profileName a profile name
     * @return its RUNNING records
     */
    SessionSelection runningSessionsOfProfileName(String profileName) {
        return registry.runningSessionsOfProfileName(profileName);
    }

    @Override
    public /**
     * @param profileName a profile name
     * @return its SUSPENDED records
     */
    SessionSelection suspendedSessionsOfProfileName(String profileName) {
        return registry.suspendedSessionsOfProfileName(profileName);
    }

    @Override
    public SessionSelection terminatedSessionsOfProfileName(String profileName) {
        return registry.terminatedSessionsOfProfileName(profileName);
    }

    @Override
    public /**
     * @param profileName a profile name
     * @return its records not RUNNING
     */
    SessionSelection nonRunningSessionsOfProfileName(String profileName) {
        return registry.nonRunningSessionsOfProfileName(profileName);
    }

    @Override
    public SessionSelection pubappSessionsOfProfileName(String profileName) {
        return registry.pubappSessionsOfProfileName(profileName);
    }

    @Override
    public /** @return true when any record is RUNNING */
    boolean hasRunningSessions() {
        return registry.hasRunningSessions();
    }

    @Override
    public /** @return true when any record is SUSPENDED */
    boolean hasSuspendedSessions() {
        return registry.hasSuspendedSessions();
    }

    @Override
    public List<UUID> keys() {
        return registry.keys();
    }

    @Override
    public /** @return the number of records */
    int size() {
        return registry.size();
    }

    @Override
    public /**
     * @param uuid a record
     * @return its snapshot, empty for an unknown UUID
     */
    Optional<SessionSummary> summary(UUID uuid) {
        return registry.summary(uuid);
    }

    @Override
    public /**
     * @param uuid a record
     * @return its snapshot
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    SessionSummary require(UUID uuid) {
        return registry.require(uuid);
    }

    @Override
    public /**
     * @param uuid a record
     * @return its profile ID
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    String profileId(UUID uuid) {
        return registry.profileId(uuid);
    }

    @Override
    public /**
     * @param uuid a record
     * @return its profile name
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    String profileName(UUID uuid) {
        return registry.profileName(uuid);
    }

    @Override
    public /**
     * @param uuid a record
     * @return whether the record was never started or resumed by this client
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    boolean isVirgin(UUID uuid) {
        return registry.isVirgin(uuid);
    }

    @Override
    public /**
     * @param uuid a record
     * @return how it was registered
     * @throws X2GoSessionRegistryException for an unknown UUID
     */
    SessionOrigin origin(UUID uuid) {
        return registry.origin(uuid);
    }

    @Override
    public Optional<OwnOperation> ownOperation(UUID uuid) {
        return registry.ownOperation(uuid);
    }

    @Override
    public Optional<UUID> sessionOfSessionName(String sessionName) {
        return registry.sessionOfSessionName(sessionName);
    }

    @Override
    public Optional<UUID> sessionOfSessionName(String sessionName, String matchProfileName) {
        return registry.sessionOfSessionName(sessionName, matchProfileName);
    }

    @Override
    public boolean hasSessionOfSessionName(String sessionName, String matchProfileName) {
        return registry.hasSessionOfSessionName(sessionName, matchProfileName);
    }

    @Override
    public /**
     * The profile's master session: the one that shares local folders. Empty when the profile name is
     * not connected or has no master.
     *
     * @param profileName a profile name
     * @return the master's snapshot
     */
    Optional<SessionSummary> masterSession(String profileName) {
        return registry.masterSession(profileName);
    }

    @Override
    public /** @return IDs of connected profiles in first-registration order */
    List<String> connectedProfiles() {
        return registry.connectedProfiles();
    }

    @Override
    public /** @return names of connected profiles, without repeats */
    List<String> connectedProfileNames() {
        return registry.connectedProfileNames();
    }

    @Override
    public /** @return whether auto-registration registers new server sessions */
    boolean isSessionAutoRegistrationEnabled() {
        return registry.isSessionAutoRegistrationEnabled();
    }

    @Override
    public String toString() {
        return "read-only view of " + registry;
    }
}
