package org.regsl.bench.regularize;

import java.util.List;

/**
 * What a training run adds to plain fine-tuning: penalties (added to the loss) and constraints
 * (applied after each optimizer step, in list order).
 *
 * @param penalties added to the mini-batch loss
 * @param constraints projected after every step
 */
public record Regularization(List<Penalty> penalties, List<Constraint> constraints) {

    /** Plain fine-tuning. */
    public static final Regularization NONE = new Regularization(List.of(), List.of());

    /** Only a constraint. */
    public static Regularization of(Constraint c) {
        return new Regularization(List.of(), List.of(c));
    }

    /** Only a penalty. */
    public static Regularization of(Penalty p) {
        return new Regularization(List.of(p), List.of());
    }
}
