package org.regsl.bench.data.text;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.EmbeddingSet;

/**
 * The binary form of a cached {@link TextTask}'s embeddings ({@code embeddings/<task>-<hash>.bin} in the cache, one
 * {@code cache.CacheEntry} whose key holds the text set's recipe, the package digest and the encoder's artifact and
 * version): magic {@code RGSLEMB1}, then for pool, val and test: count, dim, classes, per text its label and corpus
 * index, then the floats. Big-endian.
 */
final class EmbeddingCache {

    /** Bump when the layout changes. */
    static final int FORMAT = 1;

    private static final long MAGIC = 0x5247534c454d4231L; // "RGSLEMB1"

    private EmbeddingCache() {}

    static void write(List<EmbeddingSet> parts, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
        out.writeLong(MAGIC);
        for (EmbeddingSet s : parts) {
            out.writeInt(s.size());
            out.writeInt(s.dim());
            out.writeInt(s.numClasses());
            for (int i = 0; i < s.size(); i++) {
                out.writeInt(s.labels()[i]);
                out.writeInt(s.indices()[i]);
            }
            for (float v : s.vectors()) {
                out.writeFloat(v);
            }
        }
        out.flush();
    }

    /** The three parts of {@code file}, named {@code <task>/pool|val|test}. */
    static List<EmbeddingSet> read(Path file, String task) throws IOException {
        return read(file, task, List.of("pool", "val", "test"));
    }

    /** The parts of {@code file}, as many as {@code names}, named {@code <task>/<name>}. */
    static List<EmbeddingSet> read(Path file, String task, List<String> names) throws IOException {
        try (InputStream fin = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(fin, 1 << 16))) {
            if (in.readLong() != MAGIC) {
                throw DatasetException.at(file.toString(), "magic", "not an embedding cache file");
            }
            EmbeddingSet[] parts = new EmbeddingSet[names.size()];
            for (int p = 0; p < parts.length; p++) {
                int n = in.readInt();
                int dim = in.readInt();
                int classes = in.readInt();
                int[] labels = new int[n];
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = in.readInt();
                    idx[i] = in.readInt();
                }
                float[] v = new float[n * dim];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                parts[p] = new EmbeddingSet(task + "/" + names.get(p), v, dim, labels, idx, classes);
            }
            return List.of(parts);
        }
    }
}
