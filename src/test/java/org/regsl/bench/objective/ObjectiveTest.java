package org.regsl.bench.objective;

import org.regsl.bench.train.CrossEntropy;
import org.regsl.bench.train.Objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every loss against a value computed by hand (python, math module) for logits
 * z = [[1, 2, 0], [0, 0.5, 3]] and labels [0, 1], batch positions [0, 1].
 */
class ObjectiveTest {

    private static final float[] Z = {1, 2, 0, 0, 0.5f, 3};
    private static final int[] Y = {0, 1};
    private static final int[] POS = {0, 1};
    private static final double TOL = 1e-5;

    private static double value(Objective o, int epoch) {
        try (NDManager m = NDManager.newBaseManager()) {
            return o.loss(m.create(Z, new Shape(2, 3)), POS, epoch).getFloat();
        }
    }

    @Test
    void crossEntropy() {
        assertEquals(2.015739461406874, value(new CrossEntropy(Y), 1), TOL);
    }

    @Test
    void labelSmoothing() {
        assertEquals(1.9824061280735406, value(new LabelSmoothing(Y, 0.1), 1), TOL);
    }

    @Test
    void generalizedCrossEntropy() {
        assertEquals(1.0481008484766896, value(new GeneralizedCrossEntropy(Y, 0.7), 1), TOL);
    }

    @Test
    void symmetricCrossEntropy() {
        assertEquals(7.950924460059132, value(new SymmetricCrossEntropy(Y, 0.1, 1.0), 1), TOL);
    }

    @Test
    void activePassiveLoss() {
        assertEquals(8.139454107792094, value(new ActivePassiveLoss(Y, 1.0, 1.0), 1), TOL);
    }

    @Test
    void earlyLearningRegularizationFirstStep() {
        assertEquals(1.361948154843681, value(new EarlyLearningRegularization(Y, 3, 0.7, 3.0), 1), TOL);
    }

    @Test
    void selfAdaptiveTrainingIsCrossEntropyBeforeItsStartAndWeightedSoftTargetsAfter() {
        assertEquals(2.015739461406874, value(new SelfAdaptiveTraining(Y, 3, 5, 0.9), 4), TOL);
        assertEquals(1.872682341182416, value(new SelfAdaptiveTraining(Y, 3, 5, 0.9), 5), TOL);
    }

    @Test
    void selfLabelingIsTheMeanBeforeReweightingAndTheWeightedSumAfter() {
        SelfLabeling.Params p = new SelfLabeling.Params(100, 0.9, 3, 1.0, false, true);
        assertEquals(2.015739461406874, value(new SelfLabeling(p, Y, null), 2), TOL);
        assertEquals(1.6856373714840993, value(new SelfLabeling(p, Y, null), 3), TOL);
    }

