package org.regsl.bench.data.paper;

/**
 * PIL's bilinear resize of an 8-bit image ({@code Image.resize(size, BILINEAR)}, Pillow 9.4
 * {@code Resample.c}), which torchvision's {@code Resize} and {@code RandomResizedCrop} call on PIL
 * images. Separable: a horizontal pass into an 8-bit intermediate, then a vertical pass. For each
 * output index i along an axis of input length n and output length m:
 *
 * <pre>
 *   scale = n / m,  filterscale = max(scale, 1),  support = filterscale   (bilinear support 1)
 *   center = (i + 0.5) scale
 *   inputs j in [int(center - support + 0.5), int(center + support + 0.5)) clipped to [0, n)
 *   w_j = max(0, 1 - |(j - center + 0.5) / filterscale|), normalised to sum 1
 * </pre>
 *
 * so when shrinking the triangle widens with the scale (antialiasing) and pixel centres align.
 * Weights become fixed-point integers with 22 fractional bits (rounded half away from zero); each
 * output is {@code (2^21 + sum w_j p_j) >> 22} clipped to 0-255. An axis whose length does not
 * change is not resampled (PIL skips that pass). Checked against torchvision + PIL on
 * {@code golden/transforms}.
 */
public final class PilBilinear {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilBilinear() {}

    /** {@code src} resized to {@code width x height}. */
    public static RgbImage resize(RgbImage src, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("cannot resize to " + width + "x" + height);
        }
        RgbImage img = src;
        if (width != src.width()) {
            img = horizontal(img, Coefficients.of(src.width(), width));
        }
        if (height != src.height()) {
            img = vertical(img, Coefficients.of(src.height(), height));
        }
        return img == src ? new RgbImage(src.width(), src.height(), src.rgb().clone()) : img;
    }

    /** The fixed-point weights of one axis: output i reads {@code count[i]} inputs from {@code first[i]}. */
    private record Coefficients(int ksize, int[] first, int[] count, int[] weight) {

        static Coefficients of(int in, int out) {
            double scale = (double) in / out;
            double filterscale = Math.max(scale, 1.0);
            double support = filterscale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[out];
            int[] count = new int[out];
            int[] weight = new int[out * ksize];
            double[] k = new double[ksize];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale;
                double ss = 1.0 / filterscale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), in) - min;
                double sum = 0;
                for (int x = 0; x < max; x++) {
                    double t = Math.abs((x + min - center + 0.5) * ss);
                    k[x] = t < 1.0 ? 1.0 - t : 0.0;
                    sum += k[x];
                }
                for (int x = 0; x < max; x++) {
                    double w = sum != 0.0 ? k[x] / sum : k[x];
                    weight[i * ksize + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
                }
                first[i] = min;
                count[i] = max;
            }
            return new Coefficients(ksize, first, count, weight);
        }
    }

    private static RgbImage horizontal(RgbImage src, Coefficients c) {
        int w = c.first().length;
        int h = src.height();
        byte[] in = src.rgb();
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            int row = y * src.width();
            for (int x = 0; x < w; x++) {
                int base = x * c.ksize();
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int j = 0; j < c.count()[x]; j++) {
                        ss += (in[(row + c.first()[x] + j) * 3 + ch] & 0xFF) * c.weight()[base + j];
                    }
                    out[(y * w + x) * 3 + ch] = clip8(ss);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage vertical(RgbImage src, Coefficients c) {
        int w = src.width();
        int h = c.first().length;
        byte[] in = src.rgb();
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            int base = y * c.ksize();
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int j = 0; j < c.count()[y]; j++) {
                        ss += (in[((c.first()[y] + j) * w + x) * 3 + ch] & 0xFF) * c.weight()[base + j];
                    }
                    out[(y * w + x) * 3 + ch] = clip8(ss);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static byte clip8(int ss) {
        int v = ss >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
