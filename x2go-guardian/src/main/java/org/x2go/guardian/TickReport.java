package org.x2go.guardian;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one guardian refresh did, step by step in execution order.
 *
 * @param tick      the refresh's sequence number, from 1
 * @param startedAt when it started (guardian clock)
 * @param steps     every step run, in order
 */
public record TickReport(long tick, Instant startedAt, List<StepOutcome> steps) {

    /** The refresh steps in the order of R-GRD-3. */
    public enum Step {
        /** Asking {@link GuardedProfiles} for the connected profiles. */
        CONNECTED_PROFILES,
        /** Refreshing one profile's list-sessions cache (and desktops/mounts). */
        LIST_SESSIONS_CACHE,
        /** Reconciling one profile's registry records with its server list. */
        REGISTRY_UPDATE,
        /** Auto-registering one profile's unknown server sessions. */
        AUTO_REGISTRATION
    }

    /**
     * One step for one profile.
     *
     * @param step      which step
     * @param profileId the profile (empty for {@link Step#CONNECTED_PROFILES})
     * @param failure   the exception it ended with, if it failed
     */
    public record StepOutcome(Step step, String profileId, Optional<Throwable> failure) {
        /** Validates the fields. */
        public StepOutcome {
            Objects.requireNonNull(step, "step");
            profileId = Objects.requireNonNullElse(profileId, "");
            failure = Objects.requireNonNullElse(failure, Optional.empty());
        }

        /** @return true when the step succeeded */
        public boolean ok() {
            return failure.isEmpty();
        }
    }

    /** Copies the steps. */
    public TickReport {
        Objects.requireNonNull(startedAt, "startedAt");
        steps = List.copyOf(steps);
    }

    /** @return the failed steps */
    public List<StepOutcome> failures() {
        return steps.stream().filter(s -> !s.ok()).toList();
    }
}
