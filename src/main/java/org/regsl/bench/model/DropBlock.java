package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;

/**
 * DropBlock (Ghiasi, Lin and Le 2018) as RFS's ResNet-12 applies it after stages 3 and 4 (Tian et al. 2020,
 * {@code models/resnet.py}): in training mode, block seeds m ~ Bernoulli(gamma) on the
 * (H - b + 1) x (W - b + 1) grid of every sample and channel; a seed at (i, j) drops the b x b block of rows
 * i..i+b-1 and columns j..j+b-1 of the H x W map (RFS pads the seed grid by (b-1)/2 on the left and b/2 on the
 * right and writes the block at the seed's unpadded index, so blocks reach from the seed down and right); the
 * output is x M N / sum(M) with M the kept-positions mask and N its size. RFS anneals the drop rate by the number
 * of forward calls n its block has seen (training or not):
 *
 * <pre>
 *   keep = max(1 - rate n / 40000, 1 - rate)        gamma = (1 - keep) / b^2 * H^2 / (H - b + 1)^2
 * </pre>
 *
 * The seeds come from the training thread's {@link DropoutRandom} generator (libtorch's is shared by concurrent
 * runs); a mask that keeps nothing (every position of the batch dropped, which RFS turns into NaN) gives zeros.
 */
public final class DropBlock {

    /** The forward calls over which RFS anneals the drop rate (20 x 2000). */
    public static final long ANNEAL_CALLS = 40_000;

    private final int blockSize;
    private final double rate;
    private long calls;

    /** A DropBlock of {@code blockSize} x {@code blockSize} blocks whose drop rate anneals to {@code rate}. */
    public DropBlock(int blockSize, double rate) {
        if (blockSize < 1 || rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("DropBlock needs a block size >= 1 and a rate in [0, 1), got "
                    + blockSize + ", " + rate);
        }
        this.blockSize = blockSize;
        this.rate = rate;
    }

    /** Counts a forward call and, when training, applies the block mask to {@code x} (B, C, H, W). */
    public NDArray apply(NDArray x, boolean training) {
        calls++;
        if (!training || rate == 0) {
            return x;
        }
        long[] s = x.getShape().getShape();
        double gamma = gamma(calls, (int) s[2]);
        float[] mask = mask((int) s[0], (int) s[1], (int) s[2], (int) s[3], gamma);
        return x.mul(x.getManager().create(mask, x.getShape()));
    }

    /** The seed probability after {@code calls} forward calls on maps of side {@code feat}. */
    double gamma(long calls, int feat) {
        double keep = Math.max(1.0 - rate / ANNEAL_CALLS * calls, 1.0 - rate);
        int grid = feat - blockSize + 1;
        return (1 - keep) / (blockSize * blockSize) * feat * feat / ((double) grid * grid);
    }

    /** The scaled kept-positions mask (B, C, H, W) with seeds from this thread's dropout generator. */
    float[] mask(int batch, int channels, int height, int width, double gamma) {
        int gh = height - blockSize + 1;
        int gw = width - blockSize + 1;
        boolean[] seeds = DropoutRandom.bernoulli(batch * channels * gh * gw, gamma);
        float[] keep = new float[batch * channels * height * width];
        java.util.Arrays.fill(keep, 1f);
        int plane = height * width;
        for (int bc = 0; bc < batch * channels; bc++) {
            for (int i = 0; i < gh; i++) {
                for (int j = 0; j < gw; j++) {
                    if (seeds[(bc * gh + i) * gw + j]) {
                        for (int di = 0; di < blockSize; di++) {
                            for (int dj = 0; dj < blockSize; dj++) {
                                keep[bc * plane + (i + di) * width + j + dj] = 0f;
                            }
                        }
                    }
                }
            }
        }
        double ones = 0;
        for (float k : keep) {
            ones += k;
        }
        float scale = ones == 0 ? 0f : (float) (keep.length / ones);
        for (int i = 0; i < keep.length; i++) {
            keep[i] *= scale;
        }
        return keep;
    }

    /** The forward calls counted so far. */
    public long calls() {
        return calls;
    }
}
