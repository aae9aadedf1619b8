package org.regsl.bench.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.data.Mosaics;
import org.regsl.bench.nn.LabelMasks;
import org.regsl.bench.nn.Losses;
import org.regsl.bench.objective.BinaryCrossEntropy;

/** The multi-label loss against hand-computed values, and the mosaics' labels and pixels. */
class MultiLabelTest {

    @Test
    void bceWithLogitsIsTheStableFormOfTheTextbookLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] z = {-30f, -1f, 0f, 2f, 40f, 0.5f};
            float[] y = {0f, 1f, 1f, 0f, 1f, 0f};
            float[] got = Losses.bceWithLogits(m.create(z), m.create(y)).toFloatArray();
            for (int i = 0; i < z.length; i++) {
                double p = 1 / (1 + Math.exp(-z[i]));
                double want = y[i] == 1 ? -Math.log(p) : -Math.log1p(-p);
                assertEquals(want, got[i], 1e-6 + 1e-6 * want, "z " + z[i] + " y " + y[i]);
            }
            // the objective: masks 0b101 and 0b010 over three findings, logits 0: log 2 everywhere
            NDArray logits = m.zeros(new Shape(2, 3));
            NDArray l = new BinaryCrossEntropy(new int[] {5, 2}, 3).loss(logits, new int[] {0, 1}, 1);
            assertEquals(Math.log(2), l.getFloat(), 1e-6);
            assertArrayEquals(new float[] {1, 0, 1, 0, 1, 0},
                    LabelMasks.multiHot(m, new int[] {5, 2}, new int[] {0, 1}, 3).toFloatArray());
        }
    }

    @Test
    void mosaicsShowTheirDigitsAndAreSeeded() {
        int n = 10;
        byte[] px = new byte[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 5;
            java.util.Arrays.fill(px, i * 784, (i + 1) * 784, (byte) (20 * (i % 5) + 10)); // a flat image per class
        }
        int[] idx = new int[n];
        LabeledImages digits = new LabeledImages("d", px, labels, idx, 28, 28, 5);
        LabeledImages a = Mosaics.of(digits, 50, 7, "m");
        assertArrayEquals(a.pixels(), Mosaics.of(digits, 50, 7, "m").pixels(), "same seed, same mosaics");
        int present = 0;
        for (int k = 0; k < a.size(); k++) {
            int mask = a.labels()[k];
            assertTrue(mask > 0 && mask < 32);
            for (int q = 0; q < 4; q++) { // each quadrant's flat value names a class the mask holds
                int v = a.pixels()[k * 784 + (q / 2) * 14 * 28 + (q % 2) * 14] & 0xFF;
                assertTrue(LabelMasks.has(mask, (v - 10) / 20), "mosaic " + k + " quadrant " + q);
            }
            present += Integer.bitCount(mask);
        }
        double share = present / (50.0 * 5);
        assertTrue(share > 0.45 && share < 0.75, "about 59 % of findings present: " + share);
    }
}
