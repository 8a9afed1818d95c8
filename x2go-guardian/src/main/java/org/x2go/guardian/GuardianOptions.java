package org.x2go.guardian;

import java.time.Duration;
import java.util.Objects;

/**
 * What the guardian does on every refresh (spec R-GRD-1). Python's guardian defaults are all off
 * with a 5 s interval ({@link #defaults()}).
 *
 * @param autoUpdateListSessionsCache refresh the list-sessions cache of every connected profile
 * @param autoUpdateListDesktopsCache also refresh the desktop lists (only when the sessions cache is refreshed)
 * @param autoUpdateListMountsCache   also refresh the mount lists (only when the sessions cache is refreshed)
 * @param autoUpdateSessionRegistry   reconcile the registry with the server lists (skipped when auto-registering,
 *                                    which reconciles first anyway)
 * @param autoRegisterSessions        register server sessions the registry does not know yet
 * @param skipPubappSessions          do not auto-register published-applications providers
 *                                    (python {@code no_auto_reg_pubapp_sessions})
 * @param refreshInterval             time between the end of one refresh and the start of the next; at least one
 *                                    second (python divided by zero for 0, Q-58)
 * @param closeTimeout                how long {@link SessionGuardian#close()} waits for the refresh thread to
 *                                    leave a running refresh (which it abandons at once; this only bounds a
 *                                    refresh stuck in the caller's {@link GuardedProfiles})
 * @param maxConcurrentRefreshes      how many profiles are refreshed at the same time (server round trips in
 *                                    flight); 1 to {@link #MAX_CONCURRENT_REFRESHES}, default
 *                                    {@link #DEFAULT_CONCURRENT_REFRESHES}
 * @param profileTimeout              how long one refresh waits for one profile (its list round trips) before
 *                                    reporting it as timed out and finishing without it; default
 *                                    {@link #DEFAULT_PROFILE_TIMEOUT}
 */
