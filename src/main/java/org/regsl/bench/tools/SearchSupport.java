package org.regsl.bench.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.experiment.BenchRuns;
import org.regsl.bench.experiment.Design;
import org.regsl.bench.experiment.FineTuneRun;
import org.regsl.bench.experiment.MethodSpec;
import org.regsl.bench.experiment.SourceKind;
import org.regsl.bench.measure.LayerDistances;

/**
 * What the C3 search commands share: the search seed, the travelled distances and head radius
 * derived from a plain run, grids, trial rows, validation-only selection and the YAML writer.
 */
final class SearchSupport {

    /** The seed of every search run; never one of the evaluated seeds 0..seeds-1. */
    static final int SEARCH_SEED = 100;

    private SearchSupport() {}

    /** Per stage (and head), the largest ||W - W0||_F over the group's tensors of a plain run; stem left out. */
    static Map<String, Double> travelled(FineTuneRun plain) {
        Map<String, Double> t = new LinkedHashMap<>();
        for (LayerDistances.Layer l : plain.layers()) {
            if (!l.group().equals("stem")) {
                t.merge(l.group(), l.distance(), Math::max);
            }
        }
        return t;
    }

    /** The head radius of every constraint: twice the head norm plain fine-tuning reaches. */
    static double headRadius(Map<String, Double> travelled) {
        return 2 * travelled.get("head");
    }

    /** {@code travelled} without the head (the stage distances proportional radii scale). */
    static Map<String, Double> stages(Map<String, Double> travelled) {
        Map<String, Double> m = new LinkedHashMap<>(travelled);
        m.remove("head");
        return m;
    }

    /** A method with its grid point, the head radius added for constraints. */
    static MethodSpec spec(String method, Map<String, Double> point, Map<String, Double> travelled) {
        Map<String, Double> p = new LinkedHashMap<>(point);
        if (!method.equals("l2-sp") && !method.equals("fine-tuning")) {
            p.put("head", headRadius(travelled));
        }
        return new MethodSpec(method, p, method.equals("distance-proportional") ? stages(travelled) : Map.of());
    }

    /** One run per grid point of {@code method} on the search seed: its trial rows, in grid order. */
    static List<Map<String, Object>> trials(BenchRuns runs, Design design, String target, String method,
            List<Map<String, Double>> grid, Map<String, Double> travelled) {
        List<Map<String, Object>> trials = new ArrayList<>();
        for (Map<String, Double> point : grid) {
            MethodSpec spec = spec(method, point, travelled);
            trials.add(trial(runs.get(design, SourceKind.STANDARD, target, SEARCH_SEED, spec), spec));
        }
        return trials;
    }

    /** One trial row: method, parameters and validation results (never test). */
    static Map<String, Object> trial(FineTuneRun r, MethodSpec spec) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("method", spec.method());
        t.put("params", spec.params());
        t.put("valAccuracy", r.valAccuracy());
        t.put("valLoss", r.valLoss());
        t.put("bestEpoch", r.bestEpoch());
        System.out.printf("trial %-60s val acc %.4f loss %.4f%n", spec.id(), r.valAccuracy(), r.valLoss());
        return t;
    }

    /** The trial with the highest validation accuracy, ties broken by the lower validation loss. */
    static Map<String, Object> best(List<Map<String, Object>> trials) {
        return trials.stream().max(Comparator
                .comparingDouble((Map<String, Object> t) -> (Double) t.get("valAccuracy"))
                .thenComparingDouble(t -> -(Double) t.get("valLoss"))).orElseThrow();
    }

    /** The grid a x b (b may be null: a alone). */
    static List<Map<String, Double>> grid(String a, double[] as, String b, double[] bs) {
        List<Map<String, Double>> g = new ArrayList<>();
        for (double x : as) {
            for (double y : bs == null ? new double[] {Double.NaN} : bs) {
                Map<String, Double> m = new LinkedHashMap<>();
                m.put(a, x);
                if (b != null) {
                    m.put(b, y);
                }
                g.add(m);
            }
        }
        return g;
    }

    /** Writes {@code content} as YAML (no document marker, minimal quotes). */
    static void writeYaml(Path file, Object content) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        Files.writeString(file, yaml.writeValueAsString(content));
    }
}
