package org.regsl.bench.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.claim.Provenances;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.config.Settings;
import org.regsl.bench.experiment.EpisodeRun;
import org.regsl.bench.experiment.FewShotHyperparameters;
import org.regsl.bench.experiment.FewShotProtocol;
import org.regsl.bench.experiment.FewShotRuns;
import org.regsl.bench.method.MethodParams;

/**
 * C8's search on validation episodes (the 16 validation categories; never the novel ones), per shot count: first
 * plain fine-tuning over {@link #STEPS} x {@link #LRS}; at its best steps and learning rate, the layer-wise
 * constraint with D_k = f t_1 gamma^(k-1), f in {@link #FRACTIONS}, gamma in {@link #GAMMAS}, t_k the mean largest
 * distance a stage-k tensor travels under that fine-tuning, the head radius 2 x the head norm it reaches. A trial's
 * score is its mean query accuracy over the protocol's search episodes; ties go to the earlier trial. The paired
 * per-episode differences of the chosen layer-wise trial against fine-tuning and RFS give the power analysis of the
 * test episode count. Writes {@code expected-results/c8-hyperparameters.yaml}. Run: {@code mvn -q compile exec:exec
 * -Dregsl.args=search-fewshot}.
 */
public final class FewShotSearch {

    static final int[] STEPS = {10, 30};
    static final double[] LRS = {1e-3, 1e-4};
    static final double[] FRACTIONS = {0.25, 0.5, 1.0};
    static final double[] GAMMAS = {1.0, 2.0};

    private FewShotSearch() {}

