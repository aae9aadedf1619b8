package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** Loss formulas shared by training and measurement. */
public final class Losses {

    private Losses() {}

    /** Per-sample negative log-likelihood, -log softmax(z)_y, shape (B). */
    public static NDArray perSampleNll(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).get(new NDIndex().addAllDim().addPickDim(labels)).neg().reshape(-1);
    }

    /**
     * Binary cross-entropy with logits, per element: max(z, 0) - z y + log(1 + exp(-|z|)), the
     * numerically stable form of -y log sigmoid(z) - (1 - y) log(1 - sigmoid(z)) (PyTorch's
     * {@code BCEWithLogitsLoss}, reduction none); shape of {@code logits}.
     */
    public static NDArray bceWithLogits(NDArray logits, NDArray targets) {
        return logits.maximum(Scalars.of(logits, 0)).sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1f).log());
    }

    /** Mean cross-entropy of a batch. */
    public static NDArray meanNll(NDArray logits, NDArray labels) {
        return perSampleNll(logits, labels).mean();
    }
}
