package org.regsl.bench.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.regsl.bench.noise.LabelNoise;
import org.regsl.bench.noise.NoisyLabels;

/**
 * The official independent-noise draw ({@code random_noise.py}: numpy seed 1024, {@code int(rate N)},
 * choice without and with replacement) against numpy's own output in
 * {@code golden/noise/independent-noise.json}: positions in draw order, noisy labels and the number
 * that changed, exactly.
 */
class GoldenNoiseTest {

    @Test
    void everyCaseMatchesNumpyExactly() {
        JsonNode cases = Golden.json("noise/independent-noise.json").get("cases");
        assertTrue(cases.size() > 0, "no cases in the golden file");
        for (JsonNode c : cases) {
            int n = c.get("n").asInt();
            int classes = c.get("classes").asInt();
            double rate = c.get("rate").asDouble();
            String name = "n " + n + ", classes " + classes + ", rate " + rate;
            int[] clean = new int[n];
            for (int i = 0; i < n; i++) {
                clean[i] = i % classes;
            }
            NoisyLabels noisy = LabelNoise.independentAsOfficial(clean, classes, rate, 1024);
            assertEquals(c.get("nRand").asInt(), LabelNoise.officialCount(rate, n), name + ": nRand");
            assertArrayEquals(Golden.ints(c.get("indices")), noisy.drawn(), name + ": indices in draw order");
            assertArrayEquals(Golden.ints(c.get("noisyLabels")), noisy.labels(), name + ": noisy labels");
            assertEquals(c.get("wrong").asInt(), noisy.wrong(), name + ": labels changed");
        }
    }

    @Test
    void officialCountTruncatesTheDoubleProduct() {
        assertEquals(28, LabelNoise.officialCount(0.29, 100), "0.29 x 100 is 28.999... in doubles");
        assertEquals(964, LabelNoise.officialCount(0.2, 4824), "Indoor at 20 %, REGSL-SPEC 3.1");
        assertEquals(3859, LabelNoise.officialCount(0.8, 4824));
    }
}
