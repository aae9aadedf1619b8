package org.regsl.bench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.train.Gradients;
import org.regsl.bench.train.TinyData;

/** The nn package by hand: AMSGrad's update as PyTorch's, batches, label masks, targets and losses. */
class NnTest {

    @Test
    void amsGradMatchesTheHandComputedUpdateAndKeepsTheMaximum() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, -2f});
            w.setRequiresGradient(true);
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setArray(w);
            double[] ref = {1, -2};
            double[] mm = new double[2];
            double[] v = new double[2];
            double[] vmax = new double[2];
            double lr = 0.01;
            float[] scale = {1f, 0.1f, 0.01f}; // shrinking gradients: vmax must keep the first step's v
            try (AmsGrad opt = new AmsGrad(List.of(new Pair<>("w", p)))) {
                // the optimizer bound the parameter to its flat buffer: the array is a new view now
                for (int t = 1; t <= 3; t++) {
                    float s = scale[t - 1];
                    try (GradientCollector gc = Gradients.collect()) {
                        gc.backward(p.getArray().mul(p.getArray()).sum().mul(0.5f * s)); // gradient = s w
                    }
                    double[] g = {s * ref[0], s * ref[1]};
                    opt.step(lr);
                    for (int i = 0; i < 2; i++) {
                        mm[i] = 0.9 * mm[i] + 0.1 * g[i];
                        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                        vmax[i] = Math.max(vmax[i], v[i]);
                        double denom = Math.sqrt(vmax[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                        ref[i] -= lr / (1 - Math.pow(0.9, t)) * mm[i] / denom;
                    }
                    float[] got = p.getArray().toFloatArray();
                    assertEquals(ref[0], got[0], 1e-6, "step " + t);
                    assertEquals(ref[1], got[1], 1e-6, "step " + t);
                    assertArrayEquals(new float[2], p.getArray().getGradient().toFloatArray(), "gradient zeroed");
                }
            }
            assertTrue(vmax[0] > v[0], "the test exercised the maximum");
        }
    }

    @Test
    void anOptimizerOverNoParametersDoesNothing() {
        try (AmsGrad opt = new AmsGrad(List.of())) {
            opt.step(0.1);
        }
    }

    @Test
    void batchesPickImagesAndLabelsByPosition() {
        LabeledImages set = TinyData.make(6, 3, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            int[] pos = {5, 0, 3, 1};
            assertArrayEquals(new long[] {2, 0, 0}, Batches.labels(m, set.labels(), pos, 0, 3).toLongArray());
            assertArrayEquals(new long[] {0, 1}, Batches.labels(m, set.labels(), pos, 2, 4).toLongArray());
            assertArrayEquals(new long[] {6, 8}, Batches.labels(m, new int[] {9, 8, 7, 6, 5, 4}, pos, 2, 4)
                    .toLongArray(), "labels other than the set's");
            NDArray x = Batches.images(m, set, pos, 1, 3);
            assertEquals(new Shape(2, 1, 28, 28), x.getShape());
            assertArrayEquals(set.images(m, pos, 1, 3, 0L).toFloatArray(), x.toFloatArray(), 0f);
            assertArrayEquals(new int[] {0, 1, 2, 3}, Batches.identity(4));
            assertEquals(0, Batches.identity(0).length);
        }
    }

    @Test
    void labelMasksAndMultiHotTargets() {
        assertTrue(LabelMasks.has(0b101, 0));
        assertFalse(LabelMasks.has(0b101, 1));
        assertTrue(LabelMasks.has(0b101, 2));
        assertFalse(LabelMasks.has(0b101, 3));
        assertTrue(LabelMasks.has(1 << 13, 13), "ChestX-ray's 14th finding");
        assertTrue(LabelMasks.has(1 << 31, 31), "the sign bit is a finding too");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = LabelMasks.multiHot(m, new int[] {0b011, 0b100, 0b110}, new int[] {2, 0}, 3);
            assertEquals(new Shape(2, 3), t.getShape());
            assertArrayEquals(new float[] {0, 1, 1, 1, 1, 0}, t.toFloatArray());
        }
    }

    @Test
    void targetsAndLossesByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1f, 2f, 0.5f, 0f, -1f, 3f}, new Shape(2, 3));
            int[] labels = {2, 1, 0};
            int[] pos = {1, 2};
            NDArray y = Targets.labels(logits, labels, pos);
            assertArrayEquals(new long[] {1, 0}, y.toLongArray());
            assertEquals(DataType.INT64, y.getDataType());
            NDArray oneHot = Targets.oneHot(logits, labels, pos);
            assertEquals(DataType.FLOAT32, oneHot.getDataType());
            assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, oneHot.toFloatArray());
            double[][] z = {{1, 2, 0.5}, {0, -1, 3}};
            double[] nll = new double[2];
            for (int i = 0; i < 2; i++) {
                double lse = Math.log(Math.exp(z[i][0]) + Math.exp(z[i][1]) + Math.exp(z[i][2]));
                nll[i] = lse - z[i][(int) y.toLongArray()[i]];
            }
            float[] per = Losses.perSampleNll(logits, y).toFloatArray();
            assertEquals(2, per.length);
            assertEquals(nll[0], per[0], 1e-6);
            assertEquals(nll[1], per[1], 1e-6);
            assertEquals((nll[0] + nll[1]) / 2, Losses.meanNll(logits, y).getFloat(), 1e-6);
            // soft cross-entropy of one-hot targets is the NLL; of uniform targets the mean of -log p
            NDArray logp = logits.logSoftmax(1);
            assertArrayEquals(per, Targets.softCrossEntropy(oneHot, logp).toFloatArray(), 1e-6f);
            NDArray uniform = m.ones(new Shape(2, 3)).div(3f);
            float[] soft = Targets.softCrossEntropy(uniform, logp).toFloatArray();
            float[] lp = logp.toFloatArray();
            assertEquals(-(lp[0] + lp[1] + lp[2]) / 3, soft[0], 1e-6);
            // BCE with logits, the stable form, against the textbook formula
            float[] zz = {-20f, -0.5f, 0f, 0.7f, 25f};
            float[] tt = {1f, 0f, 1f, 1f, 0f};
            float[] bce = Losses.bceWithLogits(m.create(zz), m.create(tt)).toFloatArray();
            for (int i = 0; i < zz.length; i++) {
                double sig = 1 / (1 + Math.exp(-zz[i]));
                double want = tt[i] == 1 ? -Math.log(sig) : -Math.log1p(-sig);
                assertEquals(want, bce[i], 1e-5 * Math.max(1, want), "z " + zz[i]);
            }
        }
    }
}
