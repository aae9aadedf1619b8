package org.regsl.bench.objective;

import org.regsl.bench.nn.Targets;
import org.regsl.bench.train.Objective;

import ai.djl.ndarray.NDArray;
import org.regsl.bench.nn.Scalars;

/**
 * Active-passive loss NCE+RCE (Ma et al. 2020, "Normalized loss functions for deep learning with
 * noisy labels"): loss = alpha NCE + beta RCE, with the normalized cross-entropy
 * NCE_i = log p_{i,y_i} / sum_k log p_ik and the reverse cross-entropy of
 * {@link SymmetricCrossEntropy}; alpha = beta = 1 here.
 */
public final class ActivePassiveLoss implements Objective {

    private final int[] labels;
    private final double alpha;
    private final double beta;

    /** NCE+RCE with weights {@code alpha} and {@code beta} against {@code labels}. */
    public ActivePassiveLoss(int[] labels, double alpha, double beta) {
        this.labels = labels.clone();
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        NDArray onehot = Targets.oneHot(logits, labels, positions);
        NDArray logp = logits.logSoftmax(1);
        NDArray nce = onehot.mul(logp).sum(new int[] {1}).div(logp.sum(new int[] {1}));
        return nce.mul(Scalars.of(nce, alpha)).add(SymmetricCrossEntropy.reverse(onehot, logits).mul(Scalars.of(nce, beta)))
                .mean();
    }
}
