package org.regsl.bench.train;

import org.regsl.bench.data.ImageSet;
import org.regsl.bench.model.Net;

/**
 * What the training loop measures on the validation set after each epoch for its checkpoint rule:
 * a score (higher is better; accuracy by default) and a loss (lower is better).
 */
@FunctionalInterface
public interface Validator {

    /** Accuracy and mean cross-entropy ({@link Evaluation}): single-label tasks. */
    Validator ACCURACY = Evaluation::of;

    /** The score and loss of {@code net} on {@code set}, as an {@link Evaluation} (accuracy = the score). */
    Evaluation evaluate(Net net, ImageSet set);
}
