package org.regsl.bench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.measure.PerturbedLoss;
import org.regsl.bench.model.Net;

/**
 * Runs trained concurrently in one JVM give the bits they give alone: each thread has its own
 * gradient collector ({@link Gradients}; DJL's allows one per JVM) and draws from the engine's
 * generator under its lock (net initialization, perturbation noise).
 */
class ConcurrentTrainingTest {

    private static LabeledImages data() {
        Random rng = new Random(5);
        byte[] px = new byte[96 * 28 * 28];
        rng.nextBytes(px);
        int[] labels = new int[96];
        int[] idx = new int[96];
        for (int i = 0; i < 96; i++) {
            labels[i] = i % 3;
            idx[i] = i;
        }
        return new LabeledImages("concurrent", px, labels, idx, 28, 28, 3);
    }

    /** Trains a net from {@code seed} and returns its weights and a perturbed loss, flattened. */
    private static float[] run(long seed) {
        Gradients.offOnThisThread();
        LabeledImages d = data();
        try (Net net = Net.create(3, seed)) {
            new TrainingLoop(new TrainConfig(2, 16, 1e-3, 10, 0.1, seed, Checkpoint.LAST, "concurrent-" + seed))
                    .run(net, d, null);
            List<Float> out = new ArrayList<>();
            for (Pair<String, Parameter> p : net.parameters()) {
                for (float x : p.getValue().getArray().toFloatArray()) {
                    out.add(x);
                }
            }
            out.add((float) PerturbedLoss.measure(net, d, 50, 1e-2, 4, seed).perturbedLoss());
            float[] f = new float[out.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = out.get(i);
            }
            return f;
        }
    }

    @Test
    void concurrentRunsGiveTheirSequentialBits() throws Exception {
        float[] a = run(1);
        float[] b = run(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                Future<float[]> fa = pool.submit(() -> run(1));
                Future<float[]> fb = pool.submit(() -> run(2));
                assertArrayEquals(a, fa.get(), "run 1, concurrent round " + round);
                assertArrayEquals(b, fb.get(), "run 2, concurrent round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
