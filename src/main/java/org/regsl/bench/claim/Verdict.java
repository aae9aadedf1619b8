package org.regsl.bench.claim;

/** The outcome of checking one of the paper's directions at bench scale. */
public enum Verdict {
    /** The direction is significant at alpha, the paper's way round. */
    HOLDS("holds"),
    /** Neither way round is significant at alpha. */
    NOT_SIGNIFICANT("not significant"),
    /** The opposite direction is significant at alpha. */
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

    /** The verdict with this label, or null. */
    public static Verdict parse(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        return null;
    }
}
