package org.regsl.bench.method;

import java.util.List;
import java.util.Map;
import org.regsl.bench.train.Objective;
import org.regsl.bench.regularize.LayerRadii;
import org.regsl.bench.regularize.Regularization;

/**
 * One fine-tuning method as a value: what a step minimizes (its {@link Objective}), what is added
 * to plain fine-tuning around the start (its {@link Regularization}: penalties and constraints),
 * the per-stage radii of a distance constraint, and the names of its hyper-parameters. The
 * formulas live in the objective and regularization classes; {@link Methods} holds every method.
 *
 * @param id the method's id in expected-results and run ids
 * @param summary formula and paper, in one line
 * @param parameters the names of its hyper-parameters
 * @param objective builds the objective of one run
 * @param radii builds the per-stage radii (null for methods without a distance constraint)
 * @param regularization builds the regularization of one run
 * @param trainsPeer whether it trains a second net (co-teaching)
 * @param extraOutputs outputs the net's head has beyond the classes (DAC's abstention: 1; else 0)
 */
public record Method(String id, String summary, List<String> parameters, ObjectiveRule objective, RadiiRule radii,
        RegularizationRule regularization, boolean trainsPeer, int extraOutputs) {

    /** A method whose net has one output per class. */
    public Method(String id, String summary, List<String> parameters, ObjectiveRule objective, RadiiRule radii,
            RegularizationRule regularization, boolean trainsPeer) {
        this(id, summary, parameters, objective, radii, regularization, trainsPeer, 0);
    }

    /** Builds a method's objective. */
    @FunctionalInterface
    public interface ObjectiveRule {
        Objective build(MethodParams p, ObjectiveInputs in);
    }

    /** Builds a constraint's per-stage radii. */
    @FunctionalInterface
    public interface RadiiRule {
        LayerRadii build(MethodParams p, List<String> stages, Map<String, Double> travelled);
    }

    /** Builds a method's regularization. */
    @FunctionalInterface
    public interface RegularizationRule {
        Regularization build(MethodParams p, RegularizationInputs in);
    }

    /** The objective of one run; {@code p} must name every one of {@link #parameters()} it reads. */
    public Objective objective(MethodParams p, ObjectiveInputs in) {
        return objective.build(p, in);
    }

    /** The regularization of one run. */
    public Regularization regularization(MethodParams p, RegularizationInputs in) {
        return regularization.build(p, in);
    }

    /** The radii of the method's distance constraint, or null when it has none. */
    public LayerRadii radii(MethodParams p, List<String> stages, Map<String, Double> travelled) {
        return radii == null ? null : radii.build(p, stages, travelled);
    }

    /** Throws, naming where, the method and the name, if {@code p} has a value this method does not take. */
    public void check(MethodParams p, String where) {
        for (String name : p.values().keySet()) {
            if (!parameters.contains(name)) {
                throw new IllegalArgumentException(where + ": " + id + " takes no hyper-parameter '" + name
                        + "' (it takes " + parameters + ")");
            }
        }
    }
}
