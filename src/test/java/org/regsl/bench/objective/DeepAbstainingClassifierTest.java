package org.regsl.bench.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.Net;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.Objective;

/**
 * DAC against values computed by hand (python, math module) for K = 2 classes plus abstention,
 * outputs z = [[1, 2, 0], [0, 0.5, 3]], labels [0, 1], one warm-up epoch of four: the warm-up
 * loss, alpha_thresh, alpha's start (alpha_thresh / 64 after one more EWMA step) and its linear
 * ramp to 1 at the last epoch, and the K-class prediction of a net with the extra output.
 */
class DeepAbstainingClassifierTest {

    private static final float[] Z = {1, 2, 0, 0, 0.5f, 3};
    private static final int[] POS = {0, 1};
    private static final double TOL = 1e-5;

    private static double step(DeepAbstainingClassifier dac, NDManager m, int epoch) {
        return dac.loss(m.create(Z, new Shape(2, 3)), POS, epoch, true).getFloat();
    }

    @Test
    void warmUpThenTheAlphaRamp() {
        try (NDManager m = NDManager.newBaseManager()) {
            DeepAbstainingClassifier dac = new DeepAbstainingClassifier(new int[] {0, 1}, 2, 1, 4, 1.0, 64.0);
            assertEquals(2.015739461406874, step(dac, m, 1), TOL); // CE over all K + 1 outputs
            assertEquals(0.6251308556232615, dac.alphaThresh(), TOL);
            assertTrue(Double.isNaN(dac.alpha()));
            assertEquals(0.6360908658991864, step(dac, m, 2), TOL);
            assertEquals(0.009767669619113462, dac.alpha(), 1e-7);
            assertEquals(0.6360908658991864, step(dac, m, 2), TOL); // alpha moves once per epoch only
            assertEquals(0.009767669619113462, dac.alpha(), 1e-7);
            assertEquals(1.1916459235400785, step(dac, m, 3), TOL);
            assertEquals(0.5048838348095568, dac.alpha(), 1e-7);
            assertEquals(1.7472009811809701, step(dac, m, 4), TOL);
            assertEquals(1.0, dac.alpha(), 1e-7);
        }
    }

    @Test
    void alphaThreshIsAnExponentialAverageWithMuFiveHundredths() {
        try (NDManager m = NDManager.newBaseManager()) {
            DeepAbstainingClassifier dac = new DeepAbstainingClassifier(new int[] {0, 1}, 2, 5, 10, 1.0, 64.0);
            step(dac, m, 1);
            dac.loss(m.create(new float[] {0.5f, -1, 2, 1, 1, 0}, new Shape(2, 3)), POS, 1, true);
            // 0.05 x 0.3143208863418025 (the second batch) + 0.95 x 0.6251308556232615 (the first)
            assertEquals(0.6095903571591886, dac.alphaThresh(), TOL);
        }
    }

    @Test
    void readsTheAbstentionOutputOfTheForwardPassAndPredictsOverTheRealClasses() {
        try (Net net = Net.create(2, 1, 3); NDManager m = net.manager().newSubManager()) {
            assertEquals(3, net.outputs());
            NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 28, 28));
            Features f = new Features(x);
            NDArray logits = net.forward(x, false, f);
            assertArrayEquals(new long[] {4, 2}, logits.getShape().getShape());
            assertArrayEquals(new long[] {4, 3}, f.get(org.regsl.bench.model.ForwardTap.OUTPUTS).getShape().getShape());
            DeepAbstainingClassifier dac = new DeepAbstainingClassifier(new int[] {0, 1, 1, 0}, 2, 1, 3, 1.0, 64.0);
            double viaBatch = dac.loss(new Objective.Batch(x, logits, new int[] {0, 1, 2, 3}, 1, f)).getFloat();
            assertTrue(Double.isFinite(viaBatch));
            assertThrows(UnsupportedOperationException.class, () -> dac.loss(logits, new int[] {0, 1, 2, 3}, 1));
            org.regsl.bench.data.LabeledImages set = org.regsl.bench.train.TinyData.make(6, 2, 5);
            int[] predictions = Evaluation.predictions(net, set);
            for (int p : predictions) {
                assertTrue(p == 0 || p == 1, "a prediction is a real class, never the abstention");
            }
        }
    }

    @Test
    void aNetWithoutTheExtraOutputIsAClearError() {
        try (NDManager m = NDManager.newBaseManager()) {
            DeepAbstainingClassifier dac = new DeepAbstainingClassifier(new int[] {0, 1}, 3, 1, 4, 1.0, 64.0);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> dac.loss(m.create(Z, new Shape(2, 3)), POS, 1, true));
            assertTrue(e.getMessage().contains("4 outputs"), e.getMessage());
        }
    }
}
