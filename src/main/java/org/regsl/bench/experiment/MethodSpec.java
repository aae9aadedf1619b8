package org.regsl.bench.experiment;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.regularize.FrobeniusConstraint;
import org.regsl.bench.regularize.L2SpPenalty;
import org.regsl.bench.regularize.LayerRadii;
import org.regsl.bench.regularize.MarsConstraint;
import org.regsl.bench.regularize.Regularization;

/**
 * A fine-tuning method of C3 with its hyper-parameters: what turns plain fine-tuning into a
 * regularized one. Methods (REGSL-SPEC 1 and 8):
 *
 * <ul>
 *   <li>{@code fine-tuning}: none;
 *   <li>{@code l2-sp}: {@link L2SpPenalty} ({@code alpha}, {@code beta});
 *   <li>{@code constant-frobenius}: {@link FrobeniusConstraint}, one radius {@code d} for every stage;
 *   <li>{@code constant-mars}: {@link MarsConstraint} (Gouk et al. 2021), one radius {@code d};
 *   <li>{@code layer-wise}: {@link FrobeniusConstraint}, D_k = {@code d} {@code gamma}^(k-1) (REGSL);
 *   <li>{@code distance-proportional}: {@link FrobeniusConstraint}, D_k = {@code c} x the distance plain
 *       fine-tuning travels in stage k ({@code travelled}, measured on the search seed).
 * </ul>
 *
 * Every constraint bounds the head from zero by {@code head}.
 *
 * @param method method name
 * @param params its hyper-parameters
 * @param travelled per-stage travelled distances (distance-proportional only, else empty)
 */
public record MethodSpec(String method, Map<String, Double> params, Map<String, Double> travelled) {

    /** The methods of C3, in table order. */
    public static final List<String> METHODS = List.of("fine-tuning", "l2-sp", "constant-frobenius", "constant-mars",
            "layer-wise", "distance-proportional");

    /** Plain fine-tuning. */
    public static final MethodSpec FINE_TUNING = new MethodSpec("fine-tuning", Map.of(), Map.of());

    public MethodSpec {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unknown method '" + method + "'; known: " + METHODS);
        }
        params = new TreeMap<>(params);
        travelled = new TreeMap<>(travelled);
    }

    /** A stable id, e.g. {@code layer-wise(d=0.5,gamma=2,head=10)}. */
    public String id() {
        if (params.isEmpty()) {
            return method;
        }
        return method + params.entrySet().stream().map(e -> e.getKey() + "=" + fmt(e.getValue()))
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** The regularization of this method around the fine-tuning start {@code init}. */
    public Regularization build(WeightSnapshot init) {
        return switch (method) {
            case "fine-tuning" -> Regularization.NONE;
            case "l2-sp" -> Regularization.of(new L2SpPenalty(init, p("alpha"), p("beta")));
            case "constant-frobenius" -> Regularization.of(new FrobeniusConstraint(init,
                    LayerRadii.constant(p("d"), p("head"))));
            case "constant-mars" -> Regularization.of(new MarsConstraint(init, LayerRadii.constant(p("d"), p("head"))));
            case "layer-wise" -> Regularization.of(new FrobeniusConstraint(init,
                    LayerRadii.layerWise(p("d"), p("gamma"), p("head"))));
            case "distance-proportional" -> Regularization.of(new FrobeniusConstraint(init,
                    LayerRadii.proportional(travelled, p("c"), p("head"))));
            default -> throw new IllegalStateException(method);
        };
    }

    /** The per-stage radii this method imposes (empty for penalties and plain fine-tuning). */
    public LayerRadii radii() {
        return switch (method) {
            case "constant-frobenius", "constant-mars" -> LayerRadii.constant(p("d"), p("head"));
            case "layer-wise" -> LayerRadii.layerWise(p("d"), p("gamma"), p("head"));
            case "distance-proportional" -> LayerRadii.proportional(travelled, p("c"), p("head"));
            default -> null;
        };
    }

    private double p(String name) {
        Double v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException(method + " needs hyper-parameter '" + name + "', has " + params);
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
