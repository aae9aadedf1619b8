package org.regsl.bench.regularize;

import org.regsl.bench.model.Net;

/**
 * A hard constraint on the weights, <em>applied after every optimizer step</em> (projected
 * gradient descent with Adam, REGSL-SPEC 1.2). Distinct from {@link Penalty}, which is added to the
 * loss: the paper's point depends on the difference.
 */
public interface Constraint {

    /** Moves the weights of {@code net} back into the feasible set, in place. */
    void project(Net net);

    /** A short description with the radii, for reports. */
    String describe();
}
