package org.regsl.bench.objective;

import org.regsl.bench.nn.Targets;
import org.regsl.bench.train.Objective;

import ai.djl.ndarray.NDArray;
import org.regsl.bench.nn.Scalars;

/**
 * Generalized cross-entropy (Zhang &amp; Sabuncu 2018, "Generalized cross entropy loss for training
 * deep neural networks with noisy labels"): loss = 1/B sum_i (1 - p_{i,y_i}^q) / q, between MAE
 * (q = 1) and cross-entropy (q -&gt; 0); q = 0.7 in the paper.
 */
public final class GeneralizedCrossEntropy implements Objective {

    private final int[] labels;
    private final double q;

    /** GCE with exponent {@code q} against {@code labels}. */
    public GeneralizedCrossEntropy(int[] labels, double q) {
        this.labels = labels.clone();
        this.q = q;
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        NDArray py = Targets.oneHot(logits, labels, positions).mul(logits.softmax(1)).sum(new int[] {1});
        return py.pow(Scalars.of(py, q)).neg().add(1f).div(Scalars.of(py, q)).mean();
    }
}
