package org.regsl.bench.regularize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;

/** Projection geometry of the Frobenius and MARS constraints, the BN rule and the head rule. */
class ConstraintTest {

    private static final String CONV = "04stage3_03conv2_weight";
    private static final String STEM = "01stem_01Conv2d_weight";
    private static final String HEAD = "05head_weight";

    private static double distance(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
        }
        return Math.sqrt(s);
    }

    private static double norm(NDArray a) {
        double s = 0;
        for (float v : a.toFloatArray()) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    @Test
    void aPointOutsideTheBallLandsOnItAlongTheSameDirection() {
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net);
                NDManager m = NDManager.newBaseManager()) {
            NDArray w = net.parameter(CONV);
            NDArray step = m.randomNormal(0f, 0.05f, w.getShape(), w.getDataType());
            w.addi(step);
            double before = distance(w, ref.array(CONV));
            double d = before / 3;
            float[] direction = w.sub(ref.array(CONV)).toFloatArray();
            new FrobeniusConstraint(ref, LayerRadii.constant(d, 1e9)).project(net);
            assertEquals(d, distance(w, ref.array(CONV)), 1e-5 * d, "on the sphere of radius D");
            float[] moved = w.sub(ref.array(CONV)).toFloatArray();
            for (int i = 0; i < moved.length; i += 97) {
                assertEquals(direction[i] / 3, moved[i], 1e-6, "same direction, scaled by D / ||T||");
            }
        }
    }

    @Test
    void aPointInsideTheBallIsUntouched() {
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net)) {
            NDArray w = net.parameter(CONV);
            w.addi(0.001f);
            byte[] before = w.toByteArray();
            new FrobeniusConstraint(ref, LayerRadii.constant(10 * distance(w, ref.array(CONV)), 1e9)).project(net);
            assertArrayEquals(before, w.toByteArray());
        }
    }

    @Test
    void theStemIsUnconstrainedAndTheHeadIsMeasuredFromZero() {
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net)) {
            NDArray stem = net.parameter(STEM);
            stem.addi(1f);
            byte[] stemBefore = stem.toByteArray();
            NDArray head = net.parameter(HEAD);
            double headNorm = norm(head);
            new FrobeniusConstraint(ref, LayerRadii.constant(0.01, headNorm / 2)).project(net);
            assertArrayEquals(stemBefore, stem.toByteArray(), "stem untouched");
            assertEquals(headNorm / 2, norm(head), 1e-5 * headNorm, "head projected onto ||W|| = D_head from zero");
        }
    }

    @Test
    void marsRowNormsEndAtMostD() {
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net);
                NDManager m = NDManager.newBaseManager()) {
            NDArray w = net.parameter(CONV);
            w.addi(m.randomNormal(0f, 0.05f, w.getShape(), w.getDataType()));
            double d = 0.5;
            new MarsConstraint(ref, LayerRadii.constant(d, 1e9)).project(net);
            NDArray rows = w.sub(ref.array(CONV)).reshape(w.getShape().get(0), -1).abs().sum(new int[] {1});
            float max = rows.max().getFloat();
            assertTrue(max <= d * (1 + 1e-5), "max row L1 " + max);
            assertEquals(d, max, 1e-4, "the largest row is scaled onto D");
        }
    }

    @Test
    void marsLeavesRowsInsideTheBoundUntouched() {
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net)) {
            NDArray w = net.parameter(CONV);
            w.addi(1e-4f);
            byte[] before = w.toByteArray();
            new MarsConstraint(ref, LayerRadii.constant(1.0, 1e9)).project(net);
            assertArrayEquals(before, w.toByteArray());
        }
    }

    @Test
    void batchNormScaleRuleMatchesAHandComputedCase() {
        try (NDManager m = NDManager.newBaseManager()) {
            // channel 0: d0 = 1/sqrt(1), d = 3/sqrt(1): t = 2 clipped to D = 0.5, gamma = 1.5 sqrt(1)
            // channel 1: d0 = 1/sqrt(4) = 0.5, d = 0.2/sqrt(1): t = -0.3 inside, gamma stays 0.2
            // channel 2: d0 = 2/sqrt(4) = 1, var now 9: d = 1/3, t = -2/3 clipped to -0.5, gamma = 0.5 sqrt(9) = 1.5
            float[] d0 = StageConstraint.pretrainedScale(new float[] {1f, 1f, 2f}, new float[] {1f, 4f, 4f});
            float[] g = {3f, 0.2f, 1f};
            assertTrue(StageConstraint.clipBatchNormScale(g, new float[] {1f, 1f, 9f}, d0, 0.5f));
            assertEquals(1.5, g[0], 1e-5);
            assertEquals(0.2, g[1], 1e-5);
            assertEquals(1.5, g[2], 1e-5);
        }
    }

    @Test
    void batchNormInsideItsBoxIsUntouchedAndGammaIsClippedInTheNet() {
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net)) {
            String gamma = "04stage3_02bn1_gamma";
            NDArray g = net.parameter(gamma);
            byte[] before = g.toByteArray();
            new FrobeniusConstraint(ref, LayerRadii.constant(0.5, 1e9)).project(net);
            assertArrayEquals(before, g.toByteArray(), "gamma = gamma0 is inside its box");
            g.addi(2f); // running var is 1 at init: d - d0 = 2 per channel, clipped to 0.5
            new FrobeniusConstraint(ref, LayerRadii.constant(0.5, 1e9)).project(net);
            for (float v : g.toFloatArray()) {
                assertEquals(1.5, v, 1e-5);
            }
        }
    }

    @Test
    void layerWiseRadiiGrowGeometrically() {
        LayerRadii r = LayerRadii.layerWise(0.1, 4, 2);
        assertEquals(0.1, r.radius("stage1"), 1e-12);
        assertEquals(0.4, r.radius("stage2"), 1e-12);
        assertEquals(1.6, r.radius("stage3"), 1e-12);
        assertEquals(null, r.radius("stem"));
        assertEquals(0.3, LayerRadii.constant(0.3, 2).radius("stage3"), 1e-12);
        assertEquals(1.0, LayerRadii.proportional(java.util.Map.of("stage1", 1.0, "stage2", 2.0, "stage3", 4.0),
                0.25, 2).radius("stage3"), 1e-12);
    }

    @Test
    void projectionIsScopedAndLeaksNothing() {
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net)) {
            ai.djl.ndarray.BaseNDManager m = (ai.djl.ndarray.BaseNDManager) net.manager();
            net.parameter(CONV).addi(1f);
            Constraint c = new FrobeniusConstraint(ref, LayerRadii.layerWise(0.01, 2, 0.5));
            c.project(net);
            int after = m.getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                net.parameter(CONV).addi(0.5f);
                c.project(net);
            }
            assertEquals(after, m.getManagedArrays().size());
        }
    }
}
