package org.regsl.bench.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Independent noise hits exactly int(rate N) samples, reproducibly; correlated noise is the predictions. */
class LabelNoiseTest {

    private static int[] clean(int n, int k) {
        int[] c = new int[n];
        Arrays.setAll(c, i -> i % k);
        return c;
    }

    @Test
    void countIsTheOfficialDoubleTruncation() {
        assertEquals(28, LabelNoise.officialCount(0.29, 100), "int(0.29 * 100) in doubles is 28");
        assertEquals(964, LabelNoise.officialCount(0.2, 4824), "Indoor, REGSL-SPEC 3.1");
        assertEquals(1929, LabelNoise.officialCount(0.4, 4824));
        assertEquals(2894, LabelNoise.officialCount(0.6, 4824));
        assertEquals(3859, LabelNoise.officialCount(0.8, 4824));
        assertEquals(0, LabelNoise.officialCount(0.0, 10));
        assertThrows(IllegalArgumentException.class, () -> LabelNoise.officialCount(1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> LabelNoise.officialCount(Double.NaN, 10));
    }

    @Test
    void independentNoiseDrawsExactlyFloorRateNDistinctSamplesAndTouchesNothingElse() {
        int[] clean = clean(1003, 10);
        for (double rate : new double[] {0.2, 0.4, 0.6, 0.8}) {
            NoisyLabels n = LabelNoise.independentAsOfficial(clean, 10, rate, 1024);
            assertEquals(LabelNoise.officialCount(rate, 1003), n.drawn().length);
            assertEquals(n.drawn().length, Arrays.stream(n.drawn()).distinct().count(), "without replacement");
            boolean[] drawn = new boolean[clean.length];
            Arrays.stream(n.drawn()).forEach(i -> drawn[i] = true);
            for (int i = 0; i < clean.length; i++) {
                if (!drawn[i]) {
                    assertEquals(clean[i], n.labels()[i], "position " + i + " was not drawn");
                }
                assertTrue(n.labels()[i] >= 0 && n.labels()[i] < 10);
            }
            double expected = rate * 0.9;
            assertEquals(expected, n.realisedRate(), 0.05, "about r (1 - 1/K) differ, own class included");
            assertTrue(n.wrong() <= n.drawn().length);
        }
    }

    @Test
    void sameSeedSameLabelsOtherSeedOther() {
        int[] clean = clean(500, 5);
        NoisyLabels a = LabelNoise.independentAsOfficial(clean, 5, 0.4, 7);
        assertArrayEquals(a.labels(), LabelNoise.independentAsOfficial(clean, 5, 0.4, 7).labels());
        assertFalse(Arrays.equals(a.labels(), LabelNoise.independentAsOfficial(clean, 5, 0.4, 8).labels()));
        assertEquals(7, a.noiseSeed());
        assertArrayEquals(clean, a.clean(), "the clean labels are kept, untouched");
    }

    @Test
    void correlatedNoiseIsThePredictionsAndItsRateTheirErrors() {
        int[] clean = {0, 1, 2, 3};
        NoisyLabels n = LabelNoise.correlated(clean, new int[] {0, 2, 2, 1}, 11);
        assertArrayEquals(new int[] {0, 2, 2, 1}, n.labels());
        assertEquals(0.5, n.realisedRate(), 0.0);
        assertEquals("correlated", n.kind());
    }
}
