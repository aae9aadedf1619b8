package org.regsl.bench.objective;

import org.regsl.bench.nn.Targets;
import org.regsl.bench.train.Objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.regsl.bench.nn.Scalars;

/**
 * Self-adaptive training (Huang et al. 2020, "Self-adaptive training: beyond empirical risk
 * minimization"): each sample keeps a soft target t_i, initially onehot(y_i). Before epoch E_s
 * the loss is the plain cross-entropy; from E_s on, t_i &lt;- m t_i + (1 - m) p_i (p detached) and
 * loss = -1/sum_i w_i sum_i w_i sum_k t_ik log p_ik with the sample weight w_i = max_k t_ik.
 * m = 0.9; E_s = 60 of 200 epochs in the paper (rescaled to the run length here).
 */
public final class SelfAdaptiveTraining implements Objective {

    private final int[] labels;
    private final int classes;
    private final int startEpoch;
    private final double momentum;
    private final float[] targets;

    /** SAT from epoch {@code startEpoch} with momentum {@code momentum}. */
    public SelfAdaptiveTraining(int[] labels, int classes, int startEpoch, double momentum) {
        this.labels = labels.clone();
        this.classes = classes;
        this.startEpoch = startEpoch;
        this.momentum = momentum;
        this.targets = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            targets[i * classes + labels[i]] = 1f;
        }
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        NDArray logp = logits.logSoftmax(1);
        if (epoch < startEpoch) {
            return Targets.softCrossEntropy(Targets.oneHot(logits, labels, positions), logp).mean();
        }
        float[] pv = logits.softmax(1).toFloatArray();
        float[] t = new float[positions.length * classes];
        float[] w = new float[positions.length];
        double wSum = 0;
        for (int i = 0; i < positions.length; i++) {
            int at = positions[i] * classes;
            float max = 0;
            for (int k = 0; k < classes; k++) {
                targets[at + k] = (float) (momentum * targets[at + k] + (1 - momentum) * pv[i * classes + k]);
                t[i * classes + k] = targets[at + k];
                max = Math.max(max, targets[at + k]);
            }
            w[i] = max;
            wSum += max;
        }
        var m = logits.getManager();
        NDArray perSample = Targets.softCrossEntropy(m.create(t, new Shape(positions.length, classes)), logp);
        return perSample.mul(m.create(w)).sum().div(Scalars.of(perSample, (float) wSum));
    }
}
