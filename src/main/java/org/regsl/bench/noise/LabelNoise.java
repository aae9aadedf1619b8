package org.regsl.bench.noise;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
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
 * Two draws of independent noise exist: {@link #independentAsOfficial} is the official one,
 * numpy's legacy generator exactly as {@code random_noise.py} calls it (the paper scale uses it,
 * so a run flips exactly the images the authors' run flipped); {@link #independent} is the bench's
 * earlier draw from {@link java.util.Random} with a decimal floor(rate N), kept until the bench is
 * re-recorded on the official draw. Either way: same seed, same labels on every machine.
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

    /** Independent noise at {@code rate} over {@code numClasses} classes, from {@code seed} (the bench's draw). */
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
