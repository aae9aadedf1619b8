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

    /** Mean cross-entropy of a batch. */
    public static NDArray meanNll(NDArray logits, NDArray labels) {
        return perSampleNll(logits, labels).mean();
    }
}
