package org.regsl.bench.objective;

import org.regsl.bench.nn.Targets;
import org.regsl.bench.train.Objective;

import ai.djl.ndarray.NDArray;
import org.regsl.bench.nn.Scalars;

/**
 * Symmetric cross-entropy (Wang et al. 2019, "Symmetric cross entropy for robust learning with
 * noisy labels"): loss = alpha CE + beta RCE, with the reverse cross-entropy
 * RCE_i = -sum_k p_ik log(max(onehot_ik, 1e-4)) = -log(1e-4) (1 - p_{i,y_i}); alpha 0.1, beta 1.0
 * in the paper's CIFAR-10 setting.
 */
public final class SymmetricCrossEntropy implements Objective {

    /** log of the clip applied to the one-hot target inside the reverse cross-entropy. */
    static final double LOG_CLIP = Math.log(1e-4);

    private final int[] labels;
    private final double alpha;
    private final double beta;

    /** SCE with weights {@code alpha} (CE) and {@code beta} (RCE) against {@code labels}. */
    public SymmetricCrossEntropy(int[] labels, double alpha, double beta) {
        this.labels = labels.clone();
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        NDArray onehot = Targets.oneHot(logits, labels, positions);
        NDArray ce = Targets.softCrossEntropy(onehot, logits.logSoftmax(1));
        return ce.mul(Scalars.of(ce, alpha)).add(reverse(onehot, logits).mul(Scalars.of(ce, beta))).mean();
    }

    /** Per-sample RCE = -log(1e-4) (1 - p_y), shape (B). */
    static NDArray reverse(NDArray onehot, NDArray logits) {
        NDArray py = onehot.mul(logits.softmax(1)).sum(new int[] {1});
        return py.neg().add(1f).mul(Scalars.of(py, (float) -LOG_CLIP));
    }
}
