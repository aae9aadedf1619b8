package org.regsl.bench.data.paper;

/**
 * An 8-bit RGB image as PIL holds one after {@code convert('RGB')}: {@code width x height} pixels,
 * rows top to bottom, three bytes (R, G, B) per pixel.
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb {@code height * width * 3} bytes, row-major, channels interleaved
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs "
                    + 3L * width * height + " bytes, got " + rgb.length);
        }
    }

    /** Channel {@code c} (0 R, 1 G, 2 B) of pixel (x, y), 0-255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** The w x h region whose top-left pixel is (x, y), copied (PIL's {@code crop} inside the image). */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + "+" + x + "+" + y + " leaves a " + width + "x"
                    + height + " image");
        }
        byte[] out = new byte[3 * w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(rgb, ((y + row) * width + x) * 3, out, row * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }
}
