package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * Dropout (Srivastava et al. 2014) as PyTorch's {@code nn.Dropout} computes it in training mode,
 * y = x m / (1 - p) with m_i ~ Bernoulli(1 - p), whose masks come from the training thread's own
 * seeded generator instead of libtorch's.
 *
 * <p>Why: libtorch draws dropout masks from its one process-wide generator. Two runs training at the
 * same time (the compute pool's slots) interleave their draws in an order the scheduler picks, so the
 * same seed gave different weights (found in issue 20: two runs of the same ViT search chose
 * different radii). Here each thread holds a {@link SplittableRandom} that {@link #seed} resets at
 * the start of every training run ({@code TrainingLoop} seeds it from the run's seed), and a mask
 * element is dropped when a 32-bit draw, read unsigned, is below round(p 2^32). The mask is an
 * ordinary array of the step: the backward pass reads it, so it lives until the step's scope closes.
 * A thread that never seeded draws from seed 0 (still deterministic).
 */
public final class DropoutRandom {

    private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal.withInitial(() -> new SplittableRandom(0));

    private DropoutRandom() {}

    /** Resets this thread's dropout generator to {@code seed}. */
    public static void seed(long seed) {
        RANDOM.set(new SplittableRandom(seed));
    }

    /** x m / (1 - p) with a fresh mask from this thread's generator; {@code x} itself when p is 0. */
    public static NDArray apply(NDArray x, double p) {
        if (p <= 0) {
            return x;
        }
        if (p >= 1) {
            throw new IllegalArgumentException("dropout probability must be below 1, got " + p);
        }
        return x.mul(x.getManager().create(mask(Math.toIntExact(x.size()), p), x.getShape()));
    }

    /**
     * {@code n} Bernoulli(p) draws from this thread's generator (true with probability p), drawn as
     * {@link #mask} draws: two 32-bit halves of one 64-bit draw, true when below round(p 2^32). DropBlock's seeds.
     */
    static boolean[] bernoulli(int n, double p) {
        SplittableRandom r = RANDOM.get();
        long threshold = Math.round(p * 4294967296.0);
        boolean[] b = new boolean[n];
        int i = 0;
        for (; i + 1 < n; i += 2) {
            long bits = r.nextLong();
            b[i] = (bits & 0xffffffffL) < threshold;
            b[i + 1] = (bits >>> 32) < threshold;
        }
        if (i < n) {
            b[i] = (r.nextLong() & 0xffffffffL) < threshold;
        }
        return b;
    }

    /** {@code n} mask values: 0 with probability p, else 1 / (1 - p), from this thread's generator. */
    static float[] mask(int n, double p) {
        boolean[] drop = bernoulli(n, p);
        float keep = (float) (1 / (1 - p));
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = drop[i] ? 0f : keep;
        }
        return m;
    }
}
