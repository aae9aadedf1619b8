package org.regsl.bench.data;

import java.util.Random;

/**
 * The multi-label bench analog of ChestX-ray14 (C4): 28x28 images made of four digits in a 2x2
 * grid, each digit shrunk to 14x14 by averaging 2x2 pixel blocks (rounded half up), drawn
 * uniformly with replacement from a single-label set; the label of a mosaic is the bit mask of the
 * classes it shows ("digit d appears", one binary finding per class). With four draws from five
 * classes a finding is present in 1 - (4/5)^4 = 59 % of the mosaics. Same seed, same mosaics.
 */
public final class Mosaics {

    /** Side of a mosaic (that of the bench net's input). */
    public static final int SIDE = 28;

    private Mosaics() {}

    /** {@code count} mosaics of the images of {@code digits} (28x28, labels 0..K-1), named {@code name}. */
    public static LabeledImages of(LabeledImages digits, int count, long seed, String name) {
        if (digits.rows() != SIDE || digits.cols() != SIDE) {
            throw new IllegalArgumentException(digits.name() + ": mosaics need 28x28 images, not " + digits.rows() + "x"
                    + digits.cols());
        }
        if (digits.numClasses() > 31) {
            throw new IllegalArgumentException(digits.name() + ": a bit mask holds at most 31 classes");
        }
        Random rng = new Random(seed);
        int half = SIDE / 2;
        byte[] pixels = new byte[count * SIDE * SIDE];
        int[] masks = new int[count];
        int[] idx = new int[count];
        for (int m = 0; m < count; m++) {
            int base = m * SIDE * SIDE;
            for (int q = 0; q < 4; q++) {
                int src = rng.nextInt(digits.size());
                masks[m] |= 1 << digits.labels()[src];
                int top = (q / 2) * half;
                int left = (q % 2) * half;
                int from = src * SIDE * SIDE;
                for (int r = 0; r < half; r++) {
                    for (int c = 0; c < half; c++) {
                        int a = digits.pixels()[from + (2 * r) * SIDE + 2 * c] & 0xFF;
                        int b = digits.pixels()[from + (2 * r) * SIDE + 2 * c + 1] & 0xFF;
                        int d = digits.pixels()[from + (2 * r + 1) * SIDE + 2 * c] & 0xFF;
                        int e = digits.pixels()[from + (2 * r + 1) * SIDE + 2 * c + 1] & 0xFF;
                        pixels[base + (top + r) * SIDE + left + c] = (byte) ((a + b + d + e + 2) / 4);
                    }
                }
            }
            idx[m] = m;
        }
        return new LabeledImages(name, pixels, masks, idx, SIDE, SIDE, digits.numClasses());
    }

    /**
     * The mosaic task of a single-label task: as many training and validation mosaics as the task
     * has labelled images (each image appears in about four), and half as many test mosaics as
     * test images, each split drawn from its own split only.
     */
    public static TaskData task(TaskData digits, String name) {
        long s = digits.splitSeed();
        return new TaskData(name, of(digits.train(), digits.train().size(), s + 1, name + "/train"),
                of(digits.val(), digits.val().size(), s + 2, name + "/val"),
                of(digits.test(), digits.test().size() / 2, s + 3, name + "/test"), s);
    }
}
