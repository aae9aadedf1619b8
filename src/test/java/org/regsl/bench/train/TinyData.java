package org.regsl.bench.train;

import java.util.Random;
import org.regsl.bench.data.LabeledImages;

/** Small seeded synthetic image sets for engine tests: class k has a bright k-th row band. */
public final class TinyData {

    private TinyData() {}

    /** {@code n} 28x28 images over {@code classes} classes. */
    public static LabeledImages make(int n, int classes, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        int[] labels = new int[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            idx[i] = i;
            for (int k = 0; k < 784; k++) {
                int row = k / 28;
                int band = row / (28 / classes);
                px[i * 784 + k] = (byte) (band == labels[i] ? 200 + r.nextInt(50) : r.nextInt(60));
            }
        }
        return new LabeledImages("tiny", px, labels, idx, 28, 28, classes);
    }
}
