package org.regsl.bench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.claim.ExpectedResultsException;
import org.regsl.bench.method.MethodParams;

/**
 * C9's design and values, read from {@code expected-results/c9-hyperparameters.yaml} (written by
 * {@code regsl search-text} on validation texts): labels per class, epochs, the eligible targets and, per target,
 * the values of L2-SP, the constant and the layer-wise constraint.
 *
 * @param file the file
 * @param labelsPerClass labels per class of every target
 * @param epochs fine-tuning epochs
 * @param targets the targets the claim tests, in table order
 * @param values target -> method -> its values
 */
public record TextHyperparameters(String file, int labelsPerClass, int epochs, List<String> targets,
        Map<String, Map<String, MethodParams>> values) {

    /** The file. */
    public static final String FILE = "c9-hyperparameters.yaml";

    /** The values of {@code expected-results/c9-hyperparameters.yaml}. */
    public static TextHyperparameters bench() {
        HyperparameterYaml y = HyperparameterYaml.of(FILE);
        JsonNode c = y.object("chosen");
        int labels = (int) y.number(c.path("labelsPerClass"), "chosen.labelsPerClass");
        int epochs = (int) y.number(c.path("epochs"), "chosen.epochs");
        List<String> targets = new ArrayList<>();
        if (!c.path("targets").isArray() || c.path("targets").isEmpty()) {
            throw new ExpectedResultsException(y.file() + ": field 'chosen.targets' missing or empty");
        }
        c.path("targets").forEach(t -> targets.add(t.asText()));
        Map<String, Map<String, MethodParams>> values = new LinkedHashMap<>();
        for (String t : targets) {
            Map<String, MethodParams> m = new LinkedHashMap<>();
            for (String method : List.of("l2-sp", "constant-frobenius", "layer-wise")) {
                m.put(method, y.params("chosen.values." + t + "." + method, method));
            }
            values.put(t, m);
        }
        return new TextHyperparameters(y.file(), labels, epochs, List.copyOf(targets), values);
    }

    /** The values of {@code method} on {@code target} (none for plain fine-tuning). */
    public MethodParams params(String target, String method) {
        if (method.equals("fine-tuning")) {
            return MethodParams.none(method);
        }
        Map<String, MethodParams> m = values.get(target);
        if (m == null || !m.containsKey(method)) {
            throw new ExpectedResultsException(file + ": no field 'chosen.values." + target + "." + method + "'");
        }
        return m.get(method);
    }
}
