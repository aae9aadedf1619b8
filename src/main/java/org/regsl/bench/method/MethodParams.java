package org.regsl.bench.method;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hyper-parameter values of one method in one setting, by name. A missing value is an error
 * naming the method, the name and what the method has.
 *
 * @param method the method's id
 * @param values name -> value (sorted by name)
 */
public record MethodParams(String method, Map<String, Double> values) {

    public MethodParams {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** No hyper-parameters. */
    public static MethodParams none(String method) {
        return new MethodParams(method, Map.of());
    }

    /** The value of {@code name}. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(method + " needs hyper-parameter '" + name + "', has " + values.keySet());
        }
        return v;
    }

    /** True if {@code name} has a value. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * An epoch of a schedule in a run of {@code runEpochs}: {@code <name>Epoch} when given (the
     * official absolute epoch), else {@code <name>Share} x the run's epochs, rounded, at least
     * {@code min} (bench runs are shorter than the paper's, so schedules keep their share).
     */
    public int epoch(String name, int runEpochs, int min) {
        if (has(name + "Epoch")) {
            return (int) get(name + "Epoch");
        }
        return Math.max(min, (int) Math.round(get(name + "Share") * runEpochs));
    }
}
