package org.regsl.bench.train;

import ai.djl.ndarray.NDArray;
import org.regsl.bench.nn.Losses;
import org.regsl.bench.nn.Targets;

/** Mean cross-entropy against fixed training labels: -1/B sum_i log softmax(z_i)_{y_i}. */
public final class CrossEntropy implements Objective {

    private final int[] labels;

    /** Cross-entropy against {@code labels} (training order; given, possibly noisy). */
    public CrossEntropy(int[] labels) {
        this.labels = labels.clone();
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        return Losses.meanNll(logits, Targets.labels(logits, labels, positions));
    }
}
