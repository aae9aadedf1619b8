package org.regsl.bench.data.paper;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * The official image pipelines (REGSL-SPEC 6.1), on decoded RGB images:
 *
 * <ul>
 *   <li>train: RandomResizedCrop(size) with scale (0.08, 1) and ratio (3/4, 4/3) (torchvision's
 *       10 tries, then a centre crop clamped to the ratio range), a horizontal flip with p 0.5;
 *   <li>eval: Resize(size x 256/224) of the shorter side, then CenterCrop(size);
 * </ul>
 *
 * then gray replicated to three channels and ImageNet normalization (mean 0.485/0.456/0.406, std
 * 0.229/0.224/0.225), written channel-first. Resampling is Java2D bilinear, not PIL's, so pixels
 * differ slightly from torchvision's. A train crop's randomness comes only from the generator
 * passed in (seeded per image and epoch), so the same seed gives the same pixels.
 *
 * @param size output side (224 at the paper budget)
 * @param train random crop and flip when true
 */
public record ImageTransform(int size, boolean train) {

    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** Floats per output image (3 x size x size). */
    public int floats() {
        return 3 * size * size;
    }

    /** Transforms {@code img} into {@code out} at {@code offset}; {@code rng} is used only when training. */
    public void apply(BufferedImage img, Random rng, float[] out, int offset) {
        int w = img.getWidth();
        int h = img.getHeight();
        BufferedImage patch;
        boolean flip = false;
        if (train) {
            int[] box = randomResizedCrop(w, h, rng);
            patch = resize(img, box[0], box[1], box[2], box[3], size, size);
            flip = rng.nextBoolean();
        } else {
            int resize = Math.round(size * 256f / 224f);
            int nw = w <= h ? resize : Math.round((float) resize * w / h);
            int nh = w <= h ? Math.round((float) resize * h / w) : resize;
            BufferedImage scaled = resize(img, 0, 0, w, h, nw, nh);
            int left = (int) Math.round((nw - size) / 2.0);
            int top = (int) Math.round((nh - size) / 2.0);
            patch = resize(scaled, left, top, size, size, size, size);
        }
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = patch.getRGB(flip ? size - 1 - x : x, y);
                int k = offset + y * size + x;
                out[k] = (((rgb >> 16) & 0xFF) / 255f - MEAN[0]) / STD[0];
                out[k + plane] = (((rgb >> 8) & 0xFF) / 255f - MEAN[1]) / STD[1];
                out[k + 2 * plane] = ((rgb & 0xFF) / 255f - MEAN[2]) / STD[2];
            }
        }
    }

    /** torchvision RandomResizedCrop.get_params: {x, y, w, h}. */
    static int[] randomResizedCrop(int width, int height, Random rng) {
        double area = (double) width * height;
        double logLo = Math.log(3.0 / 4.0);
        double logHi = Math.log(4.0 / 3.0);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (0.08 + rng.nextDouble() * (1.0 - 0.08));
            double ratio = Math.exp(logLo + rng.nextDouble() * (logHi - logLo));
            int w = (int) Math.round(Math.sqrt(target * ratio));
            int h = (int) Math.round(Math.sqrt(target / ratio));
            if (w > 0 && h > 0 && w <= width && h <= height) {
                return new int[] {rng.nextInt(width - w + 1), rng.nextInt(height - h + 1), w, h};
            }
        }
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < 3.0 / 4.0) {
            w = width;
            h = (int) Math.round(w / (3.0 / 4.0));
        } else if (inRatio > 4.0 / 3.0) {
            h = height;
            w = (int) Math.round(h * (4.0 / 3.0));
        } else {
            w = width;
            h = height;
        }
        return new int[] {(width - w) / 2, (height - h) / 2, w, h};
    }

    /** The region (x, y, w, h) of {@code src} resampled bilinearly to tw x th, as RGB. */
    static BufferedImage resize(BufferedImage src, int x, int y, int w, int h, int tw, int th) {
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, tw, th, x, y, x + w, y + h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
