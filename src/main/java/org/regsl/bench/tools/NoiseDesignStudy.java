package org.regsl.bench.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.claim.Provenances;
import org.regsl.bench.config.Settings;
import org.regsl.bench.experiment.Design;
import org.regsl.bench.noise.NoiseSetting;
import org.regsl.bench.experiment.NoisyRun;
import org.regsl.bench.experiment.NoisyRuns;
import org.regsl.bench.train.Checkpoint;

/**
 * Sizes the C5/C6 bench task: for a few (labels per class, epochs) on digits 0-4 -> 5-9, runs
 * fine-tuning, the constraint alone, self-labeling alone and REGSL under 40 % independent and
 * correlated noise on the search seed, and records clean-validation accuracy and wall time (the
 * test split is not read). Writes {@code expected-results/c5-design-study.yaml}.
 *
 * <p>Run: {@code mvn -q compile exec:exec -Dregsl.args="noise-study [--labelers-only]"}
 */
public final class NoiseDesignStudy {

    private NoiseDesignStudy() {}

    /** Runs the study (only the correlated-noise labelers when {@code labelersOnly}) and writes its YAML. */
    public static void run(boolean labelersOnly) throws Exception {
        long start = System.nanoTime();
        int[][] sizes = {{60, 15}, {100, 20}};
        List<String> methods = List.of("fine-tuning", "constraint", "self-labeling", "regsl");
        List<NoiseSetting> settings = List.of(NoiseSetting.independent(0.4), NoiseSetting.correlated());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claim", "C5/C6");
        out.put("purpose", "size of the label-noise bench task: clean-validation accuracy on seed "
                + SearchSupport.SEARCH_SEED + " (not an evaluated seed) and wall time per run");
        List<Map<String, Object>> labelers = new ArrayList<>();
        NoisyRuns probe = NoisyRuns.of(Design.LABEL_NOISE);
        for (int[] l : new int[][] {{5, 10}, {5, 30}, {10, 10}, {10, 20}, {20, 10}}) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("perClass", l[0]);
            row.put("epochs", l[1]);
            row.put("realisedRate", probe.correlatedRate(l[0], l[1]));
            System.out.println("labeler " + row);
            labelers.add(row);
        }
        out.put("correlatedLabelers", labelers);
        if (labelersOnly) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int[] size : sizes) {
            Design d = new Design("noise-" + size[0] + "x" + size[1], "label-noise sizing",
                    Design.LABEL_NOISE.sources(), size[0], size[1], Math.max(1, size[1] * 2 / 3),
                    Checkpoint.BEST_VAL_ACCURACY, false);
            NoisyRuns runs = NoisyRuns.of(d);
            for (NoiseSetting s : settings) {
                for (String m : methods) {
                    NoisyRun r = runs.get(s, m, SearchSupport.SEARCH_SEED);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("trainPerClass", size[0]);
                    row.put("epochs", size[1]);
                    row.put("setting", s.id());
                    row.put("realisedRate", r.realisedRate());
                    row.put("method", m);
                    row.put("valAccuracy", r.valAccuracy());
                    row.put("bestEpoch", r.bestEpoch());
                    row.put("seconds", Math.round(r.seconds() * 10) / 10.0);
                    System.out.println("row " + row);
                    rows.add(row);
                }
            }
        }
        out.put("rows", rows);
        out.put("provenance", Provenances.now("bench", List.of(SearchSupport.SEARCH_SEED),
                (System.nanoTime() - start) / 1e9));
        Path file = Settings.projectDir().resolve("expected-results").resolve("c5-design-study.yaml");
        SearchSupport.writeYaml(file, out);
        System.out.printf("wrote %s in %.0f s%n", file, (System.nanoTime() - start) / 1e9);
    }
}
