package org.regsl.bench.noise;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/**
 * The label-noise generators of the official code (REGSL-SPEC 3, Li &amp; Zhang 2021,
 * {@code data_loader/random_noise.py}), on the training split only.
 *
 * <ul>
 *   <li><b>Independent</b> (symmetric): n = floor(r N) distinct training positions chosen
 *       uniformly without replacement; each gets a label drawn uniformly from all K classes, its
 *       own class included, so the realised rate is about r (1 - 1/K);
 *   <li><b>Correlated</b>: every training label is replaced by the arg-max prediction of an
 *       auxiliary model fine-tuned on the clean target; its mistakes are the noise, so the noise
 *       follows the classes the model confuses.
 * </ul>
 *
 * Randomness is {@link java.util.Random} seeded with the noise seed: same seed, same labels on
 * every machine.
 */
public final class LabelNoise {

    private LabelNoise() {}

    /** floor(rate x n), exact for decimal rates (0.29 x 100 is 29, not the 28 of binary floating point). */
    public static int count(double rate, int n) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("noise rate must be in [0, 1], got " + rate);
        }
        return BigDecimal.valueOf(rate).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /** Independent noise at {@code rate} over {@code numClasses} classes, from {@code seed}. */
    public static NoisyLabels independent(int[] clean, int numClasses, double rate, long seed) {
        int n = count(rate, clean.length);
        Random rng = new Random(seed);
        int[] order = new int[clean.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // partial Fisher-Yates: the first n entries become a uniform sample without replacement
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] labels = clean.clone();
        for (int i = 0; i < n; i++) {
            labels[order[i]] = rng.nextInt(numClasses);
        }
        int[] drawn = java.util.Arrays.copyOf(order, n);
        java.util.Arrays.sort(drawn);
        return new NoisyLabels("independent", rate, seed, clean.clone(), labels, drawn);
    }

    /**
     * Correlated noise: {@code predictions} (the auxiliary model's arg-max on each training image,
     * in training order) become the labels; {@code auxSeed} identifies the auxiliary model.
     */
    public static NoisyLabels correlated(int[] clean, int[] predictions, long auxSeed) {
        int[] all = new int[clean.length];
        java.util.Arrays.setAll(all, i -> i);
        return new NoisyLabels("correlated", Double.NaN, auxSeed, clean.clone(), predictions.clone(), all);
    }
}
