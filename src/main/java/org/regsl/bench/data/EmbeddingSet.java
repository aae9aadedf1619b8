package org.regsl.bench.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * An in-memory set of frozen text embeddings (C9): one {@code dim}-float vector per text, its label and its index
 * in the corpus it was drawn from. The net reads them as a (B, dim) batch; there is no augmentation. Immutable (the
 * vectors array is not copied: never write into it).
 *
 * @param name what this set is (e.g. {@code spam/train})
 * @param vectors {@code size * dim} floats, row-major
 * @param dim the embedding's dimension
 * @param labels one label per text
 * @param indices one corpus index per text
 * @param numClasses number of classes labels range over
 */
public record EmbeddingSet(String name, float[] vectors, int dim, int[] labels, int[] indices, int numClasses)
        implements ImageSet {

    public EmbeddingSet {
        if (vectors.length != labels.length * dim || indices.length != labels.length) {
            throw new IllegalArgumentException(name + ": vector, label and index counts disagree");
        }
    }

    /** The texts at {@code positions}, in that order, under {@code newName}. */
    public EmbeddingSet select(String newName, int[] positions) {
        float[] v = new float[positions.length * dim];
        int[] l = new int[positions.length];
        int[] idx = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            System.arraycopy(vectors, positions[i] * dim, v, i * dim, dim);
            l[i] = labels[positions[i]];
            idx[i] = indices[positions[i]];
        }
        return new EmbeddingSet(newName, v, dim, l, idx, numClasses);
    }

    /**
     * The first {@code perClass} texts of every class, in set order (a set stored class-shuffled gives a seeded draw
     * of {@code perClass} labels per class); fewer of a class is an error.
     */
    public EmbeddingSet firstPerClass(String newName, int perClass) {
        int[] taken = new int[numClasses];
        int[] pos = new int[perClass * numClasses];
        int n = 0;
        for (int i = 0; i < labels.length && n < pos.length; i++) {
            if (taken[labels[i]] < perClass) {
                taken[labels[i]]++;
                pos[n++] = i;
            }
        }
        if (n < pos.length) {
            throw new IllegalArgumentException(name + ": fewer than " + perClass + " texts in some class");
        }
        return select(newName, pos);
    }

    @Override
    public NDArray images(NDManager m, int[] pos, int from, int to, long augmentSeed) {
        float[] buf = new float[(to - from) * dim];
        for (int i = from; i < to; i++) {
            System.arraycopy(vectors, pos[i] * dim, buf, (i - from) * dim, dim);
        }
        return m.create(buf, new Shape(to - from, dim));
    }

    @Override
    public int evalChunk() {
        return 1000;
    }
}
