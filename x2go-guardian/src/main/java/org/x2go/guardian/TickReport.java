package org.x2go.guardian;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one guardian refresh did: every step of every profile, and how long each profile took.
 *
 * <p>Profiles are refreshed concurrently, each profile's steps in order; {@link #steps()} lists them
 * grouped by step in the order of R-GRD-3 and, within a step, in the order of the connected profiles
 * (so the report does not depend on which server answered first).
 *
 * @param tick      the refresh's sequence number, from 1
 * @param startedAt when it started (guardian clock)
 * @param steps     every step run, by step, then by profile
 * @param profiles  one entry per connected profile, in the order of the connected profiles
 * @param wallTime  how long the whole refresh took (monotonic time)
 */
public record TickReport(long tick, Instant startedAt, List<StepOutcome> steps, List<ProfileLag> profiles,
                         Duration wallTime) {

    /** How one profile's refresh ended. */
    public enum ProfileOutcome {
        /** Every step ran (each may still have failed, see {@link StepOutcome}). */
        DONE,
        /** Its server did not answer within {@link GuardianOptions#profileTimeout()}; its late answer is dropped. */
        TIMED_OUT,
        /** Not refreshed: its refresh from an earlier round is still waiting for its server. */
        STILL_RUNNING,
        /** The guardian was closed before or while it ran; what it still had to do was dropped. */
        CLOSED
    }

    /**
     * How long one profile's refresh waited for a free slot and then took.
     *
     * @param profileId the profile
     * @param queued    from the start of the refresh until this profile's turn (the concurrency bound)
     * @param took      from its turn until it finished, timed out or was dropped
     * @param outcome   how it ended
     */
    public record ProfileLag(String profileId, Duration queued, Duration took, ProfileOutcome outcome) {
        /** Validates the fields. */
        public ProfileLag {
            Objects.requireNonNull(profileId, "profileId");
            Objects.requireNonNull(queued, "queued");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(outcome, "outcome");
        }

        /** @return how far behind the start of the refresh this profile's data is: queued plus took */
        public Duration lag() {
            return queued.plus(took);
        }
    }

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

    /** Copies the lists. */
    public TickReport {
        Objects.requireNonNull(startedAt, "startedAt");
        steps = List.copyOf(steps);
        profiles = List.copyOf(Objects.requireNonNullElse(profiles, List.of()));
        wallTime = Objects.requireNonNullElse(wallTime, Duration.ZERO);
    }

    /**
     * A report without per-profile timings (source compatibility).
     *
     * @param tick      the refresh's sequence number
     * @param startedAt when it started
     * @param steps     every step run
     */
    public TickReport(long tick, Instant startedAt, List<StepOutcome> steps) {
        this(tick, startedAt, steps, List.of(), Duration.ZERO);
    }

    /**
     * @param profileId a profile
     * @return its timing in this refresh, if it was connected
     */
    public Optional<ProfileLag> lagOf(String profileId) {
        return profiles.stream().filter(p -> p.profileId().equals(profileId)).findFirst();
    }

    /** @return the profile that lagged most, if any was refreshed */
    public Optional<ProfileLag> slowest() {
        return profiles.stream().max(Comparator.comparing(ProfileLag::lag));
    }

    /** @return the failed steps */
    public List<StepOutcome> failures() {
        return steps.stream().filter(s -> !s.ok()).toList();
    }
}
