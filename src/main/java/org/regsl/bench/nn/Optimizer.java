package org.regsl.bench.nn;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;

/** An optimizer over a net's trainable parameters: one update per step, gradients zeroed after use. */
public interface Optimizer extends AutoCloseable {

    /** Creates an optimizer over the trainable parameters. */
    @FunctionalInterface
    interface Factory {
        Optimizer create(List<Pair<String, Parameter>> params);
    }

    /** AMSGrad, the official code's optimizer and the default. */
    Factory AMSGRAD = AmsGrad::new;

    /** One update with learning rate {@code lr}, then zeroes the gradients. */
    void step(double lr);

    @Override
    void close();
}
