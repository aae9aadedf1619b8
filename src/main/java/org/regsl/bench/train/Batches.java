package org.regsl.bench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.regsl.bench.data.LabeledImages;

/** Turns positions of a {@link LabeledImages} into input and label tensors. */
public final class Batches {

    private Batches() {}

    /** Images at {@code pos[from..to)} as a float tensor (B, 1, rows, cols) in [0, 1]. */
    public static NDArray images(NDManager m, LabeledImages set, int[] pos, int from, int to) {
        int px = set.imageSize();
        float[] buf = new float[(to - from) * px];
        for (int i = from; i < to; i++) {
            set.copyImage(pos[i], buf, (i - from) * px);
        }
        return m.create(buf, new Shape(to - from, 1, set.rows(), set.cols()));
    }

    /** Labels at {@code pos[from..to)} (from {@code labels}, which may differ from the set's). */
    public static NDArray labels(NDManager m, int[] labels, int[] pos, int from, int to) {
        long[] y = new long[to - from];
        for (int i = from; i < to; i++) {
            y[i - from] = labels[pos[i]];
        }
        return m.create(y);
    }

    /** 0, 1, ..., n-1. */
    public static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
