package org.regsl.bench.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * An in-memory image set: 8-bit gray pixels, integer labels and, for every image, its index in
 * the data set it was drawn from, so that a training loop can keep per-sample state (mutable
 * labels for self-labeling) keyed by that index. Immutable.
 *
 * @param name what this set is (e.g. {@code fashion-mnist/train})
 * @param pixels {@code size * rows * cols} bytes, row-major, 0..255 (unsigned)
 * @param labels one label per image
 * @param indices one source index per image
 * @param rows image height
 * @param cols image width
 * @param numClasses number of classes labels range over
 */
public record LabeledImages(
        String name, byte[] pixels, int[] labels, int[] indices, int rows, int cols, int numClasses)
        implements ImageSet {

    public LabeledImages {
        if (pixels.length != labels.length * rows * cols || indices.length != labels.length) {
            throw new IllegalArgumentException(name + ": pixel, label and index counts disagree");
        }
    }

    /** Number of images. */
    @Override
    public int size() {
        return labels.length;
    }

    /** Pixels per image. */
    public int imageSize() {
        return rows * cols;
    }

    /** The subset at the given positions, relabelled through {@code labelMap} (old label to new, -1 = not allowed). */
    public LabeledImages select(String newName, int[] positions, int[] labelMap, int newNumClasses) {
        int px = imageSize();
        byte[] p = new byte[positions.length * px];
        int[] l = new int[positions.length];
        int[] idx = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            int pos = positions[i];
            System.arraycopy(pixels, pos * px, p, i * px, px);
            int mapped = labelMap == null ? labels[pos] : labelMap[labels[pos]];
            if (mapped < 0) {
                throw new IllegalArgumentException(name + ": label " + labels[pos] + " is outside the task");
            }
            l[i] = mapped;
            idx[i] = indices[pos];
        }
        return new LabeledImages(newName, p, l, idx, rows, cols, newNumClasses);
    }

    /** The first {@code n} images (or all, if fewer). */
    public LabeledImages head(int n) {
        int[] pos = new int[Math.min(n, size())];
        Arrays.setAll(pos, i -> i);
        return select(name, pos, null, numClasses);
    }

    /** Copies image {@code i} into {@code out} at {@code offset}, scaled to [0, 1]. */
    public void copyImage(int i, float[] out, int offset) {
        int px = imageSize();
        int base = i * px;
        for (int k = 0; k < px; k++) {
            out[offset + k] = (pixels[base + k] & 0xFF) / 255f;
        }
    }

    /** Images at {@code pos[from..to)} as (B, 1, rows, cols) in [0, 1]; no augmentation. */
    @Override
    public NDArray images(NDManager m, int[] pos, int from, int to, long augmentSeed) {
        int px = imageSize();
        float[] buf = new float[(to - from) * px];
        for (int i = from; i < to; i++) {
            copyImage(pos[i], buf, (i - from) * px);
        }
        return m.create(buf, new Shape(to - from, 1, rows, cols));
    }
}
