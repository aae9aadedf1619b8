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

    /** The seed of the plain run the radii scale from (and of the design study); never an evaluated seed. */
    static final int SEARCH_SEED = 100;

    /**
     * The seeds every C3 search trial runs on, none an evaluated seed: a trial's score is its mean
     * validation accuracy over them (one seed let a single validation image decide a binding radius).
     */
    static final List<Integer> SEARCH_SEEDS = List.of(100, 101, 102);

    private SearchSupport() {}

    /** Per stage (and head), the largest ||W - W0||_F over the group's tensors of a plain run; stem left out. */
    static Map<String, Double> travelled(FineTuneRun plain) {
        return travelled(plain.layers());
    }

    /** Per group except the stem: the largest ||W - W0||_F over the group's tensors (the head's norm for the head). */
    static Map<String, Double> travelled(java.util.List<LayerDistances.Layer> layers) {
        Map<String, Double> t = new LinkedHashMap<>();
        for (LayerDistances.Layer l : layers) {
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
        return trials(runs, design, target, method, grid, travelled, List.of(SEARCH_SEED));
    }

    /**
     * Runs per grid point of {@code method} on each of {@code seeds} (all started on the compute pool
     * first): its trial rows, in grid order, scored by the mean over the seeds.
     */
    static List<Map<String, Object>> trials(BenchRuns runs, Design design, String target, String method,
            List<Map<String, Double>> grid, Map<String, Double> travelled, List<Integer> seeds) {
        List<MethodSpec> specs = grid.stream().map(point -> spec(method, point, travelled)).toList();
        specs.forEach(spec -> seeds.forEach(seed -> runs.start(design, SourceKind.STANDARD, target, seed, spec)));
        List<Map<String, Object>> trials = new ArrayList<>();
        for (MethodSpec spec : specs) {
            trials.add(trial(seeds.stream().map(seed -> runs.get(design, SourceKind.STANDARD, target, seed, spec))
                    .toList(), spec));
        }
        return trials;
    }

    /** One trial row: method, parameters and validation results (never test). */
    static Map<String, Object> trial(FineTuneRun r, MethodSpec spec) {
        return trial(List.of(r), spec);
    }

    /**
     * One trial row: method, parameters, the mean validation accuracy and loss over the runs (one
     * per search seed) and, with several runs, each run's values and seed.
     */
    static Map<String, Object> trial(List<FineTuneRun> rs, MethodSpec spec) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("method", spec.method());
        t.put("params", spec.params());
        double acc = rs.stream().mapToDouble(FineTuneRun::valAccuracy).average().orElseThrow();
        double loss = rs.stream().mapToDouble(FineTuneRun::valLoss).average().orElseThrow();
        t.put("valAccuracy", acc);
        t.put("valLoss", loss);
        if (rs.size() > 1) {
            t.put("seeds", rs.stream().map(FineTuneRun::seed).toList());
            t.put("valAccuracies", rs.stream().map(FineTuneRun::valAccuracy).toList());
            t.put("valLosses", rs.stream().map(FineTuneRun::valLoss).toList());
            t.put("bestEpochs", rs.stream().map(FineTuneRun::bestEpoch).toList());
        } else {
            t.put("bestEpoch", rs.get(0).bestEpoch());
        }
        System.out.printf("trial %-60s val acc %.4f loss %.4f (%d seed%s)%n", spec.id(), acc, loss, rs.size(),
                rs.size() == 1 ? "" : "s");
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
    /**
     * The {@code fixed} section of the hyper-parameter file {@code file} as it stands (the values
     * papers fix, with their sources), so a new search writes them back unchanged; empty when absent.
     */
    static Object fixedSection(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Object fixed = yaml.readValue(file.toFile(), Map.class).get("fixed");
        return fixed == null ? Map.of() : fixed;
    }

    static void writeYaml(Path file, Object content) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        Files.writeString(file, yaml.writeValueAsString(content));
    }
}
