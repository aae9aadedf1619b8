package org.regsl.bench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.regsl.bench.cache.CacheEntry;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.ExpectedResultsException;
import org.regsl.bench.config.Settings;
import org.regsl.bench.method.MethodParams;

/**
 * The bookkeeping of C3's paper-scale search: the grid ({@code c3-paper-search.yaml}), the
 * choice per data set and method (highest validation accuracy, first wins a tie), and the
 * results file ({@code c3-paper-hyperparameters.yaml}: per data set, the travelled distances of
 * plain fine-tuning and, per method, the choice, every trial and the provenance), which the C3
 * paper cells read. The runs themselves are {@link PaperRuns#regularizationRun}'s.
 */
public final class PaperSearch {

    /** The grid file. */
    public static final String GRID = "c3-paper-search.yaml";
    /** The results file. */
    public static final String RESULTS = "c3-paper-hyperparameters.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    /** One configuration tried: its values, its validation accuracy and its run. */
    public record Trial(Map<String, Double> params, double valAccuracy, String runId) {}

    /** What the search chose for a method on a data set, with every trial. */
    public record Choice(Map<String, Double> chosen, List<Trial> trials) {}

    private PaperSearch() {}

    /** The search seed declared in the grid file. */
    public static int seed(Path gridFile) {
        return HyperparameterYaml.read(gridFile).root().path("seed").asInt(100);
    }

    /** The configurations of {@code method} in the grid file: the product of its value lists, in file order. */
    public static List<Map<String, Double>> configurations(Path gridFile, String method) {
        HyperparameterYaml y = HyperparameterYaml.read(gridFile);
        JsonNode g = y.object("grid." + method);
        List<Map<String, Double>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (var it = g.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new ExpectedResultsException(y.file() + ": field 'grid." + method + "." + e.getKey()
                        + "': a non-empty list of values");
            }
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> partial : out) {
                for (JsonNode v : e.getValue()) {
                    Map<String, Double> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), y.number(v, "grid." + method + "." + e.getKey()));
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** The methods the grid file searches, in file order. */
    public static List<String> methods(Path gridFile) {
        List<String> out = new ArrayList<>();
        HyperparameterYaml.read(gridFile).object("grid").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Runs every configuration through {@code trial} and keeps the best (first wins a tie). */
    public static Choice choose(List<Map<String, Double>> configurations, Function<Map<String, Double>, Trial> trial) {
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        for (Map<String, Double> c : configurations) {
            Trial t = trial.apply(c);
            trials.add(t);
            if (best == null || t.valAccuracy() > best.valAccuracy()) {
                best = t;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("an empty grid");
        }
        return new Choice(best.params(), trials);
    }

    /**
     * Records the choices of one data set in the results file (other data sets kept), atomically:
     * per method {@code chosen}, {@code trials} and {@code provenance}, and the data set's
     * {@code travelled} distances.
     */
    public static void record(Path resultsFile, String dataset, Map<String, Double> travelled,
            Map<String, Choice> choices, ExpectedResults.Provenance provenance) throws IOException {
        ObjectNode root = Files.exists(resultsFile) && Files.size(resultsFile) > 0
                ? (ObjectNode) YAML.readTree(resultsFile.toFile()) : YAML.createObjectNode();
        if (!root.has("claim")) {
            root.put("claim", "C3");
            root.put("note", "written by `regsl search-paper` (tools); read by the C3 paper cells. Do not edit by hand.");
        }
        ObjectNode datasets = root.has("datasets") ? (ObjectNode) root.get("datasets") : root.putObject("datasets");
        ObjectNode d = datasets.putObject(dataset);
        d.set("travelled", YAML.valueToTree(travelled));
        choices.forEach((method, c) -> {
            ObjectNode m = d.putObject(method);
            m.set("chosen", YAML.valueToTree(c.chosen()));
            m.set("trials", YAML.valueToTree(c.trials()));
            m.set("provenance", YAML.valueToTree(provenance));
        });
        byte[] bytes = YAML.writeValueAsBytes(root);
        CacheEntry.writeAtomically(resultsFile, out -> out.write(bytes));
    }

    /**
     * The recorded choice of {@code method} on {@code dataset} by a search run at {@code budget},
     * or null when no search at that budget has recorded one (a tiny-budget search never drives
     * paper-budget cells).
     */
    public static MethodParams chosen(Path resultsFile, String dataset, String method, String budget) {
        if (!Files.exists(resultsFile)) {
            return null;
        }
        HyperparameterYaml y = HyperparameterYaml.read(resultsFile);
        JsonNode m = y.root().path("datasets").path(dataset).path(method);
        if (!m.path("chosen").isObject() || !budget.equals(m.path("provenance").path("budget").asText(null))) {
            return null;
        }
        return y.params("datasets." + dataset + "." + method + ".chosen", method);
    }

    /**
     * The travelled distances recorded for {@code dataset} by a search at {@code budget} (empty
     * when none): the budget is the one its methods' choices were recorded under.
     */
    public static Map<String, Double> travelled(Path resultsFile, String dataset, String budget) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (Files.exists(resultsFile)) {
            HyperparameterYaml y = HyperparameterYaml.read(resultsFile);
            JsonNode d = y.root().path("datasets").path(dataset);
            boolean[] sameBudget = {false};
            d.fields().forEachRemaining(e -> sameBudget[0] |= budget.equals(e.getValue().path("provenance")
                    .path("budget").asText(null)));
            if (sameBudget[0]) {
                d.path("travelled").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
            }
        }
        return out;
    }

    /** A file of {@code expected-results/}. */
    public static Path file(String name) {
        return Settings.projectDir().resolve("expected-results").resolve(name);
    }
}
