package org.regsl.bench.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.regsl.bench.claim.Provenances;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.text.TextRecipe;
import org.regsl.bench.experiment.FineTuneRun;
import org.regsl.bench.experiment.MethodSpec;
import org.regsl.bench.experiment.SourceKind;
import org.regsl.bench.experiment.TextHyperparameters;
import org.regsl.bench.experiment.TextRuns;
import org.regsl.bench.method.MethodParams;

/**
 * C9's design study and search, on validation texts only (the test split is never read), over the search seeds
 * {@link SearchSupport#SEARCH_SEEDS}:
 *
 * <ol>
 *   <li><b>Design.</b> For every target task, labels per class in {@link #LABELS} and epochs in {@link #EPOCHS}:
 *       plain fine-tuning from the source model and from a random initialization. A target is <em>eligible</em>
 *       at a design when the source model's mean validation accuracy beats the random start's (without a transfer
 *       there is nothing to regularize towards). The design chosen has the most eligible targets, then the largest
 *       mean transfer gain over them, then the fewer labels and epochs; the claim's targets are its eligible ones.
 *   <li><b>Values</b>, per eligible target at that design: L2-SP's alpha in {@link #ALPHAS} (beta 0.01, C3's);
 *       the constant constraint D = f (t_1 + t_2) / 2, f in {@link #FRACTIONS}; the layer-wise constraint
 *       D_k = f t_1 gamma^(k-1), f in {@link #FRACTIONS}, gamma in {@link #GAMMAS}; t_k the largest
 *       ||W - W0||_F of a {@code layer<k>} tensor under plain fine-tuning on seed 100, the head radius twice its
 *       head norm. Highest mean validation accuracy, ties to the lower validation loss.
 * </ol>
 * The paired per-seed validation differences of the chosen layer-wise trial against fine-tuning and the constant
 * constraint give the detectable effect at the claim's seed count. Writes
 * {@code expected-results/c9-hyperparameters.yaml}. Run: {@code mvn -q compile exec:exec -Dregsl.args=search-text}.
 */
public final class TextSearch {

    static final int[] LABELS = {10, 30, 100};
    static final int[] EPOCHS = {15, 40};
    static final double[] ALPHAS = {0.01, 0.1, 1.0};
    static final double[] FRACTIONS = {0.25, 0.5, 1.0, 2.0};
    static final double[] GAMMAS = {1.5, 3.0};

    private TextSearch() {}

