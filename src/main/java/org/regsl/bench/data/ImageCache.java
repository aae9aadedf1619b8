package org.regsl.bench.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The compact binary cache of a parsed data set: a header ({@code RGSL2}, name, count, rows,
 * cols, classes), then a two-byte unsigned label and {@code rows*cols} pixel bytes per image. (Format 1 had a
 * one-byte label: QuickDraw's 345 categories wrapped at 256 when read back, found by C8's first run from the
 * cache; format 2 holds up to 65,536 classes and the writer refuses more.) The
 * repository stores it as a {@link org.regsl.bench.cache.CacheEntry} (atomic write, length and
 * checksum verified before it is read).
 */
public final class ImageCache {

    private static final String MAGIC = "RGSL2";

    /** The version of this format; part of every cache entry's configuration. */
    static final int FORMAT = 2;

    /** The most classes a label of this format holds. */
    static final int MAX_CLASSES = 1 << 16;

    private ImageCache() {}

    /** Writes {@code images} in the cache format to {@code os}. */
    public static void write(LabeledImages images, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
        out.writeUTF(MAGIC);
        out.writeUTF(images.name());
        out.writeInt(images.size());
        out.writeInt(images.rows());
        out.writeInt(images.cols());
        out.writeInt(images.numClasses());
        int px = images.imageSize();
        if (images.numClasses() > MAX_CLASSES) {
            throw new IllegalArgumentException(images.name() + ": " + images.numClasses() + " classes, the image cache"
                    + " holds at most " + MAX_CLASSES);
        }
        for (int i = 0; i < images.size(); i++) {
            out.writeShort(images.labels()[i]);
            out.write(images.pixels(), i * px, px);
        }
        out.flush();
    }

    /** Reads a cache file; a truncated or foreign file is an error naming the file. */
    public static LabeledImages read(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new DatasetException(file + ": not a RegSL image cache (bad magic)");
            }
            String name = in.readUTF();
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int classes = in.readInt();
            int px = rows * cols;
            byte[] pixels = new byte[n * px];
            int[] labels = new int[n];
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readUnsignedShort();
                in.readFully(pixels, i * px, px);
                idx[i] = i;
            }
            return new LabeledImages(name, pixels, labels, idx, rows, cols, classes);
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated image cache; delete it to rebuild", e);
        }
    }
}
