package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.regsl.bench.data.ImageSet;

/** Turns positions of an {@link ImageSet} into input and label tensors. */
public final class Batches {

    private Batches() {}

    /** Images at {@code pos[from..to)}, without augmentation (evaluation). */
    public static NDArray images(NDManager m, ImageSet set, int[] pos, int from, int to) {
        return set.images(m, pos, from, to, 0L);
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
