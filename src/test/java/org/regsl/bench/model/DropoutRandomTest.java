package org.regsl.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Dropout masks: the same seed gives the same mask, the rate is p, kept values are scaled by 1 / (1 - p). */
class DropoutRandomTest {

    @Test
    void masksFollowTheSeedAndTheRate() {
        DropoutRandom.seed(5);
        float[] a = DropoutRandom.mask(100_001, 0.1);
        DropoutRandom.seed(5);
        float[] b = DropoutRandom.mask(100_001, 0.1);
        float[] c = DropoutRandom.mask(100_001, 0.1);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), "same seed, same mask");
        int zeros = 0;
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            zeros += a[i] == 0 ? 1 : 0;
            differ += a[i] != c[i] ? 1 : 0;
            if (a[i] != 0) {
                assertEquals(1 / 0.9f, a[i], 1e-6f, "kept values scaled by 1 / (1 - p)");
            }
        }
        assertEquals(0.1, zeros / (double) a.length, 0.005, "share dropped");
        assertEquals(0.18, differ / (double) a.length, 0.01, "the next mask is a new draw");
    }
}
