package org.regsl.bench.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.claim.Provenances;
import org.regsl.bench.config.Settings;
import org.regsl.bench.experiment.BenchRuns;
import org.regsl.bench.experiment.Design;
import org.regsl.bench.experiment.FineTuneRun;
import org.regsl.bench.experiment.MethodSpec;
import org.regsl.bench.experiment.SourceKind;

/**
 * The C3 hyper-parameter search: a fixed grid per method, one run per configuration on the search
 * seeds ({@code SearchSupport.SEARCH_SEEDS}, never evaluated seeds), selection on
 * validation accuracy with validation loss as tie-break; the test split is never read. It runs on
 * one {@link Design} (the argument; the design study's choice), first plain fine-tuning to
 * measure the distances each stage travels (for the distance-proportional radii and the head
 * radius), then the grid, and writes {@code expected-results/c3-hyperparameters.yaml} with the
 * design, the space, every trial and the choice. Not part of {@code mvn verify}.
 *
 * <p>Run: {@code mvn -q compile exec:exec -Dregsl.args="search DESIGN"}
 */
public final class HyperparameterSearch {

    private HyperparameterSearch() {}

    /**
     * The grid per method; {@code head} is added from the measured head norm. The radii reach
     * down to where every constraint binds hard (layer-wise d 0.05: a tenth of what the top stage
     * travels), since the first search's choices were the loosest of their grids.
     */
    static Map<String, List<Map<String, Double>>> space() {
        Map<String, List<Map<String, Double>>> s = new LinkedHashMap<>();
        s.put("l2-sp", SearchSupport.grid("alpha", new double[] {0.01, 0.1, 1.0}, "beta", new double[] {0.01}));
        s.put("constant-frobenius", SearchSupport.grid("d", new double[] {0.25, 0.5, 1, 2, 4}, null, null));
        s.put("constant-mars", SearchSupport.grid("d", new double[] {1, 2, 4, 8}, null, null));
        s.put("layer-wise", SearchSupport.grid("d", new double[] {0.05, 0.1, 0.25, 0.5}, "gamma",
                new double[] {2, 4}));
        s.put("distance-proportional", SearchSupport.grid("c", new double[] {0.25, 0.5, 0.75}, null, null));
        return s;
    }

    private static final Path C3_FILE = Settings.projectDir().resolve("expected-results")
            .resolve("c3-hyperparameters.yaml");

    /** Searches C3's hyper-parameters on {@code design} and writes {@code c3-hyperparameters.yaml}. */
    public static void run(Design design) throws Exception {
        long start = System.nanoTime();
        BenchRuns runs = BenchRuns.shared();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claim", "C3");
        out.put("purpose", "hyper-parameters of C3, chosen on validation data only by HyperparameterSearch "
                + "(mvn -q compile exec:exec -Dregsl.args=\"search " + design.name() + "\")");
        out.put("design", design.name());
        out.put("selection", "one run per configuration on each of the seeds " + SearchSupport.SEARCH_SEEDS
                + " (none an evaluated seed), standard source, design " + design.name() + ", budget "
                + runs.budget().name() + "; highest mean validation accuracy over those seeds, ties broken by lower"
                + " mean validation loss; the test split is not read. Head radius (constraints) = 2 x the head norm"
                + " plain fine-tuning reaches on seed " + SearchSupport.SEARCH_SEED + ". travelled = per stage, the"
                + " largest ||W - W0||_F over the stage's tensors after plain fine-tuning on seed "
                + SearchSupport.SEARCH_SEED + ".");
        out.put("space", space());
        out.put("fixed", SearchSupport.fixedSection(C3_FILE));
        Map<String, Object> targets = new LinkedHashMap<>();
        for (String target : design.targets()) {
            FineTuneRun plain = runs.get(design, SourceKind.STANDARD, target, SearchSupport.SEARCH_SEED,
                    MethodSpec.FINE_TUNING);
            Map<String, Double> travelled = SearchSupport.travelled(plain);
            List<Map<String, Object>> trials = new ArrayList<>();
            Map<String, Object> chosen = new LinkedHashMap<>();
            trials.add(SearchSupport.trial(SearchSupport.SEARCH_SEEDS.stream().map(seed -> runs.get(design,
                    SourceKind.STANDARD, target, seed, MethodSpec.FINE_TUNING)).toList(), MethodSpec.FINE_TUNING));
            for (Map.Entry<String, List<Map<String, Double>>> m : space().entrySet()) {
                List<Map<String, Object>> mine = SearchSupport.trials(runs, design, target, m.getKey(), m.getValue(),
                        travelled, SearchSupport.SEARCH_SEEDS);
                trials.addAll(mine);
                chosen.put(m.getKey(), SearchSupport.best(mine).get("params"));
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("travelled", travelled);
            t.put("chosen", chosen);
            t.put("trials", trials);
            targets.put(target, t);
        }
        out.put("targets", targets);
        out.put("provenance", Provenances.now(runs.budget().name(), SearchSupport.SEARCH_SEEDS,
                (System.nanoTime() - start) / 1e9));
        Path file = C3_FILE;
        SearchSupport.writeYaml(file, out);
        System.out.printf("wrote %s in %.0f s%n", file, (System.nanoTime() - start) / 1e9);
    }
}
