package org.regsl.bench.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.regsl.bench.data.ImageSet;
import org.regsl.bench.model.Net;
import org.regsl.bench.nn.Batches;
import org.regsl.bench.nn.LabelMasks;
import org.regsl.bench.nn.Losses;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.Validator;

/**
 * C4's measurement of a multi-label net on a set (inference mode, in chunks): per finding the ROC
 * AUC of its logit against its presence ({@link RocAuc}, sklearn's definition; the logit orders
 * images as the official sigmoid output does, without float ties from saturation), their mean
 * (the paper's "average AUC", REGSL-SPEC 6.3), and the mean binary cross-entropy.
 *
 * @param meanAuc mean over findings of the per-finding AUC
 * @param auc per finding, its AUC
 * @param loss mean binary cross-entropy over images and findings
 * @param n images
 */
public record MultiLabelEvaluation(double meanAuc, double[] auc, double loss, int n) {

    /** The evaluation of {@code net} with {@code findings} outputs on {@code set} (labels are bit masks). */
    public static MultiLabelEvaluation of(Net net, ImageSet set, int findings) {
        int n = set.size();
        int[] pos = Batches.identity(n);
        double[][] logits = new double[findings][n];
        double lossSum = 0;
        try (NDManager sub = net.manager().newSubManager(); NDScope scope = new NDScope()) {
            for (int from = 0; from < n; from += set.evalChunk()) {
                int to = Math.min(n, from + set.evalChunk());
                try (NDManager chunk = sub.newSubManager()) {
                    NDArray z = net.forward(Batches.images(chunk, set, pos, from, to), false);
                    int[] at = java.util.Arrays.copyOfRange(pos, from, to);
                    for (float l : Losses.bceWithLogits(z, LabelMasks.multiHot(chunk, set.labels(), at, findings))
                            .toFloatArray()) {
                        lossSum += l;
                    }
                    float[] flat = z.toFloatArray();
                    for (int i = 0; i < to - from; i++) {
                        for (int k = 0; k < findings; k++) {
                            logits[k][from + i] = flat[i * findings + k];
                        }
                    }
                }
            }
        }
        double[] auc = new double[findings];
        double sum = 0;
        for (int k = 0; k < findings; k++) {
            boolean[] present = new boolean[n];
            for (int i = 0; i < n; i++) {
                present[i] = LabelMasks.has(set.labels()[i], k);
            }
            auc[k] = RocAuc.of(logits[k], present, set.name() + " finding " + k);
            sum += auc[k];
        }
        return new MultiLabelEvaluation(sum / findings, auc, lossSum / ((double) n * findings), n);
    }

    /** The training loop's validation of a multi-label task: score = mean AUC, loss = mean BCE. */
    public static Validator validator(int findings) {
        return (net, set) -> {
            MultiLabelEvaluation e = of(net, set, findings);
            return new Evaluation(e.meanAuc(), e.loss(), e.n());
        };
    }
}
