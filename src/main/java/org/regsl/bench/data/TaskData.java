package org.regsl.bench.data;

/**
 * A classification task with its three disjoint splits.
 *
 * @param name task name, e.g. {@code fashion-novel}
 * @param train labelled training images
 * @param val validation images (checkpoint selection; clean labels)
 * @param test held-out test images (never used for any choice)
 * @param splitSeed the seed of the split, recorded in every run
 */
public record TaskData(String name, LabeledImages train, LabeledImages val, LabeledImages test, long splitSeed) {

    /** Number of classes of the task. */
    public int numClasses() {
        return train.numClasses();
    }
}
