package org.regsl.bench.train;

/**
 * Which epoch a training run keeps. The official code keeps the best validation accuracy (ties
 * go to the later epoch); the pilot study (BENCH.md) found the minimum validation loss steadier
 * when the validation split holds few images per class.
 */
public enum Checkpoint {
    /** The last epoch (no validation data needed). */
    LAST,
    /** The epoch with the highest validation accuracy; ties go to the later epoch. */
    BEST_VAL_ACCURACY,
    /** The epoch with the lowest mean validation cross-entropy; ties go to the earlier epoch. */
    MIN_VAL_LOSS;

    /** True if the epoch with validation result ({@code acc}, {@code loss}) replaces the kept one. */
    boolean improves(double acc, double loss, double bestAcc, double bestLoss) {
        return switch (this) {
            case LAST -> false;
            case BEST_VAL_ACCURACY -> acc >= bestAcc;
            case MIN_VAL_LOSS -> loss < bestLoss;
        };
    }
}
