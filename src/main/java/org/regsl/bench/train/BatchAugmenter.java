package org.regsl.bench.train;

import ai.djl.ndarray.NDArray;
import org.regsl.bench.model.Net;

/** Replaces a training batch before the step, e.g. by adversarial examples. */
@FunctionalInterface
public interface BatchAugmenter {

    /** The inputs to train on, given clean inputs {@code x} and labels {@code y}. */
    NDArray apply(Net net, NDArray x, NDArray y);
}
