package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Building target arrays of a batch next to its logits (same manager, so they close with the step). */
public final class Targets {

    private Targets() {}

    /** The labels of the batch's samples, as an int64 array of shape (B). */
    public static NDArray labels(NDArray logits, int[] labels, int[] positions) {
        return Batches.labels(logits.getManager(), labels, positions, 0, positions.length);
    }

    /** Per-sample cross-entropy against soft targets (B, K): -sum_k t_ik log p_ik, shape (B). */
    public static NDArray softCrossEntropy(NDArray targets, NDArray logp) {
        return targets.mul(logp).sum(new int[] {1}).neg();
    }

    /** One-hot rows (B, K) of the batch's labels, float32. */
    public static NDArray oneHot(NDArray logits, int[] labels, int[] positions) {
        return labels(logits, labels, positions).oneHot((int) logits.getShape().get(1)).toType(DataType.FLOAT32, false);
    }
}
