package org.regsl.bench.noise;

/**
 * Training labels after noise, next to the clean ones. The noise seed is recorded here, apart from
 * the training seed; validation and test labels are never touched (as in the official code,
 * REGSL-SPEC 9.1).
 *
 * @param kind {@code independent} or {@code correlated}
 * @param nominalRate the rate asked for (independent) or NaN (correlated: the rate is what the
 *     auxiliary model got wrong)
 * @param noiseSeed the seed of the noise (independent) or of the auxiliary model (correlated)
 * @param clean the clean training labels
 * @param labels the noisy training labels, same order
 * @param drawn the positions given a new draw (independent noise: in draw order for the official
 *     draw, ascending for the bench's; a draw may land on the true class; correlated noise: every
 *     position)
 */
public record NoisyLabels(String kind, double nominalRate, long noiseSeed, int[] clean, int[] labels, int[] drawn) {

    public NoisyLabels {
        if (clean.length != labels.length) {
            throw new IllegalArgumentException("clean and noisy label counts differ: " + clean.length + " vs "
                    + labels.length);
        }
    }

    /** The share of training labels that differ from the clean ones. */
    public double realisedRate() {
        return (double) wrong() / labels.length;
    }

    /** The number of training labels that differ from the clean ones. */
    public int wrong() {
        int w = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != clean[i]) {
                w++;
            }
        }
        return w;
    }
}
