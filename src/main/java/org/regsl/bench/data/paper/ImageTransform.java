package org.regsl.bench.data.paper;

import java.util.Random;

/**
 * The official image pipelines (REGSL-SPEC 6.1, {@code base_data_loader.py}) on PIL-decoded RGB
 * images ({@link PilImageDecoder}), resampled as PIL does ({@link PilBilinear}) with torchvision
 * 0.14's rounding:
 *
 * <ul>
 *   <li>train: {@code RandomResizedCrop(size)} with scale (0.08, 1) and ratio (3/4, 4/3): up to 10
 *       tries of area {@code A U(0.08, 1)} and log-uniform ratio r, {@code w = round(sqrt(a r))},
 *       {@code h = round(sqrt(a / r))} (round half to even, Python's), kept when it fits, at a
 *       uniform offset; otherwise the central crop clamped to the ratio range; the crop resized
 *       to size x size; then a horizontal flip with p 0.5;
 *   <li>eval: {@code Resize(R)} of the shorter side to R = 256 at size 224 ({@code round(size 256 /
 *       224)} otherwise), the longer to {@code int(R long / short)} (truncated), then
 *       {@code CenterCrop(size)} at offsets {@code round((H - size) / 2)} and
 *       {@code round((W - size) / 2)}, half to even;
 *   <li>ChestX-ray14 ({@code reproduce-chexnet}, REGSL-SPEC 6.3): {@code Resize(size)} of the
 *       shorter side and {@code CenterCrop(size)}, with a horizontal flip with p 0.5 when training
 *       (applied after the crop here, before the resize there: the same image unless the crop's
 *       offset rounds to one side, a one-pixel shift at most);
 *
 *   <li>RFS's miniImageNet pipeline (Tian et al. 2020, {@code dataset/transform_cfg.py} {@code transform_A}, on
 *       84 x 84 images): eval {@code ToTensor} and RFS's normalization (mean 120.40/115.59/104.54 / 255, std
 *       70.68/68.27/72.55 / 255) of the image resized to size x size (PIL bilinear; the identity on the usual
 *       84 x 84 files); train first {@code RandomCrop(size, padding=8)} (zero padding, a uniform offset in
 *       [0, 16]) and a horizontal flip with p 0.5. RFS also applies {@code ColorJitter(0.4, 0.4, 0.4)}, which
 *       this pipeline leaves out (a stated departure: PIL's enhancers are not reimplemented here);
 * </ul>
 *
 * then {@code ToTensor} (x / 255 in float) and ImageNet normalization ((x - mean) / std, mean
 * 0.485/0.456/0.406, std 0.229/0.224/0.225; RFS's own for its pipeline), channel-first; gray images already carry their value
 * in all three channels. The evaluation transform matches torchvision + PIL on
 * {@code golden/transforms}. A train crop's randomness comes only from the generator passed in
 * (seeded per image and epoch), so the same seed gives the same pixels; it is Java's generator, not
 * torch's, so the crops are not the authors' crops.
 *
 * @param size output side (224 at the paper budget)
 * @param train random crop and flip when true (ChestX-ray: the flip only)
 * @param pipeline which pipeline
 */
public record ImageTransform(int size, boolean train, Pipeline pipeline) {

    /** The pipelines. */
    public enum Pipeline {
        /** The official image-classification pipeline. */
        OFFICIAL,
        /** {@code reproduce-chexnet}'s. */
        CHEST_XRAY,
        /** RFS's miniImageNet pipeline (C8 at paper scale). */
        RFS
    }

    /** The official image-classification pipeline (train or eval). */
    public ImageTransform(int size, boolean train) {
        this(size, train, Pipeline.OFFICIAL);
    }

