package org.regsl.bench.experiment;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.method.Methods;
import org.regsl.bench.method.RegularizationInputs;
import java.util.function.Supplier;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.regularize.ChannelAttention;
import org.regsl.bench.regularize.LayerRadii;
import org.regsl.bench.regularize.Regularization;

/**
 * A method of the bench runs with its chosen hyper-parameters (C3's search, {@code
 * c3-hyperparameters.yaml}): a {@link Method} of the registry and the values it is run with. The
 * formulas live in {@link Methods} and the classes it names.
 *
 * @param method the method's id ({@link Methods})
 * @param params its hyper-parameters
 * @param travelled per-stage travelled distances (distance-proportional only, else empty)
 */
public record MethodSpec(String method, Map<String, Double> params, Map<String, Double> travelled) {

    /** Plain fine-tuning. */
    public static final MethodSpec FINE_TUNING = new MethodSpec("fine-tuning", Map.of(), Map.of());

    public MethodSpec {
        Methods.get(method).check(new MethodParams(method, params), "method " + method);
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

    /**
     * The regularization of this method around the fine-tuning start {@code init} of the bench net
     * {@code start}, with DELTA's channel {@code attention} of its source and task (read only by DELTA).
     */
    public Regularization build(WeightSnapshot init, Net start, Supplier<ChannelAttention> attention) {
        return Methods.get(method).regularization(methodParams(), new RegularizationInputs(init, LayerRadii.STAGES,
                travelled, start, attention));
    }

    /** The per-stage radii this method imposes (null for penalties and plain fine-tuning). */
    public LayerRadii radii() {
        return Methods.get(method).radii(methodParams(), LayerRadii.STAGES, travelled);
    }

    private MethodParams methodParams() {
        return new MethodParams(method, params);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