    @Test
    void reweightingWeightsSumToOnePerBatchAndCarryNoGradient() {
        float[] w = SelfLabeling.weights(new float[] {0.1f, 2.5f, 7f, 0.3f}, 0.5);
        double sum = 0;
        for (float v : w) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-6);
        SelfLabeling.Params p = new SelfLabeling.Params(100, 0.9, 1, 1.0, false, true);
        // with the weights held constant the gradient is w_i (p_i - onehot(y_i)); a gradient through
        // the weights would add terms
        double[] expected = {-0.5826209456945438, 0.5131708265364646, 0.0694501191580791, 0.010055048001310771,
            -0.21201608589606263, 0.20196103789475184};
        float[] g = gradient(z -> new SelfLabeling(p, Y, null).loss(z, POS, 1));
        for (int i = 0; i < g.length; i++) {
            assertEquals(expected[i], g[i], TOL, "d loss / d z[" + i + "]");
        }
    }

    private static float[] gradient(Function<NDArray, NDArray> loss) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(Z, new Shape(2, 3));
            z.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.apply(z));
            }
            return z.getGradient().toFloatArray();
        }
    }

    @Test
    void correctionChangesALabelOnlyAboveTheThresholdAndPermanently() {
        int[] given = {1, 1, 0, 0};
        int[] clean = {0, 1, 2, 0};
        SelfLabeling s = new SelfLabeling(SelfLabeling.Params.of(1, 0.5, 100, 1.0), given, clean);
        float[] probs = {
            0.75f, 0.25f, 0f, // above p0 = 0.5, disagrees: changes to 0
            0.5f, 0.25f, 0.25f, // disagrees but exactly p0, not above: stays
            0.25f, 0.25f, 0.5f, // disagrees, exactly p0: stays
            0.125f, 0.75f, 0.125f}; // above p0, disagrees: changes to 1 (a clean label made wrong)
        assertEquals(2, s.correct(probs, 3, new int[] {0, 1, 2, 3}));
        assertArrayEquals(new int[] {0, 1, 0, 1}, s.labels());
        var log = s.epochLog();
        assertEquals(2.0, log.get("labelsChanged"));
        assertEquals(2.0, log.get("labelsEqualClean"));
        float[] unsure = {0.5f, 0.5f, 0f, 0.5f, 0.5f, 0f, 0.5f, 0.5f, 0f, 0.5f, 0.5f, 0f};
        assertEquals(0, s.correct(unsure, 3, new int[] {0, 1, 2, 3}));
        assertArrayEquals(new int[] {0, 1, 0, 1}, s.labels(), "corrections persist");
        assertEquals(0.0, s.epochLog().get("labelsChanged"), "the count restarts each epoch");
    }

    @Test
    void correctionOnlyFromItsEpochAndFromTheStepsOwnForwardPass() {
        int[] given = {1, 1};
        SelfLabeling s = new SelfLabeling(SelfLabeling.Params.of(3, 0.5, 100, 1.0), given, null);
        value(s, 2);
        assertArrayEquals(given, s.labels(), "epoch 2 < E_c = 3: no correction");
        value(s, 3);
        // softmax rows of Z: [0.245, 0.665, 0.090] -> 1 (already), [0.066, 0.109, 0.825] -> 2
        assertArrayEquals(new int[] {1, 2}, s.labels());
    }

    @Test
    void temperatureFollowsTheOfficialSchedule() {
        int er = 4;
        double t0 = 2;
        assertEquals(2.0, SelfLabeling.temperatureAfter(3, t0, er));
        assertEquals(2.0, SelfLabeling.temperatureAfter(4, t0, er), "epochs E_r and E_r + 1 use T0");
        assertEquals(1.809674836071919, SelfLabeling.temperatureAfter(5, t0, er), 1e-12);
        assertEquals(1.0, SelfLabeling.temperatureAfter(11, t0, er), 1e-12, "floor 0.5 T0");
        assertEquals(1.0, SelfLabeling.temperatureAfter(30, t0, er), 1e-12);
        SelfLabeling s = new SelfLabeling(SelfLabeling.Params.of(100, 0.9, er, t0), Y, null);
        for (int e = 1; e <= 5; e++) {
            s.endEpoch(e);
        }
        assertEquals(1.809674836071919, s.temperature(), 1e-12);
    }

    @Test
    void coTeachingKeepsTheScheduledShareOfSmallLossSamples() {
        try (org.regsl.bench.model.Net peer = org.regsl.bench.model.Net.create(3, 1);
                CoTeaching ct = new CoTeaching(Y, peer, 0.4, 5)) {
            assertEquals(1.0, ct.keepRate(1), 1e-12, "epoch 1 keeps everything");
            assertEquals(0.9, ct.keepRate(2), 1e-12);
            assertEquals(0.6, ct.keepRate(5), 1e-12, "from T_k on: 1 - tau");
            assertEquals(0.6, ct.keepRate(30), 1e-12);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray idx = CoTeaching.smallest(m.create(new float[] {0.5f, 0.1f, 0.9f, 0.1f}), 3);
            assertArrayEquals(new long[] {1, 3, 0}, idx.toLongArray(), "ties: lower index first");
        }
    }
}
