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
import org.regsl.bench.train.TrainingLoop;

/**
 * The C3 bench design study (issue 3): for each {@link Design}, on the search seed and validation
 * data only, does the paper's mechanism have room to act? Per target it runs random-init and
 * pretrained fine-tuning and a small constant / layer-wise radius grid, and records
 *
 * <ul>
 *   <li>{@code pretrainingGain}: validation accuracy (points) of pretrained minus random fine-tuning;
 *   <li>{@code overfit}: how far fine-tuning's validation loss ends above its minimum over the
 *       epochs (last minus minimum; 0 when it never rises), the room a constraint has;
 *   <li>the best validation accuracy of each constraint family on the grid (information only).
 * </ul>
 *
 * Rule, fixed before the study ran: a design is eligible when pretraining gains at least
 * {@value #MIN_PRETRAINING_GAIN} points on every target; among eligible designs the one with the
 * largest mean {@code overfit} is chosen. The constraint columns do not enter the choice, so the
 * design is not picked for the claim's outcome. Writes {@code expected-results/c3-design-study.yaml}.
 *
 * <p>Run: {@code mvn -q compile exec:exec -Dregsl.args="design-study [DESIGN ...]"}
 */
public final class DesignStudy {

    static final double MIN_PRETRAINING_GAIN = 2.0;

    private DesignStudy() {}

    /** The small radius grid of the study (a subset of the search's). */
    static Map<String, List<Map<String, Double>>> space() {
        Map<String, List<Map<String, Double>>> s = new LinkedHashMap<>();
        s.put("constant-frobenius", SearchSupport.grid("d", new double[] {0.25, 1, 4}, null, null));
        List<Map<String, Double>> lw = new ArrayList<>(SearchSupport.grid("d", new double[] {0.05, 0.1}, "gamma",
                new double[] {4}));
        lw.addAll(SearchSupport.grid("d", new double[] {0.25}, "gamma", new double[] {2}));
        s.put("layer-wise", lw);
        return s;
    }

    /** Runs the study over {@code designs} (all of {@link Design#ALL} when empty) and writes its YAML. */
    public static void run(List<Design> designs) throws Exception {
        designs = designs.isEmpty() ? Design.ALL : designs;
        long start = System.nanoTime();
        BenchRuns runs = BenchRuns.shared();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claim", "C3");
        out.put("purpose", "bench design study of issue 3: in which design can the paper's mechanism act?"
                + " (mvn -q compile exec:exec -Dregsl.args=design-study)");
        out.put("rule", "validation data only, one run per configuration on seed " + SearchSupport.SEARCH_SEED
                + ". Eligible: pretrained minus random-init fine-tuning >= " + MIN_PRETRAINING_GAIN
                + " points of validation accuracy on every target. Chosen: the eligible design with the largest"
                + " mean overfit (fine-tuning's last-epoch validation loss minus its minimum over epochs). The"
                + " constraint columns are information and do not enter the choice.");
        out.put("space", space());
        Map<String, Object> rows = new LinkedHashMap<>();
        String chosen = null;
        double chosenOverfit = Double.NEGATIVE_INFINITY;
        for (Design design : designs) {
            long t0 = System.nanoTime();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lever", design.lever());
            row.put("sources", design.sources());
            row.put("budget", design.budget(runs.budget()));
            row.put("checkpoint", design.checkpoint().name());
            boolean eligible = true;
            double overfitSum = 0;
            Map<String, Object> perTarget = new LinkedHashMap<>();
            for (String target : design.targets()) {
                Map<String, Object> t = target(runs, design, target);
                eligible &= (Double) t.get("pretrainingGain") >= MIN_PRETRAINING_GAIN;
                overfitSum += (Double) t.get("overfit");
                perTarget.put(target, t);
            }
            double overfit = overfitSum / design.targets().size();
            row.put("eligible", eligible);
            row.put("meanOverfit", overfit);
            row.put("targets", perTarget);
            row.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
            rows.put(design.name(), row);
            if (eligible && overfit > chosenOverfit) {
                chosen = design.name();
                chosenOverfit = overfit;
            }
        }
        out.put("designs", rows);
        out.put("chosen", chosen == null ? "none eligible" : chosen);
        out.put("provenance", Provenances.now(runs.budget().name(), List.of(SearchSupport.SEARCH_SEED),
                (System.nanoTime() - start) / 1e9));
        Path file = Settings.projectDir().resolve("expected-results").resolve("c3-design-study.yaml");
        SearchSupport.writeYaml(file, out);
        System.out.printf("chosen design: %s; wrote %s in %.0f s%n", out.get("chosen"), file,
                (System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Object> target(BenchRuns runs, Design design, String target) {
        int seed = SearchSupport.SEARCH_SEED;
        FineTuneRun random = runs.get(design, SourceKind.RANDOM, target, seed, MethodSpec.FINE_TUNING);
        FineTuneRun plain = runs.get(design, SourceKind.STANDARD, target, seed, MethodSpec.FINE_TUNING);
        Map<String, Double> travelled = SearchSupport.travelled(plain);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("randomValAccuracy", random.valAccuracy());
        t.put("fineTuningValAccuracy", plain.valAccuracy());
        t.put("pretrainingGain", 100 * (plain.valAccuracy() - random.valAccuracy()));
        t.putAll(curveFacts(plain.curve()));
        t.put("travelled", travelled);
        for (Map.Entry<String, List<Map<String, Double>>> m : space().entrySet()) {
            List<Map<String, Object>> trials = SearchSupport.trials(runs, design, target, m.getKey(), m.getValue(),
                    travelled);
            t.put(m.getKey(), trials);
            t.put(m.getKey() + "Best", SearchSupport.best(trials));
        }
        return t;
    }

    /**
     * Facts of a fine-tuning curve ({@link TrainingLoop#CURVE_COLUMNS}): the epoch and value of the
     * minimum validation loss, the last validation loss, {@code overfit} = last - minimum, and the
     * last training loss.
     */
    static Map<String, Double> curveFacts(List<double[]> curve) {
        int valLoss = TrainingLoop.CURVE_COLUMNS.indexOf("valLoss");
        int trainLoss = TrainingLoop.CURVE_COLUMNS.indexOf("trainLoss");
        double min = Double.POSITIVE_INFINITY;
        double minEpoch = 0;
        for (double[] row : curve) {
            if (row[valLoss] < min) {
                min = row[valLoss];
                minEpoch = row[0];
            }
        }
        double[] last = curve.get(curve.size() - 1);
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("minValLoss", min);
        f.put("minValLossEpoch", minEpoch);
        f.put("lastValLoss", last[valLoss]);
        f.put("overfit", last[valLoss] - min);
        f.put("lastTrainLoss", last[trainLoss]);
        return f;
    }
}
