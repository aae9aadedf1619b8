package org.regsl.bench.regularize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Radii D_i per layer group for a {@link Constraint}. The stem is unconstrained (as in the
 * official code); the head has its own radius, measured from zero. Three schemes:
 *
 * <ul>
 *   <li>constant (Gouk et al. 2021): D for every stage;
 *   <li>layer-wise (Li and Zhang 2021): D_k = D gamma^(k-1) for stage k, growing with depth;
 *   <li>distance-proportional (the poster's "key insight"): D_k = c d_k, where d_k is the distance
 *       that plain fine-tuning travels in stage k (measure, then encode).
 * </ul>
 *
 * @param stages radius per stage group ({@code stage1..stage3})
 * @param head radius of the head weight, from zero
 * @param scheme the scheme's name and parameters, for reports
 */
public record LayerRadii(Map<String, Double> stages, double head, String scheme) {

    /** The constrained stage groups, in network order. */
    public static final List<String> STAGES = org.regsl.bench.model.SmallResNet.STAGES;

    /** One radius {@code d} for every stage of the bench net. */
    public static LayerRadii constant(double d, double head) {
        return constant(STAGES, d, head);
    }

    /** One radius {@code d} for every one of {@code stages}. */
    public static LayerRadii constant(List<String> stages, double d, double head) {
        return layerWise(stages, d, 1.0, head).withScheme(String.format("constant D=%.4g, head %.4g", d, head));
    }

    /** D_k = d gamma^(k-1) on the stages of the bench net. */
    public static LayerRadii layerWise(double d, double gamma, double head) {
        return layerWise(STAGES, d, gamma, head);
    }

    /** D_k = d gamma^(k-1) on {@code stages}, in network order. */
    public static LayerRadii layerWise(List<String> stages, double d, double gamma, double head) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < stages.size(); k++) {
            m.put(stages.get(k), d * Math.pow(gamma, k));
        }
        return new LayerRadii(m, head, String.format("layer-wise D=%.4g gamma=%.4g, head %.4g", d, gamma, head));
    }

    /** D_k = c d_k on the stages of the bench net. */
    public static LayerRadii proportional(Map<String, Double> travelled, double c, double head) {
        return proportional(STAGES, travelled, c, head);
    }

    /** D_k = c d_k on {@code stages} from the per-stage distances {@code travelled} of plain fine-tuning. */
    public static LayerRadii proportional(List<String> stages, Map<String, Double> travelled, double c, double head) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String s : stages) {
            Double d = travelled.get(s);
            if (d == null) {
                throw new IllegalArgumentException("no travelled distance for " + s);
            }
            m.put(s, c * d);
        }
        return new LayerRadii(m, head, String.format("distance-proportional c=%.4g x %s, head %.4g", c, travelled, head));
    }

    /** The radius of a stage group, or null for an unconstrained group (the stem). */
    public Double radius(String group) {
        return stages.get(group);
    }

    private LayerRadii withScheme(String s) {
        return new LayerRadii(stages, head, s);
    }
}
