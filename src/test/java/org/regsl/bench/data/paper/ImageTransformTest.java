package org.regsl.bench.data.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** torchvision's RandomResizedCrop rule (bounds, fallback) and PIL's resampling invariants. */
class ImageTransformTest {

    @Test
    void randomResizedCropStaysInsideTheImageAndItsScaleAndRatioRanges() {
        Random rng = new Random(1);
        for (int i = 0; i < 5000; i++) {
            ImageTransform.Crop c = ImageTransform.randomResizedCrop(500, 375, rng);
            assertTrue(c.x() >= 0 && c.y() >= 0 && c.x() + c.width() <= 500 && c.y() + c.height() <= 375, c.toString());
            double area = (double) c.width() * c.height() / (500 * 375);
            double ratio = (double) c.width() / c.height();
            // rounding w and h to whole pixels moves area and ratio a little past the drawn ones
            assertTrue(area >= 0.08 * 0.97 && area <= 1.0, "area share " + area);
            assertTrue(ratio >= 0.75 * 0.97 && ratio <= 4.0 / 3.0 * 1.03, "ratio " + ratio);
        }
    }

    @Test
    void randomResizedCropFallsBackToTheCentralCropClampedToTheRatioRange() {
        // a 1000x10 strip: every try needs h >= sqrt(0.08 A / (4/3)) = 24 > 10, so all ten fail
        ImageTransform.Crop wide = ImageTransform.randomResizedCrop(1000, 10, new Random(3));
        assertEquals(new ImageTransform.Crop(493, 0, 13, 10), wide, "w = round(10 x 4/3) = 13, centred");
        ImageTransform.Crop tall = ImageTransform.randomResizedCrop(10, 1000, new Random(3));
        assertEquals(new ImageTransform.Crop(0, 493, 10, 13), tall, "h = round(10 / (3/4)) = 13, centred");
    }

    @Test
    void centerCropRoundsHalfToEvenAsPython() {
        RgbImage img = new RgbImage(293, 300, new byte[3 * 293 * 300]);
        img.rgb()[3 * (38 * 293 + 34)] = 7;  // (293 - 224) / 2 = 34.5 -> 34; (300 - 224) / 2 = 38
        RgbImage crop = new ImageTransform(224, false).centerCrop(img);
        assertEquals(7, crop.get(0, 0, 0));
    }

    @Test
    void resizeTruncatesTheLongerSideAsTorchvision() {
        RgbImage img = new RgbImage(300, 451, new byte[3 * 300 * 451]);
        RgbImage r = ImageTransform.resizeShorterSide(img, 256);
        assertEquals(256, r.width());
        assertEquals(384, r.height(), "int(256 x 451 / 300) = int(384.85) = 384");
    }

    @Test
    void bilinearResizeKeepsAConstantImageAndAveragesWhenHalving() {
        byte[] flat = new byte[3 * 40 * 30];
        java.util.Arrays.fill(flat, (byte) 200);
        RgbImage r = PilBilinear.resize(new RgbImage(40, 30, flat), 17, 11);
        for (byte b : r.rgb()) {
            assertEquals(200, b & 0xFF);
        }
        // halving a 0/100 column pattern: PIL's triangle of support 2 gives weights 1/8, 3/8, 3/8, 1/8
        byte[] stripes = new byte[3 * 8];
        for (int x = 0; x < 8; x++) {
            java.util.Arrays.fill(stripes, 3 * x, 3 * x + 3, (byte) (x % 2 == 0 ? 0 : 100));
        }
        RgbImage half = PilBilinear.resize(new RgbImage(8, 1, stripes), 4, 1);
        // output 0 (centre 1) sees inputs 0..2 of 0, 100, 0 with weights 3/7, 3/7, 1/7 (clipped at the edge): 42.86 -> 43
        assertEquals(43, half.get(0, 0, 0));
        // inner outputs see 1/8, 3/8, 3/8, 1/8 of 0, 100, 0, 100 (or the mirror): 50
        assertArrayEquals(new int[] {50, 50}, new int[] {half.get(1, 0, 0), half.get(2, 0, 0)});
    }

    @Test
    void rfsPipelineNormalizesWithRfsStatisticsAndPadsItsRandomCropWithZeros() {
        byte[] px = new byte[3 * 84 * 84];
        for (int i = 0; i < 84 * 84; i++) {
            px[3 * i] = (byte) 200;
            px[3 * i + 1] = (byte) 100;
            px[3 * i + 2] = (byte) 50;
        }
        RgbImage img = new RgbImage(84, 84, px);
        ImageTransform eval = new ImageTransform(84, false, ImageTransform.Pipeline.RFS);
        float[] out = new float[eval.floats()];
        eval.apply(img, new java.util.Random(1), out, 0);
        assertEquals((200 / 255f - 120.39586422f / 255f) / (70.68188272f / 255f), out[0], 1e-6f);
        assertEquals((50 / 255f - 104.54012653f / 255f) / (72.54505529f / 255f), out[2 * 84 * 84], 1e-6f);
        ImageTransform train = new ImageTransform(84, true, ImageTransform.Pipeline.RFS);
        float zero = (0 - 120.39586422f / 255f) / (70.68188272f / 255f);
        boolean padded = false;
        for (long seed = 0; seed < 20 && !padded; seed++) {
            float[] t = new float[train.floats()];
            train.apply(img, new java.util.Random(seed), t, 0);
            padded = t[0] == zero || t[83] == zero || t[83 * 84] == zero || t[84 * 84 - 1] == zero;
        }
        assertTrue(padded, "some crop offset reaches into RandomCrop's zero padding");
    }
}
