package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-label targets stored as one int per image: bit k set = finding (or class) k present
 * (ChestX-ray14's 14 findings, the bench mosaics' five digits).
 */
public final class LabelMasks {

    private LabelMasks() {}

    /** True if finding {@code k} is present in {@code mask}. */
    public static boolean has(int mask, int k) {
        return (mask >>> k & 1) == 1;
    }

    /** The multi-hot targets (B, K) of the images at {@code positions}, as floats 0/1. */
    public static NDArray multiHot(NDManager m, int[] masks, int[] positions, int k) {
        float[] t = new float[positions.length * k];
        for (int i = 0; i < positions.length; i++) {
            for (int j = 0; j < k; j++) {
                t[i * k + j] = has(masks[positions[i]], j) ? 1f : 0f;
            }
        }
        return m.create(t, new Shape(positions.length, k));
    }
}
