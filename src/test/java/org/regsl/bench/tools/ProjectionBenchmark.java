package org.regsl.bench.tools;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.regularize.Constraint;
import org.regsl.bench.regularize.FrobeniusConstraint;
import org.regsl.bench.regularize.LayerRadii;
import org.regsl.bench.regularize.MarsConstraint;
import org.regsl.bench.regularize.Regularization;
import org.regsl.bench.train.TinyData;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * Benchmark (not a test): the cost of a projection against the cost of a training step of the
 * bench ResNet-8 (batch 32, 28x28). Radii are tight, so every projection is active. Prints
 * milliseconds per step without and with each constraint (median of rounds, alternating to
 * share machine noise) and the cost of one projection call alone.
 *
 * <p>Run: {@code mvn -q test-compile exec:exec -Dregsl.main=org.regsl.bench.tools.ProjectionBenchmark}
 */
public final class ProjectionBenchmark {

    private static final int ROUNDS = 5;
    private static final int IMAGES = 1600; // 50 steps of 32

    private ProjectionBenchmark() {}

    public static void main(String[] args) {
        LabeledImages data = TinyData.make(IMAGES, 5, 1);
        TrainConfig cfg = new TrainConfig(1, 32, 1e-3, 10, 0.1, 0, org.regsl.bench.train.Checkpoint.LAST, "bench");
        try (Net net = Net.create(5, 1); WeightSnapshot ref = WeightSnapshot.of(net)) {
            List<Constraint> constraints = List.of(
                    new FrobeniusConstraint(ref, LayerRadii.layerWise(0.01, 2, 0.5)),
                    new MarsConstraint(ref, LayerRadii.constant(0.01, 0.5)));
            new TrainingLoop(cfg).run(net, data, null); // warm-up
            double[][] ms = new double[constraints.size() + 1][ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                ms[0][r] = perStep(new TrainingLoop(cfg).run(net, data, null).seconds());
                for (int c = 0; c < constraints.size(); c++) {
                    ms[c + 1][r] = perStep(new TrainingLoop(cfg, null, Regularization.of(constraints.get(c)))
                            .run(net, data, null).seconds());
                }
            }
            double plain = median(ms[0]);
            System.out.printf("training step, plain: %.2f ms (median of %d rounds of %d steps)%n", plain, ROUNDS,
                    IMAGES / 32);
            for (int c = 0; c < constraints.size(); c++) {
                Constraint k = constraints.get(c);
                double with = median(ms[c + 1]);
                double alone = projectionAlone(net, k);
                System.out.printf("%s%n  step with projection %.2f ms (%+.1f %%), one projection alone %.3f ms"
                        + " = %.1f %% of a plain step%n", k.describe(), with, 100 * (with - plain) / plain, alone,
                        100 * alone / plain);
            }
        }
    }

    private static double projectionAlone(Net net, Constraint c) {
        int n = 200;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < 20; i++) {
                jitter(net);
                c.project(net);
            }
            long total = 0;
            for (int i = 0; i < n; i++) {
                jitter(net);
                long t = System.nanoTime();
                c.project(net);
                total += System.nanoTime() - t;
            }
            return total / 1e6 / n;
        }
    }

    /** Moves every weight a little so that the next projection has work to do. */
    private static void jitter(Net net) {
        net.trainable().forEach(p -> p.getValue().getArray().addi(1e-3f));
    }

    private static double perStep(double seconds) {
        return seconds * 1000 / (IMAGES / 32);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
