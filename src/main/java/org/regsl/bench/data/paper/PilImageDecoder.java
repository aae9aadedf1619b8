package org.regsl.bench.data.paper;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.regsl.bench.data.DatasetException;

/**
 * Decodes an image file to the pixels of PIL's {@code Image.open(f).convert('RGB')}, which every
 * official loader calls. ImageIO decodes; the conversion to RGB is PIL's (Pillow 9.4
 * {@code Convert.c}), never Java2D's colour management, which would change gray and CMYK pixels:
 *
 * <ul>
 *   <li>gray (JPEG or PNG "L"): the gray value in R, G and B; 16-bit gray (PIL mode "I") clipped to
 *       0-255 as PIL's {@code i2rgb} does;
 *   <li>RGB, with or without alpha: the decoded samples as they are (alpha dropped, no ICC profile
 *       applied; 16-bit samples keep their high byte, PIL's {@code RGB;16B});
 *   <li>CMYK JPEG: both ImageIO and PIL ({@code CMYK;I}) undo the Adobe inversion of the stored
 *       samples; PIL then converts with {@code nk = 255 - k}, {@code r = nk - round(c nk / 255)}
 *       (its {@code MULDIV255});
 *   <li>palette (PNG "P", 1-bit): the palette colour.
 * </ul>
 *
 * Checked against PIL's output for RGB, gray, CMYK and palette files in {@code golden/transforms}
 * (exact). A file no decoder reads, or one in a colour space PIL would not convert this way, is an
 * error naming the file.
 */
public final class PilImageDecoder {

    private PilImageDecoder() {}

    /** The RGB pixels of {@code file}. */
    public static RgbImage decode(Path file) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file + ": cannot be decoded: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DatasetException(file + ": not a readable image (no decoder recognises its format)");
        }
        return toRgb(img, file);
    }

    /** PIL's {@code convert('RGB')} of a decoded image; {@code file} names it in errors. */
    static RgbImage toRgb(BufferedImage img, Path file) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[3 * w * h];
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    put(out, (y * w + x) * 3, img.getRGB(x, y));
                }
            }
            return new RgbImage(w, h, out);
        }
        Raster r = img.getRaster();
        int bits = cm.getComponentSize(0);
        if (bits != 8 && bits != 16) {
            throw new DatasetException(file + ": " + bits + "-bit samples are not supported");
        }
        int space = cm.getColorSpace().getType();
        int[] px = new int[r.getNumBands()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(x, y, px);
                int k = (y * w + x) * 3;
                switch (space) {
                    case ColorSpace.TYPE_GRAY -> {
                        int g = bits == 8 ? px[0] : Math.min(px[0], 255);
                        out[k] = (byte) g;
                        out[k + 1] = (byte) g;
                        out[k + 2] = (byte) g;
                    }
                    case ColorSpace.TYPE_RGB -> {
                        int shift = bits - 8;
                        out[k] = (byte) (px[0] >> shift);
                        out[k + 1] = (byte) (px[1] >> shift);
                        out[k + 2] = (byte) (px[2] >> shift);
                    }
                    case ColorSpace.TYPE_CMYK -> {
                        int nk = 255 - px[3];
                        for (int c = 0; c < 3; c++) {
                            int t = px[c] * nk + 128;
                            out[k + c] = (byte) clip8(nk - (((t >> 8) + t) >> 8));
                        }
                    }
                    default -> throw new DatasetException(file + ": colour space type " + space
                            + " is not gray, RGB, CMYK or a palette; PIL's conversion is not reproduced for it");
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static void put(byte[] out, int k, int argb) {
        out[k] = (byte) (argb >> 16);
        out[k + 1] = (byte) (argb >> 8);
        out[k + 2] = (byte) argb;
    }

    private static int clip8(int v) {
        return v <= 0 ? 0 : Math.min(v, 255);
    }
}