    /** Runs the search and writes the file. */
    public static void run() throws java.io.IOException {
        long start = System.nanoTime();
        FewShotRuns runs = FewShotRuns.shared();
        FewShotProtocol p = runs.protocol();
        int[] episodes = java.util.stream.IntStream.range(0, p.searchEpisodes()).toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claim", "C8");
        out.put("purpose", "fine-tuning steps, learning rate and layer-wise radii per shot count, chosen on validation"
                + " episodes by FewShotSearch (mvn -q compile exec:exec -Dregsl.args=search-fewshot)");
        out.put("selection", "mean query accuracy over validation episodes 0.." + (p.searchEpisodes() - 1) + " of the"
                + " 16 validation categories (budget " + p.name() + "); ties to the earlier trial; novel categories"
                + " never read. Layer-wise D_k = f t_1 gamma^(k-1), t_k the mean over those episodes of the largest"
                + " ||W - W0||_F of a stage-k tensor under the chosen fine-tuning; head = 2 x its mean head norm.");
        Map<String, Object> chosen = new LinkedHashMap<>();
        Map<String, Object> trialsByShots = new LinkedHashMap<>();
        for (int shots : p.shots()) {
            List<Map<String, Object>> trials = new ArrayList<>();
            MethodParams ft = MethodParams.none("fine-tuning");
            for (int steps : STEPS) {
                for (double lr : LRS) {
                    for (int e : episodes) {
                        runs.start("validation", shots, e, ft, steps, lr);
                    }
                }
            }
            for (int e : episodes) {
                runs.start("validation", shots, e, MethodParams.none(FewShotRuns.RFS), 0, 0);
            }
            Map<String, Object> bestFt = null;
            for (int steps : STEPS) {
                for (double lr : LRS) {
                    Map<String, Object> t = trial(runs, shots, episodes, ft, steps, lr);
                    trials.add(t);
                    if (bestFt == null || (Double) t.get("meanQueryAccuracy") > (Double) bestFt.get("meanQueryAccuracy")) {
                        bestFt = t;
                    }
                }
            }
            int steps = (Integer) bestFt.get("steps");
            double lr = (Double) bestFt.get("lr");
            Map<String, Double> travelled = new LinkedHashMap<>();
            for (int e : episodes) {
                @SuppressWarnings("unchecked")
                Map<String, Double> t = (Map<String, Double>) runs.get("validation", shots, e, ft, steps, lr).config()
                        .get("travelled");
                t.forEach((g, d) -> travelled.merge(g, d / episodes.length, Double::sum));
            }
            List<MethodParams> grid = new ArrayList<>();
            for (double f : FRACTIONS) {
                for (double gamma : GAMMAS) {
                    Map<String, Double> v = new LinkedHashMap<>();
                    v.put("d", f * travelled.get("stage1"));
                    v.put("gamma", gamma);
                    v.put("head", 2 * travelled.get("head"));
                    grid.add(new MethodParams("layer-wise", v));
                }
            }
            grid.forEach(g -> java.util.Arrays.stream(episodes).forEach(e -> runs.start("validation", shots, e, g, steps,
                    lr)));
            Map<String, Object> bestLw = null;
            MethodParams bestParams = null;
            for (MethodParams g : grid) {
                Map<String, Object> t = trial(runs, shots, episodes, g, steps, lr);
                trials.add(t);
                if (bestLw == null || (Double) t.get("meanQueryAccuracy") > (Double) bestLw.get("meanQueryAccuracy")) {
                    bestLw = t;
                    bestParams = g;
                }
            }
            Map<String, Object> rfs = trial(runs, shots, episodes, MethodParams.none(FewShotRuns.RFS), 0, 0);
            trials.add(rfs);
            Map<String, Object> power = new LinkedHashMap<>();
            for (Map<String, Object> other : List.of(bestFt, rfs)) {
                double[] d = new double[episodes.length];
                @SuppressWarnings("unchecked")
                List<Double> a = (List<Double>) bestLw.get("queryAccuracies");
                @SuppressWarnings("unchecked")
                List<Double> b = (List<Double>) other.get("queryAccuracies");
                for (int i = 0; i < d.length; i++) {
                    d[i] = 100 * (a.get(i) - b.get(i));
                }
                double sd = Statistics.std(d);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pairedSdPoints", sd);
                row.put("meanGainPoints", Statistics.mean(d));
                row.put("detectableAt" + p.testEpisodes() + "Episodes", 2.486 * sd / Math.sqrt(p.testEpisodes()));
                power.put("layer-wise vs " + other.get("method"), row);
            }
            Map<String, Object> c = new LinkedHashMap<>();
            String why = String.format(java.util.Locale.ROOT, "search-fewshot (%d-shot): highest mean query accuracy"
                    + " on %d validation episodes", shots, episodes.length);
            c.put("steps", sourced(steps, why));
            c.put("lr", sourced(lr, why));
            Map<String, Object> lw = new LinkedHashMap<>();
            bestParams.values().forEach((k, v) -> lw.put(k, sourced(v, why)));
            c.put("layer-wise", lw);
            chosen.put(shots + "-shot", c);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("travelled", travelled);
            row.put("power", power);
            row.put("trials", trials);
            trialsByShots.put(shots + "-shot", row);
        }
        out.put("chosen", chosen);
        out.put("shots", trialsByShots);
        out.put("provenance", Provenances.now(p.name(), java.util.Arrays.stream(episodes).boxed().toList(),
                (System.nanoTime() - start) / 1e9));
        Path file = Settings.projectDir().resolve("expected-results").resolve(FewShotHyperparameters.FILE);
        SearchSupport.writeYaml(file, out);
        System.out.printf("wrote %s in %.0f s%n", file, (System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Object> sourced(Object value, String why) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("source", why);
        return m;
    }

    private static Map<String, Object> trial(FewShotRuns runs, int shots, int[] episodes, MethodParams params, int steps,
            double lr) {
        List<Double> acc = new ArrayList<>();
        double seconds = 0;
        for (int e : episodes) {
            EpisodeRun r = runs.get("validation", shots, e, params, steps, lr);
            acc.add(r.queryAccuracy());
            seconds += r.seconds();
        }
        double mean = acc.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("method", params.method());
        t.put("params", params.values());
        t.put("steps", steps);
        t.put("lr", lr);
        t.put("meanQueryAccuracy", mean);
        t.put("secondsPerEpisode", seconds / episodes.length);
        t.put("queryAccuracies", acc);
        System.out.printf("trial %d-shot %-12s %-60s steps %d lr %.0e: %.4f (%.2f s/episode)%n", shots, params.method(),
                params.values(), steps, lr, mean, seconds / episodes.length);
        return t;
    }
}
