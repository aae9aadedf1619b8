package org.regsl.bench.objective;

import org.regsl.bench.nn.Targets;
import org.regsl.bench.train.Objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.regsl.bench.nn.Scalars;

/**
 * Early-learning regularization (Liu et al. 2020, "Early-learning regularization prevents
 * memorization of noisy labels"): loss = CE + lambda 1/B sum_i log(1 - &lt;t_i, p_i&gt;), where the
 * target t_i is a running average of the sample's own predictions, t_i &lt;- beta t_i + (1 - beta)
 * p_i / sum(p_i) with p clipped to [1e-4, 1 - 1e-4] and detached; beta 0.7, lambda 3 (the paper's
 * CIFAR-10 values). Targets start at zero and are kept per training sample.
 */
public final class EarlyLearningRegularization implements Objective {

    private final int[] labels;
    private final double beta;
    private final double lambda;
    private final float[] targets;
    private final int classes;

    /** ELR over a training set of {@code labels.length} samples and {@code classes} classes. */
    public EarlyLearningRegularization(int[] labels, int classes, double beta, double lambda) {
        this.labels = labels.clone();
        this.classes = classes;
        this.beta = beta;
        this.lambda = lambda;
        this.targets = new float[labels.length * classes];
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        NDArray p = logits.softmax(1).clip(1e-4f, 1 - 1e-4f);
        float[] pv = p.toFloatArray();
        float[] t = new float[positions.length * classes];
        for (int i = 0; i < positions.length; i++) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += pv[i * classes + k];
            }
            int at = positions[i] * classes;
            for (int k = 0; k < classes; k++) {
                targets[at + k] = (float) (beta * targets[at + k] + (1 - beta) * pv[i * classes + k] / sum);
                t[i * classes + k] = targets[at + k];
            }
        }
        NDArray inner = logits.getManager().create(t, new Shape(positions.length, classes)).mul(p).sum(new int[] {1});
        NDArray elr = inner.neg().add(1f).log().mean();
        NDArray ce = Targets.softCrossEntropy(Targets.oneHot(logits, labels, positions), logits.logSoftmax(1)).mean();
        return ce.add(elr.mul(Scalars.of(elr, lambda)));
    }
}
