package org.regsl.bench.regularize;

import ai.djl.ndarray.NDArray;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.Net;

/**
 * A soft regularizer, <em>added to the mini-batch loss</em> before the backward pass (REGSL-SPEC
 * 1.4). Distinct from {@link Constraint}, which is applied after the optimizer step.
 */
public interface Penalty {

    /**
     * The penalty term (a scalar with gradient), computed inside the gradient collector, of
     * {@code net} on the step whose forward pass recorded {@code batch} (the penalties on weights
     * ignore it; BSS and DELTA read the features of that very pass).
     */
    NDArray term(Net net, Features batch);

    /** A short description with the weights, for reports. */
    String describe();
}
