package org.regsl.bench.train;

import org.regsl.bench.nn.AmsGrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.model.Net;
import org.regsl.bench.objective.CoTeaching;
import org.regsl.bench.objective.SelfLabeling;

/** The loop learns, is bit-reproducible from its seeds, and stops cleanly on divergence. */
class TrainingLoopTest {

    @TempDir
    Path dir;

    private static byte[] weights(Net net) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Pair<String, Parameter> p : net.parameters()) {
            out.writeBytes(p.getValue().getArray().toByteArray());
        }
        return out.toByteArray();
    }

    private static byte[] train(long initSeed, long seed, LabeledImages data) {
        try (Net net = Net.create(4, initSeed)) {
            new TrainingLoop(new TrainConfig(2, 16, 1e-3, 1, 0.1, seed, Checkpoint.BEST_VAL_ACCURACY, "test")).run(net, data, data);
            return weights(net);
        }
    }

    @Test
    void sameSeedsGiveIdenticalBitsAndAnotherSeedDoesNot() {
        LabeledImages data = TinyData.make(96, 4, 1);
        byte[] a = train(3, 1, data);
        byte[] b = train(3, 1, data);
        byte[] c = train(3, 2, data);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void learnsASeparableTask() {
        LabeledImages data = TinyData.make(128, 4, 2);
        try (Net net = Net.create(4, 1)) {
            double before = Evaluation.of(net, data).accuracy();
            new TrainingLoop(new TrainConfig(4, 16, 1e-3, 10, 0.1, 0, Checkpoint.LAST, "test")).run(net, data, null);
            double after = Evaluation.of(net, data).accuracy();
            assertTrue(after > 0.9 && after > before, before + " -> " + after);
        }
    }

    @Test
    void minimumValidationLossCheckpointRestoresThatEpoch() {
        LabeledImages train = TinyData.make(64, 4, 3);
        LabeledImages val = TinyData.make(48, 4, 4);
        try (Net net = Net.create(4, 5)) {
            TrainingLoop.Result r = new TrainingLoop(new TrainConfig(6, 16, 3e-2, 10, 0.1, 0, Checkpoint.MIN_VAL_LOSS,
                    "min-val-loss")).run(net, train, val);
            int col = TrainingLoop.CURVE_COLUMNS.indexOf("valLoss");
            int argmin = 0;
            for (int i = 1; i < r.curve().size(); i++) {
                if (r.curve().get(i)[col] < r.curve().get(argmin)[col]) {
                    argmin = i;
                }
            }
            assertEquals(argmin + 1, r.bestEpoch());
            assertEquals(r.curve().get(argmin)[col], Evaluation.of(net, val).loss(), 0.0,
                    "the kept weights are the minimum-validation-loss epoch's");
        }
    }

    @Test
    void selfLabelingLogsEachEpochAndCoTeachingTrainsItsPeer() {
        LabeledImages data = TinyData.make(64, 4, 3);
        try (Net net = Net.create(4, 5)) {
            SelfLabeling sl = new SelfLabeling(SelfLabeling.Params.of(2, 0.5, 2, 1.0), data.labels(), data.labels());
            TrainingLoop.Result r = new TrainingLoop(new TrainConfig(3, 16, 1e-2, 10, 0.1, 0, Checkpoint.LAST, "sl"))
                    .run(net, data, null, sl);
            assertEquals(3, r.objectiveLog().size());
            assertEquals(0.0, r.objectiveLog().get(0).get("labelsChanged"), "no correction before E_c");
            assertTrue(r.objectiveLog().get(2).containsKey("labelsEqualClean"));
        }
        try (Net net = Net.create(4, 5); Net peer = Net.create(4, 6);
                CoTeaching ct = new CoTeaching(data.labels(), peer, 0.25, 2)) {
            byte[] before = weights(peer);
            new TrainingLoop(new TrainConfig(2, 16, 1e-3, 10, 0.1, 0, Checkpoint.LAST, "co")).run(net, data, null, ct);
            assertFalse(java.util.Arrays.equals(before, weights(peer)), "the peer is stepped too");
        }
    }

    @Test
    void memoryStaysFlatOverSteps() {
        LabeledImages data = TinyData.make(96, 4, 4);
        try (Net net = Net.create(4, 1)) {
            ai.djl.ndarray.BaseNDManager m = (ai.djl.ndarray.BaseNDManager) net.manager();
            new TrainingLoop(new TrainConfig(1, 16, 1e-3, 10, 0.1, 0, Checkpoint.BEST_VAL_ACCURACY, "leak")).run(net, data, data);
            int afterOne = m.getManagedArrays().size();
            new TrainingLoop(new TrainConfig(4, 16, 1e-3, 10, 0.1, 0, Checkpoint.BEST_VAL_ACCURACY, "leak")).run(net, data, data);
            org.regsl.bench.measure.PerturbedLoss.measure(net, data, 96, 1e-2, 4, 1);
            assertEquals(afterOne, m.getManagedArrays().size(), "arrays held by the model's manager grew");
        }
    }

    @Test
    void divergingRunFailsWithAClearError() {
        LabeledImages data = TinyData.make(64, 4, 3);
        try (Net net = Net.create(4, 1)) {
            TrainConfig crazy = new TrainConfig(3, 16, 1e30, 10, 0.1, 0, Checkpoint.LAST, "diverging-run");
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> new TrainingLoop(crazy).run(net, data, null));
            assertTrue(e.getMessage().startsWith("diverging-run: diverged at epoch"), e.getMessage());
        }
    }

    @Test
    void amsGradStepMatchesTheFormula() {
        try (Net net = Net.create(4, 1); NDManager m = NDManager.newBaseManager()) {
            List<Pair<String, Parameter>> head = net.trainable().stream()
                    .filter(p -> p.getKey().contains("head_bias")).toList();
            float[] w0 = head.get(0).getValue().getArray().toFloatArray();
            float[] g = {0.5f, -1f, 2f, 0f};
            double lr = 0.01;
            try (AmsGrad opt = new AmsGrad(head)) {
                NDArray b = head.get(0).getValue().getArray(); // bound to the optimizer's flat buffer: a new view
                try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    gc.backward(b.mul(m.create(g, new Shape(4))).sum()); // d/db sum(b * g) = g
                }
                opt.step(lr);
                float[] w1 = b.toFloatArray();
                for (int i = 0; i < 4; i++) {
                    // t = 1: m = 0.1 g, v = vmax = 0.001 g^2, step = lr / 0.1 * m / (sqrt(vmax / 0.001) + eps)
                    double mHat = 0.1 * g[i] / 0.1;
                    double vHat = Math.sqrt(0.001 * g[i] * g[i]) / Math.sqrt(0.001);
                    double expected = w0[i] - lr * mHat / (vHat + 1e-8);
                    assertEquals(expected, w1[i], 1e-6, "entry " + i);
                }
                try (NDArray grad = b.getGradient()) {
                    assertArrayEquals(new float[4], grad.toFloatArray(), "gradients are zeroed after the step");
                }
            }
        }
    }

    @Test
    void saveAndLoadRoundTripBitExactly() throws Exception {
        try (Net a = Net.create(5, 1); Net b = Net.create(5, 2)) {
            Path f = dir.resolve("m/net.params");
            org.regsl.bench.cache.CacheEntry.writeAtomically(f, a::save);
            b.load(f);
            assertArrayEquals(weights(a), weights(b));
        }
    }
}
