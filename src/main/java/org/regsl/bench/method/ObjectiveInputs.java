package org.regsl.bench.method;

import org.regsl.bench.model.Net;

/**
 * What a method's objective is built from in one run.
 *
 * @param labels the training labels the run sees (noisy under label noise)
 * @param clean the clean training labels, only for logging (may be null)
 * @param classes number of classes
 * @param epochs the run's epochs (schedules are shares of it at bench scale)
 * @param peer co-teaching's second net (null for every other method)
 * @param assumedRate the noise rate a method may assume (co-teaching's forget rate tau)
 */
public record ObjectiveInputs(int[] labels, int[] clean, int classes, int epochs, Net peer, double assumedRate) {

    /** Clean labels, no peer: the inputs of plain fine-tuning and the C3 methods. */
    public static ObjectiveInputs clean(int[] labels, int classes, int epochs) {
        return new ObjectiveInputs(labels, null, classes, epochs, null, 0);
    }
}
