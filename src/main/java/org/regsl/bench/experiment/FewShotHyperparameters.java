package org.regsl.bench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.method.MethodParams;

/**
 * C8's values per shot count, read from {@code expected-results/c8-hyperparameters.yaml} (written by
 * {@code regsl search-fewshot} on validation episodes): the fine-tuning steps and learning rate both fine-tuning
 * methods use, and the layer-wise radii.
 *
 * @param file the file
 * @param byShots shot count -> its choice
 */
public record FewShotHyperparameters(String file, Map<Integer, Choice> byShots) {

    /** The file. */
    public static final String FILE = "c8-hyperparameters.yaml";

    /**
     * One shot count's values.
     *
     * @param steps full-batch fine-tuning steps on the support set
     * @param lr AMSGrad's learning rate
     * @param layerWise the layer-wise constraint's d, gamma and head radius
     */
    public record Choice(int steps, double lr, MethodParams layerWise) {}

    /** The values of {@code expected-results/c8-hyperparameters.yaml} ({@code chosen.<k>-shot}). */
    public static FewShotHyperparameters bench() {
        HyperparameterYaml y = HyperparameterYaml.of(FILE);
        Map<Integer, Choice> m = new LinkedHashMap<>();
        y.object("chosen").fieldNames().forEachRemaining(key -> {
            String at = "chosen." + key;
            JsonNode n = y.object(at);
            int shots = Integer.parseInt(key.replace("-shot", ""));
            m.put(shots, new Choice((int) y.number(n.path("steps"), at + ".steps"), y.number(n.path("lr"), at + ".lr"),
                    y.params(at + ".layer-wise", "layer-wise")));
        });
        return new FewShotHyperparameters(y.file(), m);
    }

    /** The choice for {@code shots}; absent is an error naming the file and the field. */
    public Choice of(int shots) {
        Choice c = byShots.get(shots);
        if (c == null) {
            throw new IllegalArgumentException(file + ": no field 'chosen." + shots + "-shot'; has " + byShots.keySet());
        }
        return c;
    }

    /** The parameters of {@code method} at {@code shots}: the layer-wise radii, or none. */
    public MethodParams params(String method, int shots) {
        return method.equals("layer-wise") ? of(shots).layerWise() : MethodParams.none(method);
    }
}
