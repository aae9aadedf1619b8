package org.regsl.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.regsl.bench.data.LabeledImages;
import org.regsl.bench.model.Net;
import org.regsl.bench.nn.Batches;
import org.regsl.bench.nn.LabelMasks;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.PgdAttack;
import org.regsl.bench.train.TinyData;

/**
 * C4's multi-label evaluation and the robust accuracy on a real (untrained, seeded) net, against
 * the same quantities computed here from one forward pass over all images: chunking, the mean over
 * findings, the BCE normalization and the first-n rule are what they say.
 */
class EvaluationsOnANetTest {

    /** 600 images (more than two evaluation chunks of 250) with bit-mask labels over 3 findings. */
    private static LabeledImages multiLabel() {
        LabeledImages base = TinyData.make(600, 5, 9);
        int[] masks = new int[base.size()];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = 1 + (i * 7 + i / 3) % 7; // every finding present and absent somewhere
        }
        return new LabeledImages("masks", base.pixels(), masks, base.indices(), 28, 28, 3);
    }

    @Test
    void multiLabelEvaluationIsTheMeanAucAndTheMeanBce() {
        LabeledImages set = multiLabel();
        try (Net net = Net.create(3, 4); NDManager m = net.manager().newSubManager()) {
            int n = set.size();
            int[] pos = Batches.identity(n);
            NDArray z = net.forward(Batches.images(m, set, pos, 0, n), false);
            float[] flat = z.toFloatArray();
            double sum = 0;
            double bce = 0;
            double[] want = new double[3];
            for (int k = 0; k < 3; k++) {
                double[] logit = new double[n];
                boolean[] present = new boolean[n];
                for (int i = 0; i < n; i++) {
                    logit[i] = flat[i * 3 + k];
                    present[i] = LabelMasks.has(set.labels()[i], k);
                    double p = 1 / (1 + Math.exp(-logit[i]));
                    bce += present[i] ? -Math.log(p) : -Math.log1p(-p);
                }
                want[k] = RocAuc.of(logit, present, "finding " + k);
                sum += want[k];
            }
            MultiLabelEvaluation e = MultiLabelEvaluation.of(net, set, 3);
            assertEquals(n, e.n());
            for (int k = 0; k < 3; k++) {
                assertEquals(want[k], e.auc()[k], 1e-9, "finding " + k);
            }
            assertEquals(sum / 3, e.meanAuc(), 1e-9);
            assertEquals(bce / (3.0 * n), e.loss(), 1e-5);
            Evaluation v = MultiLabelEvaluation.validator(3).evaluate(net, set);
            assertEquals(e.meanAuc(), v.accuracy(), 0);
            assertEquals(e.loss(), v.loss(), 0);
            assertEquals(n, v.n());
        }
    }

    @Test
    void robustAccuracyWithoutAnAttackIsTheAccuracyOfTheFirstN() {
        LabeledImages set = TinyData.make(250, 5, 5);
        try (Net net = Net.create(5, 6); NDManager m = net.manager().newSubManager()) {
            int n = 230; // more than two chunks of 100, fewer than the set
            int[] pos = Batches.identity(n);
            long[] pred = net.forward(Batches.images(m, set, pos, 0, n), false).argMax(1).toLongArray();
            long correct = 0;
            for (int i = 0; i < n; i++) {
                correct += pred[i] == set.labels()[i] ? 1 : 0;
            }
            assertEquals((double) correct / n, RobustAccuracy.of(net, set, n, PgdAttack.of(0f, 0)), 1e-12);
            assertEquals(RobustAccuracy.of(net, set, 250, PgdAttack.of(0f, 0)),
                    RobustAccuracy.of(net, set, 1000, PgdAttack.of(0f, 0)), 0, "n beyond the set is the whole set");
            double attacked = RobustAccuracy.of(net, set, n, PgdAttack.of(0.3f, 3));
            assertTrue(attacked <= (double) correct / n, "an attack never helps: " + attacked);
        }
    }
}
