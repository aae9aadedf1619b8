package org.regsl.bench.objective;

import ai.djl.ndarray.NDArray;
import org.regsl.bench.nn.LabelMasks;
import org.regsl.bench.nn.Losses;
import org.regsl.bench.train.Objective;

/**
 * The multi-label loss of C4: mean binary cross-entropy with logits over the batch and the K
 * findings, 1/(B K) sum_i sum_k [max(z_ik, 0) - z_ik y_ik + log(1 + exp(-|z_ik|))], y_ik = 1 if
 * finding k is present in image i (ChestX-ray14: the official Sigmoid + BCELoss, REGSL-SPEC 6.3,
 * in its stable form).
 */
public final class BinaryCrossEntropy implements Objective {

    private final int[] masks;
    private final int findings;

    /** The loss against {@code masks} (bit k = finding k, training order) over {@code findings} outputs. */
    public BinaryCrossEntropy(int[] masks, int findings) {
        this.masks = masks.clone();
        this.findings = findings;
    }

    @Override
    public NDArray loss(NDArray logits, int[] positions, int epoch) {
        return Losses.bceWithLogits(logits, LabelMasks.multiHot(logits.getManager(), masks, positions, findings)).mean();
    }
}
