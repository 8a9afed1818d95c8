package org.x2go.client;

/**
 * Told about each {@link Phase} of a client operation as it begins; used for progress displays
 * (the CLI prints each with its elapsed time). Called on the thread that runs the operation; keep it fast.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores everything. */
    ProgressListener NONE = (profile, phase) -> { };

    /**
     * @param profileName the profile the operation belongs to
     * @param phase       the phase that begins
     */
    void phase(String profileName, Phase phase);
}
