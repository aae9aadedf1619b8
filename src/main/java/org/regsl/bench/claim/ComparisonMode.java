package org.regsl.bench.claim;

/**
 * How a run's numbers are judged against recorded ones, chosen per recorded entry by comparing
 * the numerics fingerprint recorded with it against this run's ({@code NumericsFingerprint}):
 *
 * <ul>
 *   <li>{@link #REPLAY}: same canary, libtorch, threads and device, so every seed must give the
 *       recorded value (float tolerance) and a direction the recorded verdict: the regression
 *       detector on the machine that recorded;
 *   <li>{@link #PORTABLE}: other numerics (another CPU, thread count, libtorch), or an entry
 *       recorded before fingerprints existed: cells are compared as independent samples with
 *       family-wise error control per claim, and a direction fails only when its verdict reverses.
 * </ul>
 */
public enum ComparisonMode {
    REPLAY("replay"),
    PORTABLE("portable");

    private final String label;

    ComparisonMode(String label) {
        this.label = label;
    }

    /** {@code replay} or {@code portable}. */
    public String label() {
        return label;
    }

    /** The mode for an entry recorded with {@code recorded} (may be null) when this run's fingerprint is {@code current}. */
    public static ComparisonMode of(ExpectedResults.Provenance recorded, String current) {
        return recorded != null && recorded.fingerprint != null && recorded.fingerprint.equals(current) ? REPLAY
                : PORTABLE;
    }
}
