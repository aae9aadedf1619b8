package org.regsl.bench.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.method.Methods;

/**
 * The hyper-parameters of the label-noise methods at bench scale. C5 and C6 read
 * {@code expected-results/noise-hyperparameters.yaml} ({@link #bench}), where each value carries its source;
 * they were not searched by the suite: self-labeling and the radius follow the PyTorch pilot of the same
 * protocol (BENCH.md), the baselines their papers' defaults as REGSL-SPEC 8 lists them; one set for
 * every noise setting. C7 reads {@code expected-results/c7-hyperparameters.yaml} ({@link #vit}), chosen per
 * setting by {@code regsl search-vit} on clean validation data, as the official ViT commands differ per rate.
 *
 * @param file the file they were read from
 * @param methods method id -> its hyper-parameters, for every setting without its own
 * @param bySetting noise setting id -> method id -> its hyper-parameters in that setting
 */
public record NoiseHyperparameters(String file, Map<String, MethodParams> methods,
        Map<String, Map<String, MethodParams>> bySetting) {

    /** The file of the bench values. */
    public static final String FILE = "noise-hyperparameters.yaml";

    /** The file of C7's values, written by {@code regsl search-vit}. */
    public static final String VIT_FILE = "c7-hyperparameters.yaml";

    /** The methods C7 compares: REGSL and its baseline, plain fine-tuning. */
    public static final java.util.List<String> VIT_METHODS = java.util.List.of("regsl", "fine-tuning");

    public NoiseHyperparameters {
        methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
        bySetting = Collections.unmodifiableMap(new LinkedHashMap<>(bySetting));
    }

    /** One set of values for every setting. */
    public NoiseHyperparameters(String file, Map<String, MethodParams> methods) {
        this(file, methods, Map.of());
    }

    /**
     * C7's values from {@code expected-results/c7-hyperparameters.yaml}: {@code chosen.<setting>.<method>} for
     * each method of {@link #VIT_METHODS} in each setting the file chose for.
     */
    public static NoiseHyperparameters vit() {
        HyperparameterYaml y = HyperparameterYaml.of(VIT_FILE);
        Map<String, Map<String, MethodParams>> by = new LinkedHashMap<>();
        y.object("chosen").fieldNames().forEachRemaining(setting -> {
            Map<String, MethodParams> m = new LinkedHashMap<>();
            for (String method : VIT_METHODS) {
                m.put(method, y.params("chosen." + setting + "." + method, method));
            }
            by.put(setting, m);
        });
        return new NoiseHyperparameters(y.file(), Map.of(), by);
    }

    /** The hyper-parameters of {@code method} in the setting {@code setting}. */
    public MethodParams of(String method, String setting) {
        Map<String, MethodParams> m = bySetting.get(setting);
        if (m == null) {
            if (methods.isEmpty()) {
                throw new IllegalArgumentException(file + ": no hyper-parameters for setting '" + setting + "'; has "
                        + bySetting.keySet());
            }
            return of(method);
        }
        MethodParams p = m.get(method);
        if (p == null) {
            throw new IllegalArgumentException(file + ": no hyper-parameters for '" + method + "' in setting '"
                    + setting + "'; has " + m.keySet());
        }
        return p;
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
