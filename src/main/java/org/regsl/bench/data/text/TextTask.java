package org.regsl.bench.data.text;

import org.regsl.bench.data.EmbeddingSet;
import org.regsl.bench.data.SourceTask;

/**
 * A C9 text task in frozen embeddings: a labelled pool the runs draw their labels from, a validation split
 * (checkpoint and design choices) and a test split (read only by the claim), disjoint, each stored class by class
 * in a seeded order.
 *
 * @param name the task, e.g. {@code spam}
 * @param pool the labelled pool (the first {@code k} of each class are a run's {@code k} labels per class)
 * @param val validation texts
 * @param test test texts
 * @param splitSeed the seed of the split
 */
public record TextTask(String name, EmbeddingSet pool, EmbeddingSet val, EmbeddingSet test, long splitSeed) {

    /** The training set of {@code perClass} labels per class. */
    public EmbeddingSet train(int perClass) {
        return pool.firstPerClass(name + "/train-" + perClass + "-per-class", perClass);
    }

    /** Number of classes. */
    public int numClasses() {
        return pool.numClasses();
    }

    /** This task as a source task (the whole pool trains, the test split measures). */
    public SourceTask asSource() {
        return new SourceTask(name, pool, test, splitSeed);
    }
}
