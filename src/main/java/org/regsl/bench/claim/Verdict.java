package org.regsl.bench.claim;

/**
 * The outcome of checking one of the paper's directions. A claim reports the Holm-adjusted verdict
 * over its directions ({@link DirectionFamily}); {@link Statistics.DirectionTest#unadjusted()} is
 * one test's verdict alone.
 */
public enum Verdict {
    /** The paper's side of the one-sided test is significant (at alpha, or after Holm's adjustment). */
    HOLDS("holds"),
    /** Neither side is significant. */
    NOT_SIGNIFICANT("not significant"),
    /** The opposite side is significant. */
    CONTRADICTED("contradicted");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The label written to files and reports. */
    public String label() {
        return label;
    }

    /**
     * True when {@code other} is the opposite conclusion ({@code holds} against
     * {@code contradicted}); a move to or from {@code not significant} is not a reversal.
     */
    public boolean reverses(Verdict other) {
        return this == HOLDS && other == CONTRADICTED || this == CONTRADICTED && other == HOLDS;
    }

    /** The verdict with this label, or null for any other text (the file validation names the field then). */
    public static Verdict parse(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        return null;
    }
}
