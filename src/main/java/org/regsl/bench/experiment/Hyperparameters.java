package org.regsl.bench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regsl.bench.claim.ExpectedResultsException;

/**
 * The hyper-parameters chosen for C3 by {@code HyperparameterSearch} on validation data, read from
 * {@code expected-results/c3-hyperparameters.yaml} ({@code design}, {@code targets.<target>.chosen.<method>}
 * and {@code targets.<target>.travelled}), and the values papers fix ({@code fixed.<method>}, not
 * searched; the search carries them over). Errors name the file and the field.
 */
public final class Hyperparameters {

    private final HyperparameterYaml yaml;
    private final String file;
    private final JsonNode root;

    private Hyperparameters(HyperparameterYaml yaml) {
        this.yaml = yaml;
        this.file = yaml.file();
        this.root = yaml.root();
    }

    /**
     * True if {@code method}'s values are fixed by its paper or reference code ({@code fixed.<method>},
     * each value with its source: DELTA and BSS, TLlib's defaults) rather than searched.
     */
    public boolean isFixed(String method) {
        return root.path("fixed").has(method);
    }

    /** Loads the file. */
    public static Hyperparameters load(Path path) {
        return new Hyperparameters(HyperparameterYaml.read(path));
    }

    /** The bench design the search ran on ({@code design}); C3 runs on the same one. */
    public Design design() {
        JsonNode n = root.path("design");
        if (!n.isTextual()) {
            throw new ExpectedResultsException(file + ": field 'design': missing or not a name; run"
                    + " HyperparameterSearch DESIGN (see the README)");
        }
        try {
            return Design.named(n.asText());
        } catch (IllegalArgumentException e) {
            throw new ExpectedResultsException(file + ": field 'design': " + e.getMessage(), e);
        }
    }

    /** The chosen configuration of {@code method} on {@code target}. */
    public MethodSpec chosen(String target, String method) {
        if (method.equals("fine-tuning")) {
            return MethodSpec.FINE_TUNING;
        }
        if (isFixed(method)) {
            return new MethodSpec(method, yaml.params("fixed." + method, method).values(), Map.of());
        }
        JsonNode t = node("targets." + target, root.path("targets").path(target));
        JsonNode params = node("targets." + target + ".chosen." + method, t.path("chosen").path(method));
        Map<String, Double> p = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asDouble()));
        Map<String, Double> travelled = new LinkedHashMap<>();
        if (method.equals("distance-proportional")) {
            node("targets." + target + ".travelled", t.path("travelled")).fields()
                    .forEachRemaining(e -> travelled.put(e.getKey(), e.getValue().asDouble()));
            travelled.remove("head");
        }
        return new MethodSpec(method, p, travelled);
    }

    private JsonNode node(String field, JsonNode n) {
        if (n.isMissingNode() || n.isNull() || !n.isObject()) {
            throw new ExpectedResultsException(file + ": field '" + field + "': missing; run HyperparameterSearch"
                    + " (see the README)");
        }
        return n;
    }
}
