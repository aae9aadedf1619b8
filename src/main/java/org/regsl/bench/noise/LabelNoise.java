package org.regsl.bench.noise;

import org.regsl.bench.data.NumpyRandom;

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
 * Independent noise is drawn as the official code draws it ({@link #independentAsOfficial}: numpy's
 * legacy generator exactly as {@code random_noise.py} calls it), at both scales: a paper-scale run
 * flips exactly the images the authors' run flipped. Same seed, same labels on every machine.
 */
public final class LabelNoise {

    private LabelNoise() {}

    /** {@code int(rate * n)} in double arithmetic, as the official code counts (0.29 x 100 gives 28). */
    public static int officialCount(double rate, int n) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("noise rate must be in [0, 1], got " + rate);
        }
        return (int) (rate * n);
    }

    /**
     * Independent noise drawn as the official {@code data_loader/random_noise.py} draws it:
     * {@code numpy.random.seed(seed)}; {@code n = int(rate * N)};
     * {@code idx = choice(range(N), n, replace=False)}; {@code labels[idx] = choice(range(K), n,
     * replace=True)} ({@link NumpyRandom}). Positions are those of {@code clean}, which must be the
     * training list in the official order (the loader's {@code train_indices}). {@link NoisyLabels#drawn()}
     * keeps the draw order.
     */
    public static NoisyLabels independentAsOfficial(int[] clean, int numClasses, double rate, long seed) {
        int n = officialCount(rate, clean.length);
        NumpyRandom rng = NumpyRandom.seeded(seed);
        int[] positions = rng.choiceWithoutReplacement(clean.length, n);
        int[] drawnLabels = rng.randint(0, numClasses, n);
        int[] labels = clean.clone();
        for (int i = 0; i < n; i++) {
            labels[positions[i]] = drawnLabels[i];
        }
        return new NoisyLabels("independent", rate, seed, clean.clone(), labels, positions);
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
