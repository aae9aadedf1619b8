package org.regsl.bench.objective;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What a training step minimizes, given the train-mode logits of a batch. Plain fine-tuning uses
 * {@link CrossEntropy}; the label-noise methods (self-labeling and the noisy-label baselines)
 * replace it and may keep per-sample state (mutable labels, prediction averages) indexed by each
 * sample's position in the training set. Penalties are added by the training loop, un-weighted.
 */
public interface Objective extends AutoCloseable {

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
     */
    record Batch(NDArray x, NDArray logits, int[] positions, int epoch) {}

    /** The loss of one batch; by default {@link #loss(NDArray, int[], int)} on its logits. */
    default NDArray loss(Batch batch) {
        return loss(batch.logits(), batch.positions(), batch.epoch());
    }

    /** Called after the optimizer step of the trained net (co-teaching steps its peer here). */
    default void afterStep(double lr) {}

    /** Called once after each epoch (after validation): schedules advance here. */
    default void endEpoch(int epoch) {}

    /** Releases what the objective owns (co-teaching: its peer's optimizer state); nothing by default. */
    @Override
    default void close() {}

    /** What this objective wants logged for the epoch just ended (e.g. labels changed), or empty. */
    default Map<String, Double> epochLog() {
        return Map.of();
    }
}
