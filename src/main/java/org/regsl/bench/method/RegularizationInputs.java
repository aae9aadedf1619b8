package org.regsl.bench.method;

import java.util.List;
import java.util.Map;
import org.regsl.bench.model.WeightSnapshot;

/**
 * What a method's regularization is built from in one run.
 *
 * @param init the fine-tuning start (the reference of distance constraints and of L2-SP)
 * @param stages the net's constrained stage groups, in network order
 * @param travelled per stage, the distance plain fine-tuning travels (distance-proportional only; else empty)
 */
public record RegularizationInputs(WeightSnapshot init, List<String> stages, Map<String, Double> travelled) {}
