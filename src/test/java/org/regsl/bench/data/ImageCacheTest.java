package org.regsl.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsed-set cache keeps every label: QuickDraw's 345 categories once wrapped at 256 (a one-byte label). */
class ImageCacheTest {

    @Test
    void labelsAbove255SurviveTheRoundTrip(@TempDir Path dir) throws IOException {
        int n = 345;
        byte[] px = new byte[n];
        int[] labels = new int[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = n - 1 - i;
            idx[i] = i;
            px[i] = (byte) i;
        }
        LabeledImages all = new LabeledImages("many", px, labels, idx, 1, 1, n);
        Path file = dir.resolve("many.bin");
        try (OutputStream os = Files.newOutputStream(file)) {
            ImageCache.write(all, os);
        }
        LabeledImages back = ImageCache.read(file);
        assertArrayEquals(labels, back.labels());
        assertArrayEquals(px, back.pixels());
        assertEquals(n, back.numClasses());
    }
}
