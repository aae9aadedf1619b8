package org.regsl.bench.objective;

import org.regsl.bench.nn.Targets;
import org.regsl.bench.train.Objective;

import ai.djl.ndarray.NDArray;

/**
 * Label smoothing (Szegedy et al. 2016, "Rethinking the Inception architecture"): cross-entropy
 * against t = (1 - eps) onehot(y) + eps / K, i.e. loss = -1/B sum_i sum_k t_ik log p_ik.
 */
public final class LabelSmoothing implements Objective {

    private final int[] labels;
    private final double epsilon;

    /** Smoothing {@code epsilon} (0.1-0.2 is usual) against {@code labels}. */
    public LabelSmoothing(int[] labels, double epsilon) {
        this.labels = labels.clone();
        this.epsilon = epsilon;
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        long k = logits.getShape().get(1);
        NDArray t = Targets.oneHot(logits, labels, positions).mul((float) (1 - epsilon)).add((float) (epsilon / k));
        return Targets.softCrossEntropy(t, logits.logSoftmax(1)).mean();
    }
}