public record GuardianOptions(boolean autoUpdateListSessionsCache, boolean autoUpdateListDesktopsCache,
                              boolean autoUpdateListMountsCache, boolean autoUpdateSessionRegistry,
                              boolean autoRegisterSessions, boolean skipPubappSessions, Duration refreshInterval,
                              Duration closeTimeout, int maxConcurrentRefreshes, Duration profileTimeout) {

    /** The smallest refresh interval accepted. */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);
    /** Default number of profiles refreshed at once: enough to hide a 20 ms round trip for 1,000 servers. */
    public static final int DEFAULT_CONCURRENT_REFRESHES = 16;
    /** Largest accepted {@link #maxConcurrentRefreshes()} (each one may hold a thread while its server answers). */
    public static final int MAX_CONCURRENT_REFRESHES = 1024;
    /** Default {@link #profileTimeout()}. */
    public static final Duration DEFAULT_PROFILE_TIMEOUT = Duration.ofSeconds(10);

    /** Validates the durations and the concurrency bound. */
    public GuardianOptions {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(profileTimeout, "profileTimeout");
        if (refreshInterval.compareTo(MIN_REFRESH_INTERVAL) < 0) {
            throw new IllegalArgumentException("refresh interval must be at least 1 s, got " + refreshInterval);
        }
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("close timeout must not be negative, got " + closeTimeout);
        }
        if (maxConcurrentRefreshes < 1 || maxConcurrentRefreshes > MAX_CONCURRENT_REFRESHES) {
            throw new IllegalArgumentException("concurrent refreshes must be 1 to " + MAX_CONCURRENT_REFRESHES
                    + ", got " + maxConcurrentRefreshes);
        }
        if (profileTimeout.isNegative() || profileTimeout.isZero()) {
            throw new IllegalArgumentException("profile timeout must be positive, got " + profileTimeout);
        }
    }

    /**
     * The options without the concurrency settings (source compatibility): {@link #DEFAULT_CONCURRENT_REFRESHES}
     * and {@link #DEFAULT_PROFILE_TIMEOUT}.
     *
     * @param autoUpdateListSessionsCache see the record
     * @param autoUpdateListDesktopsCache see the record
     * @param autoUpdateListMountsCache   see the record
     * @param autoUpdateSessionRegistry   see the record
     * @param autoRegisterSessions        see the record
     * @param skipPubappSessions          see the record
     * @param refreshInterval             see the record
     * @param closeTimeout                see the record
     */
    public GuardianOptions(boolean autoUpdateListSessionsCache, boolean autoUpdateListDesktopsCache,
                           boolean autoUpdateListMountsCache, boolean autoUpdateSessionRegistry,
                           boolean autoRegisterSessions, boolean skipPubappSessions, Duration refreshInterval,
                           Duration closeTimeout) {
        this(autoUpdateListSessionsCache, autoUpdateListDesktopsCache, autoUpdateListMountsCache,
                autoUpdateSessionRegistry, autoRegisterSessions, skipPubappSessions, refreshInterval, closeTimeout,
                DEFAULT_CONCURRENT_REFRESHES, DEFAULT_PROFILE_TIMEOUT);
    }

    /**
     * @return python's guardian defaults: everything off, 5 s interval; and 10 s close timeout,
     *         {@value #DEFAULT_CONCURRENT_REFRESHES} concurrent refreshes, 10 s per profile
     */
    public static GuardianOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.listSessionsCache = autoUpdateListSessionsCache;
        b.listDesktopsCache = autoUpdateListDesktopsCache;
        b.listMountsCache = autoUpdateListMountsCache;
        b.sessionRegistry = autoUpdateSessionRegistry;
        b.registerSessions = autoRegisterSessions;
        b.skipPubapp = skipPubappSessions;
        b.refreshInterval = refreshInterval;
        b.closeTimeout = closeTimeout;
        b.maxConcurrentRefreshes = maxConcurrentRefreshes;
        b.profileTimeout = profileTimeout;
        return b;
    }

    /** Builds {@link GuardianOptions}; every setter returns the builder. */
    public static final class Builder {
        private boolean listSessionsCache;
        private boolean listDesktopsCache;
        private boolean listMountsCache;
        private boolean sessionRegistry;
        private boolean registerSessions;
        private boolean skipPubapp;
        private Duration refreshInterval = Duration.ofSeconds(5);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private int maxConcurrentRefreshes = DEFAULT_CONCURRENT_REFRESHES;
        private Duration profileTimeout = DEFAULT_PROFILE_TIMEOUT;

        private Builder() {
        }

        /**
         * @param on refresh the list-sessions cache
         * @return this builder
         */
        public Builder autoUpdateListSessionsCache(boolean on) {
            listSessionsCache = on;
            return this;
        }

        /**
         * @param on refresh desktop lists too
         * @return this builder
         */
        public Builder autoUpdateListDesktopsCache(boolean on) {
            listDesktopsCache = on;
            return this;
        }

        /**
         * @param on refresh mount lists too
         * @return this builder
         */
        public Builder autoUpdateListMountsCache(boolean on) {
            listMountsCache = on;
            return this;
        }

        /**
         * @param on reconcile the registry
         * @return this builder
         */
        public Builder autoUpdateSessionRegistry(boolean on) {
            sessionRegistry = on;
            return this;
        }

        /**
         * @param on auto-register server sessions
         * @return this builder
         */
        public Builder autoRegisterSessions(boolean on) {
            registerSessions = on;
            return this;
        }

        /**
         * @param on skip published-applications providers when auto-registering
         * @return this builder
         */
        public Builder skipPubappSessions(boolean on) {
            skipPubapp = on;
            return this;
        }

        /**
         * @param interval at least one second
         * @return this builder
         */
        public Builder refreshInterval(Duration interval) {
            refreshInterval = interval;
            return this;
        }

        /**
         * @param timeout how long close waits for a running refresh
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            closeTimeout = timeout;
            return this;
        }

        /**
         * @param max how many profiles are refreshed at once, 1 to {@link GuardianOptions#MAX_CONCURRENT_REFRESHES}
         * @return this builder
         */
        public Builder maxConcurrentRefreshes(int max) {
            maxConcurrentRefreshes = max;
            return this;
        }

        /**
         * @param timeout how long a refresh waits for one profile, positive
         * @return this builder
         */
        public Builder profileTimeout(Duration timeout) {
            profileTimeout = timeout;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException for an interval below one second, a negative timeout or a concurrency
         *                                  bound out of range
         */
        public GuardianOptions build() {
            return new GuardianOptions(listSessionsCache, listDesktopsCache, listMountsCache, sessionRegistry,
                    registerSessions, skipPubapp, refreshInterval, closeTimeout, maxConcurrentRefreshes,
                    profileTimeout);
        }
    }
}
