package org.regsl.bench.data;

/**
 * numpy's legacy generator ({@code numpy.random.seed}, {@code RandomState}) bit for bit, for the
 * draws the official REGSL code makes with it (REGSL-SPEC 3.1, 6.1):
 *
 * <ul>
 *   <li>{@code seed(s)}: MT19937 seeded with {@code init_genrand(s)} (numpy's legacy seeding of an
 *       integer, not {@code init_by_array});
 *   <li>{@code shuffle} / {@code permutation(n)}: for i = n-1 .. 1, swap i with an index drawn
 *       uniformly from [0, i] by masked rejection on 32-bit outputs ({@code random_interval});
 *   <li>{@code choice(n, size, replace=False)} without weights: {@code permutation(n)[:size]};
 *   <li>{@code randint(low, high, size)} and {@code choice(K, size, replace=True)}: the legacy
 *       bounded draw, {@code low + v} with v the first 32-bit output masked to the smallest
 *       all-ones mask covering {@code high - 1 - low} that is not above it.
 * </ul>
 *
 * The official code holds out validation images with {@code seed(0)} permutations and draws its
 * independent label noise with {@code seed(1024)}; the same seed gives the same numbers here
 * ({@code golden/noise/independent-noise.json} checks it). Numbers continue one stream: a
 * {@code choice} after a {@code permutation} starts where the permutation stopped, as in numpy.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private final int[] mt = new int[N];
    private int index = N;

    private NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("numpy seeds are in [0, 2^32 - 1], got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    /** A generator in the state {@code numpy.random.seed(seed)} leaves. */
    public static NumpyRandom seeded(long seed) {
        return new NumpyRandom(seed);
    }

    /** {@code numpy.random.seed(seed); numpy.random.permutation(n)}. */
    public static int[] permutation(long seed, int n) {
        return seeded(seed).permutation(n);
    }

    /** {@code permutation(n)}: a shuffled {@code arange(n)}. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /** {@code shuffle(a)} in place (legacy Fisher-Yates from the end). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code choice(range(n), size, replace=False)}: the first {@code size} entries of {@code permutation(n)}. */
    public int[] choiceWithoutReplacement(int n, int size) {
        if (size < 0 || size > n) {
            throw new IllegalArgumentException("cannot take " + size + " of " + n + " without replacement");
        }
        return java.util.Arrays.copyOf(permutation(n), size);
    }

    /** {@code randint(low, high, size)} (high exclusive), which {@code choice(range(K), size, replace=True)} calls with 0, K. */
    public int[] randint(int low, int high, int size) {
        if (high <= low) {
            throw new IllegalArgumentException("randint needs low < high, got " + low + ", " + high);
        }
        int[] out = new int[size];
        long range = (long) high - 1 - low;
        for (int i = 0; i < size; i++) {
            out[i] = (int) (low + interval(range));
        }
        return out;
    }

    /** A uniform integer in [0, max] by masked rejection (numpy's {@code random_interval}, max below 2^32). */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
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

    /** The next MT19937 output (32 bits). */
    private int next() {
        if (index >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + 397) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
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
