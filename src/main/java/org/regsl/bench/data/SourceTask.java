package org.regsl.bench.data;

/**
 * What a source model is pretrained on: a training set and a held-out test set (its source accuracy), of images or
 * of frozen text embeddings (C9).
 *
 * @param name task name, e.g. {@code fashion-0-4} or {@code sotu-era}
 * @param train the pretraining examples
 * @param test held-out examples of the same classes
 * @param splitSeed the seed of the split
 */
public record SourceTask(String name, ImageSet train, ImageSet test, long splitSeed) {

    /** The source task of an image task (its validation split is not read). */
    public static SourceTask of(TaskData task) {
        return new SourceTask(task.name(), task.train(), task.test(), task.splitSeed());
    }

    /** Number of classes. */
    public int numClasses() {
        return train.numClasses();
    }
}
