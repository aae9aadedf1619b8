package org.regsl.bench.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.method.Methods;

/**
 * The hyper-parameters of the label-noise methods (C5, C6) at bench scale, read from
 * {@code expected-results/noise-hyperparameters.yaml}, where each value carries its source. They
 * were not searched by the suite: self-labeling and the radius follow the PyTorch pilot of the
 * same protocol (BENCH.md), the baselines their papers' defaults as REGSL-SPEC 8 lists them.
 *
 * @param file the file they were read from
 * @param methods method id -> its hyper-parameters, for every label-noise method
 */
public record NoiseHyperparameters(String file, Map<String, MethodParams> methods) {

    /** The file of the bench values. */
    public static final String FILE = "noise-hyperparameters.yaml";

    public NoiseHyperparameters {
        methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    }

    /** The bench values from {@code expected-results/noise-hyperparameters.yaml}; every label-noise method must be there. */
    public static NoiseHyperparameters bench() {
        HyperparameterYaml y = HyperparameterYaml.of(FILE);
        Map<String, MethodParams> m = new LinkedHashMap<>();
        for (String method : Methods.NOISE) {
            m.put(method, y.params("methods." + method, method));
        }
        return new NoiseHyperparameters(y.file(), m);
    }

    /** The hyper-parameters of {@code method}. */
    public MethodParams of(String method) {
        MethodParams p = methods.get(method);
        if (p == null) {
            throw new IllegalArgumentException(file + ": no hyper-parameters for '" + method + "'; has "
                    + methods.keySet());
        }
        return p;
    }
}
