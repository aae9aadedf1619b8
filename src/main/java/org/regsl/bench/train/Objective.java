package org.regsl.bench.train;

import ai.djl.ndarray.NDArray;
import org.regsl.bench.model.Features;

/**
 * What a training step minimizes, given the train-mode logits of a batch. Plain fine-tuning uses
 * {@link CrossEntropy}; the label-noise methods (self-labeling and the noisy-label baselines)
 * replace it and may keep per-sample state (mutable labels, prediction averages) indexed by each
 * sample's position in the training set. Penalties are added by the training loop, un-weighted.
 * Its hooks ({@link TrainingListener}) are called by the loop like any listener's.
 */
public interface Objective extends TrainingListener, AutoCloseable {

    /**
     * The loss of one batch.
     *
     * @param logits (B, K) train-mode outputs of the step's forward pass
     * @param positions each sample's position in the training set
     * @param epoch 1-based epoch
     */
    NDArray loss(NDArray logits, int[] positions, int epoch);

    /**
     * The batch as the training loop sees it: the images too, for objectives that run a model of
     * their own on them (co-teaching's peer).
     *
     * @param x (B, 1, H, W) images of the step
     * @param logits (B, K) train-mode outputs of the trained net
     * @param positions each sample's position in the training set
     * @param epoch 1-based epoch
     * @param features what the forward pass recorded on the way (stage outputs, pooled features, the
     *     head's whole output with any extra outputs: DAC's abstention)
     */
    record Batch(NDArray x, NDArray logits, int[] positions, int epoch, Features features) {}

    /** The loss of one batch; by default {@link #loss(NDArray, int[], int)} on its logits. */
    default NDArray loss(Batch batch) {
        return loss(batch.logits(), batch.positions(), batch.epoch());
    }

    /** Releases what the objective owns (co-teaching: its peer's optimizer state); nothing by default. */
    @Override
    default void close() {}
}