    /** RFS's zero padding before its random crop. */
    static final int RFS_PADDING = 8;
    static final float[] RFS_MEAN = {120.39586422f / 255f, 115.59361427f / 255f, 104.54012653f / 255f};
    static final float[] RFS_STD = {70.68188272f / 255f, 68.27635443f / 255f, 72.54505529f / 255f};

    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};
    static final double MIN_SCALE = 0.08;
    static final double MIN_RATIO = 3.0 / 4.0;
    static final double MAX_RATIO = 4.0 / 3.0;
    static final int TRIES = 10;

    /** Floats per output image (3 x size x size). */
    public int floats() {
        return 3 * size * size;
    }

    /** Transforms {@code img} into {@code out} at {@code offset}; {@code rng} is used only when training. */
    public void apply(RgbImage img, Random rng, float[] out, int offset) {
        RgbImage patch;
        boolean flip = false;
        float[] mean = MEAN;
        float[] std = STD;
        int padX = 0;
        int padY = 0;
        if (pipeline == Pipeline.RFS) {
            mean = RFS_MEAN;
            std = RFS_STD;
            patch = img.width() == size && img.height() == size ? img : PilBilinear.resize(img, size, size);
            if (train) {
                padX = rng.nextInt(2 * RFS_PADDING + 1) - RFS_PADDING;
                padY = rng.nextInt(2 * RFS_PADDING + 1) - RFS_PADDING;
                flip = rng.nextBoolean();
            }
        } else if (pipeline == Pipeline.CHEST_XRAY) {
            patch = centerCrop(resizeShorterSide(img, size));
            flip = train && rng.nextBoolean();
        } else if (train) {
            Crop box = randomResizedCrop(img.width(), img.height(), rng);
            patch = PilBilinear.resize(img.crop(box.x(), box.y(), box.width(), box.height()), size, size);
            flip = rng.nextBoolean();
        } else {
            patch = centerCrop(resizeShorterSide(img, evalResize()));
        }
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int k = offset + y * size + x;
                int sx = (flip ? size - 1 - x : x) + padX;
                int sy = y + padY;
                boolean inside = sx >= 0 && sy >= 0 && sx < size && sy < size; // RandomCrop's zero padding
                for (int c = 0; c < 3; c++) {
                    out[k + c * plane] = ((inside ? patch.get(sx, sy, c) : 0) / 255f - mean[c]) / std[c];
                }
            }
        }
    }

    /** The shorter side before the evaluation crop: 256 for 224, scaled alike for other sizes. */
    int evalResize() {
        return Math.round(size * 256f / 224f);
    }

    /** torchvision {@code Resize(side)}: shorter side to {@code side}, longer to {@code int(side long / short)}. */
    static RgbImage resizeShorterSide(RgbImage img, int side) {
        int w = img.width();
        int h = img.height();
        int nw = w <= h ? side : (int) ((double) side * w / h);
        int nh = w <= h ? (int) ((double) side * h / w) : side;
        return nw == w && nh == h ? img : PilBilinear.resize(img, nw, nh);
    }

    /** torchvision {@code CenterCrop(size)} of an image at least {@code size} on each side. */
    RgbImage centerCrop(RgbImage img) {
        int top = (int) Math.rint((img.height() - size) / 2.0);
        int left = (int) Math.rint((img.width() - size) / 2.0);
        return img.crop(left, top, size, size);
    }

    /** A crop box: top-left corner and size. */
    record Crop(int x, int y, int width, int height) {}

    /** torchvision {@code RandomResizedCrop.get_params} for a width x height image (Python rounding, half to even). */
    static Crop randomResizedCrop(int width, int height, Random rng) {
        double area = (double) width * height;
        double logLo = Math.log(MIN_RATIO);
        double logHi = Math.log(MAX_RATIO);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            double target = area * (MIN_SCALE + rng.nextDouble() * (1.0 - MIN_SCALE));
            double ratio = Math.exp(logLo + rng.nextDouble() * (logHi - logLo));
            int w = (int) Math.rint(Math.sqrt(target * ratio));
            int h = (int) Math.rint(Math.sqrt(target / ratio));
            if (w > 0 && h > 0 && w <= width && h <= height) {
                int top = rng.nextInt(height - h + 1);
                int left = rng.nextInt(width - w + 1);
                return new Crop(left, top, w, h);
            }
        }
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < MIN_RATIO) {
            w = width;
            h = (int) Math.rint(w / MIN_RATIO);
        } else if (inRatio > MAX_RATIO) {
            h = height;
            w = (int) Math.rint(h * MAX_RATIO);
        } else {
            w = width;
            h = height;
        }
        return new Crop((width - w) / 2, (height - h) / 2, w, h);
    }
}
