package org.x2go.guardian;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.x2go.registry.SessionRegistry;
import org.x2go.spi.ControlSession;

/**
 * Tells the guardian which profiles are connected right now: the client feeds it (python's guardian
 * asked the client for {@code client_connected_profiles}, which turned ad-hoc profiles into the
 * text {@code None}, Q-12; here everything is keyed by profile ID).
 */
@FunctionalInterface
public interface GuardedProfiles {

    /**
     * Called once at the start of every refresh, on the guardian thread.
     *
     * @return profile ID → its connected control session, in the order to refresh them
     */
    Map<String, ControlSession> connectedProfiles();

    /**
     * Told when a refresh step failed for a profile (after logging); the guardian itself only retries
     * on the next refresh. A client may, for example, check the connection and report its death to the
     * registry. The default does nothing. Exceptions thrown here are logged and ignored.
     *
     * @param profileId the profile
     * @param failure   what went wrong
     */
    default void onRefreshFailure(String profileId, Throwable failure) {
    }

    /**
     * The profiles whose control sessions are attached to a registry
     * ({@link SessionRegistry#attachControlSession}).
     *
     * @param registry the registry
     * @return a view asking the registry on every refresh
     */
    static GuardedProfiles of(SessionRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return () -> {
            Map<String, ControlSession> m = new LinkedHashMap<>();
            for (String id : registry.connectedProfiles()) {
                registry.controlSessionOfProfile(id).ifPresent(cs -> m.put(id, cs));
            }
            return m;
        };
    }
}
