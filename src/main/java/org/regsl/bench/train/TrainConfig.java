package org.regsl.bench.train;

/**
 * The knobs of one training run.
 *
 * @param epochs number of epochs
 * @param batchSize mini-batch size (the last, partial batch is kept if it has at least 2 images)
 * @param lr initial learning rate
 * @param lrStepEvery epochs between learning-rate drops
 * @param lrGamma factor of each drop (StepLR)
 * @param seed the seed of the batch order (and of anything else random in the loop)
 * @param checkpoint which epoch the run keeps (the official code: best validation accuracy)
 * @param label a short name for progress lines
 */
public record TrainConfig(
        int epochs, int batchSize, double lr, int lrStepEvery, double lrGamma, long seed,
        Checkpoint checkpoint, String label) {

    /** Learning rate in epoch {@code e} (1-based): StepLR. */
    public double lrAt(int e) {
        return lr * Math.pow(lrGamma, (e - 1) / lrStepEvery);
    }
}
