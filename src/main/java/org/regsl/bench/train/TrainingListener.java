package org.regsl.bench.train;

import java.util.Map;

/**
 * The hooks of the {@link TrainingLoop} (DJL's {@code TrainingListener} is the model): per batch
 * before the loss, after each optimizer step and its constraints, and after each epoch's
 * validation. Every {@link Objective} is one (co-teaching steps its peer after the step,
 * self-labeling advances its schedule per epoch); other listeners can be added to a loop.
 */
public interface TrainingListener {

    /** Called with each batch after the forward pass, before its loss. */
    default void onBatch(Objective.Batch batch) {}

    /** Called after the optimizer step of the trained net and its constraints. */
    default void afterStep(double lr) {}

    /** Called once after each epoch (after validation): schedules advance here. */
    default void endEpoch(int epoch) {}

    /** What this listener wants logged for the epoch just ended (e.g. labels changed), or empty. */
    default Map<String, Double> epochLog() {
        return Map.of();
    }
}
