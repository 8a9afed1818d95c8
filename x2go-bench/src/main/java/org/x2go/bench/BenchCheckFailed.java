package org.x2go.bench;

/**
 * A workload produced a wrong result (wrong count, checksum or event tally), so its timing would
 * measure the wrong work. Aborts the benchmark, as the python harness's {@code CheckFailed} does.
 */
public final class BenchCheckFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was expected and what was found */
    public BenchCheckFailed(String message) {
        super(message);
    }

    /**
     * @param condition must hold
     * @param message   describes the check when it fails
     * @throws BenchCheckFailed when the condition is false
     */
    public static void expect(boolean condition, String message) {
        if (!condition) {
            throw new BenchCheckFailed(message);
        }
    }
}