    /** Runs the study and writes the file. */
    public static void run() throws java.io.IOException {
        long t0 = System.nanoTime();
        TextRuns runs = TextRuns.shared();
        List<Integer> seeds = SearchSupport.SEARCH_SEEDS;
        List<String> targets = TextRecipe.TARGETS.stream().map(TextRecipe::name).toList();
        MethodParams ft = MethodParams.none("fine-tuning");
        for (String t : targets) {
            for (int l : LABELS) {
                for (int e : EPOCHS) {
                    for (SourceKind s : List.of(SourceKind.STANDARD, SourceKind.RANDOM)) {
                        seeds.forEach(seed -> runs.start(t, s, l, e, ft, seed));
                    }
                }
            }
        }
        List<Map<String, Object>> designs = new ArrayList<>();
        Map<String, Object> best = null;
        for (int l : LABELS) {
            for (int e : EPOCHS) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("labelsPerClass", l);
                d.put("epochs", e);
                List<String> eligible = new ArrayList<>();
                double gainSum = 0;
                Map<String, Object> perTarget = new LinkedHashMap<>();
                for (String t : targets) {
                    double src = mean(runs, t, SourceKind.STANDARD, l, e, ft, seeds);
                    double rnd = mean(runs, t, SourceKind.RANDOM, l, e, ft, seeds);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("sourceValAccuracy", src);
                    row.put("randomValAccuracy", rnd);
                    row.put("transferGainPoints", 100 * (src - rnd));
                    perTarget.put(t, row);
                    if (src > rnd) {
                        eligible.add(t);
                        gainSum += 100 * (src - rnd);
                    }
                }
                d.put("targets", perTarget);
                d.put("eligible", eligible);
                d.put("meanTransferGainPoints", eligible.isEmpty() ? 0.0 : gainSum / eligible.size());
                System.out.printf(Locale.ROOT, "design %3d labels/class %2d epochs: eligible %s, mean transfer gain"
                        + " %.2f points%n", l, e, eligible, (Double) d.get("meanTransferGainPoints"));
                designs.add(d);
                if (best == null || better(d, best)) {
                    best = d;
                }
            }
        }
        int labels = (Integer) best.get("labelsPerClass");
        int epochs = (Integer) best.get("epochs");
        @SuppressWarnings("unchecked")
        List<String> eligible = (List<String>) best.get("eligible");
        Map<String, Object> chosenTargets = new LinkedHashMap<>();
        Map<String, Object> searchByTarget = new LinkedHashMap<>();
        for (String t : eligible) {
            Map<String, Double> travelled = SearchSupport.travelled(runs.get(t, SourceKind.STANDARD, labels, epochs, ft,
                    SearchSupport.SEARCH_SEED));
            double t1 = travelled.get("layer1");
            double t2 = travelled.get("layer2");
            Map<String, List<MethodSpec>> grids = new LinkedHashMap<>();
            grids.put("l2-sp", new ArrayList<>());
            for (double a : ALPHAS) {
                grids.get("l2-sp").add(SearchSupport.spec("l2-sp", Map.of("alpha", a, "beta", 0.01), travelled));
            }
            grids.put("constant-frobenius", new ArrayList<>());
            grids.put("layer-wise", new ArrayList<>());
            for (double f : FRACTIONS) {
                grids.get("constant-frobenius").add(SearchSupport.spec("constant-frobenius", Map.of("d",
                        f * (t1 + t2) / 2), travelled));
                for (double g : GAMMAS) {
                    Map<String, Double> p = new LinkedHashMap<>();
                    p.put("d", f * t1);
                    p.put("gamma", g);
                    grids.get("layer-wise").add(SearchSupport.spec("layer-wise", p, travelled));
                }
            }
            grids.values().forEach(g -> g.forEach(spec -> seeds.forEach(seed -> runs.start(t, SourceKind.STANDARD,
                    labels, epochs, params(spec), seed))));
            Map<String, Object> chosen = new LinkedHashMap<>();
            Map<String, Object> trialsByMethod = new LinkedHashMap<>();
            Map<String, List<FineTuneRun>> chosenRuns = new LinkedHashMap<>();
            chosenRuns.put("fine-tuning", seeds.stream().map(seed -> runs.get(t, SourceKind.STANDARD, labels, epochs, ft,
                    seed)).toList());
            for (var g : grids.entrySet()) {
                List<Map<String, Object>> trials = new ArrayList<>();
                Map<Map<String, Object>, List<FineTuneRun>> byTrial = new LinkedHashMap<>();
                for (MethodSpec spec : g.getValue()) {
                    List<FineTuneRun> rs = seeds.stream().map(seed -> runs.get(t, SourceKind.STANDARD, labels, epochs,
                            params(spec), seed)).toList();
                    Map<String, Object> trial = SearchSupport.trial(rs, spec);
                    trials.add(trial);
                    byTrial.put(trial, rs);
                }
                Map<String, Object> top = SearchSupport.best(trials);
                chosenRuns.put(g.getKey(), byTrial.get(top));
                @SuppressWarnings("unchecked")
                Map<String, Double> p = (Map<String, Double>) top.get("params");
                String why = String.format(Locale.ROOT, "search-text (%s): highest mean validation accuracy over"
                        + " seeds %s, %d labels per class, %d epochs", t, seeds, labels, epochs);
                Map<String, Object> values = new LinkedHashMap<>();
                p.forEach((k, v) -> values.put(k, sourced(v, why)));
                chosen.put(g.getKey(), values);
                trialsByMethod.put(g.getKey(), trials);
            }
            Map<String, Object> power = new LinkedHashMap<>();
            int n = Settings.budget().seeds();
            double factor = new TDistribution(n - 1).inverseCumulativeProbability(0.95)
                    + new TDistribution(n - 1).inverseCumulativeProbability(0.80);
            for (String other : List.of("fine-tuning", "constant-frobenius")) {
                double[] d = new double[seeds.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = 100 * (chosenRuns.get("layer-wise").get(i).valAccuracy()
                            - chosenRuns.get(other).get(i).valAccuracy());
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("meanGainPoints", Statistics.mean(d));
                row.put("pairedSdPoints", Statistics.std(d));
                row.put("detectableAt" + n + "Seeds", factor * Statistics.std(d) / Math.sqrt(n));
                power.put("layer-wise vs " + other, row);
            }
            chosenTargets.put(t, chosen);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("travelled", travelled);
            row.put("fineTuning", SearchSupport.trial(chosenRuns.get("fine-tuning"), new MethodSpec("fine-tuning",
                    Map.of(), Map.of())));
            row.put("power", power);
            row.put("trials", trialsByMethod);
            searchByTarget.put(t, row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claim", "C9");
        out.put("purpose", "C9's design (labels per class, epochs, targets) and method values, chosen on validation"
                + " texts by TextSearch (mvn -q compile exec:exec -Dregsl.args=search-text)");
        out.put("selection", "design: per target, plain fine-tuning from the source model and from a random"
                + " initialization, mean validation accuracy over seeds " + seeds + "; a target is eligible when the"
                + " source beats random; the design with the most eligible targets, then the largest mean transfer gain,"
                + " then fewer labels and epochs. Values: per eligible target, highest mean validation accuracy over"
                + " the same seeds, ties to the lower validation loss; radii from the distances plain fine-tuning"
                + " travels on seed " + SearchSupport.SEARCH_SEED + " (constant D = f (t_1 + t_2) / 2, layer-wise D_k ="
                + " f t_1 gamma^(k-1), head 2 x its head norm); the test split is never read.");
        out.put("encoder", org.regsl.bench.data.text.TextTasks.encoder());
        Map<String, Object> chosen = new LinkedHashMap<>();
        String why = "search-text: the design with the most eligible targets (source beats random on validation),"
                + " then the largest mean transfer gain";
        chosen.put("labelsPerClass", sourced(labels, why));
        chosen.put("epochs", sourced(epochs, why));
        chosen.put("targets", eligible);
        chosen.put("values", chosenTargets);
        out.put("chosen", chosen);
        out.put("designs", designs);
        out.put("search", searchByTarget);
        out.put("provenance", Provenances.now(Settings.budgetName(), seeds, (System.nanoTime() - t0) / 1e9));
        Path file = Settings.projectDir().resolve("expected-results").resolve(TextHyperparameters.FILE);
        SearchSupport.writeYaml(file, out);
        System.out.printf("wrote %s in %.0f s%n", file, (System.nanoTime() - t0) / 1e9);
    }

    private static boolean better(Map<String, Object> a, Map<String, Object> b) {
        int ea = ((List<?>) a.get("eligible")).size();
        int eb = ((List<?>) b.get("eligible")).size();
        if (ea != eb) {
            return ea > eb;
        }
        return (Double) a.get("meanTransferGainPoints") > (Double) b.get("meanTransferGainPoints"); // ties: earlier
    }

    private static MethodParams params(MethodSpec spec) {
        return new MethodParams(spec.method(), spec.params());
    }

    private static double mean(TextRuns runs, String t, SourceKind s, int l, int e, MethodParams p, List<Integer> seeds) {
        return seeds.stream().mapToDouble(seed -> runs.get(t, s, l, e, p, seed).valAccuracy()).average().orElseThrow();
    }

    private static Map<String, Object> sourced(Object value, String why) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("source", why);
        return m;
    }
}
