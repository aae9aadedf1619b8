package org.regsl.bench.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A labelled image set a training loop and the measurements read: an in-memory bench set
 * ({@link LabeledImages}) or a paper-scale set decoded from files on demand
 * ({@code data.paper.ImageFileSet}). Every image carries its index in the data set
 * it came from, so per-sample state (self-labeling) can be keyed by it.
 */
public interface ImageSet {

    /** What this set is (e.g. {@code cub-200-2011/train}). */
    String name();

    /** Number of images. */
    default int size() {
        return labels().length;
    }

    /** One label per image. */
    int[] labels();

    /** One source index per image. */
    int[] indices();

    /** Number of classes the labels range over. */
    int numClasses();

    /**
     * The images at positions {@code pos[from..to)} as a float tensor (B, C, H, W) ready for the
     * net. {@code augmentSeed} fixes any random augmentation of this batch (sets without
     * augmentation ignore it), so the same seed gives the same pixels.
     */
    NDArray images(NDManager m, int[] pos, int from, int to, long augmentSeed);

    /**
     * Images per inference chunk: a forward pass keeps its activations until its chunk closes, so
     * large images need small chunks (a ResNet-50 at 224 px holds on the order of 100 MB per image).
     */
    default int evalChunk() {
        return 250; // the bench sets' 28x28 images
    }
}
