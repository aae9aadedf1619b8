package org.regsl.bench.data.paper;

/**
 * {@code numpy.random.seed(s); numpy.random.permutation(n)} bit for bit: the legacy RandomState's
 * MT19937 seeded with {@code init_genrand(s)}, and its shuffle, which walks i = n-1 .. 1 and swaps
 * i with an index drawn uniformly from [0, i] by masked rejection on 32-bit outputs. The official
 * code splits CUB-200-2011's validation set and Flowers-102's whole split with it
 * (REGSL-SPEC 6.1), so the same seed gives the same images here.
 */
public final class NumpyPermutation {

    private final int[] mt = new int[624];
    private int index = 624;

    private NumpyPermutation(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < 624; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    /** The permutation numpy gives for {@code (seed, n)}. */
    public static int[] of(long seed, int n) {
        NumpyPermutation rng = new NumpyPermutation(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) rng.interval(i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private long interval(long max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = (next() & 0xFFFFFFFFL) & mask;
        } while (v > max);
        return v;
    }

    private int next() {
        if (index >= 624) {
            for (int k = 0; k < 624; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
                mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }
}
