package org.regsl.bench.claims;

import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Assumptions;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.DirectionFamily;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.config.Settings;
import org.regsl.bench.experiment.BenchRuns;
import org.regsl.bench.experiment.Design;
import org.regsl.bench.experiment.FineTuneRun;
import org.regsl.bench.experiment.Hyperparameters;
import org.regsl.bench.experiment.MethodSpec;
import org.regsl.bench.experiment.PaperHyperparameters;
import org.regsl.bench.experiment.PaperRuns;
import org.regsl.bench.experiment.PaperSearch;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.method.Methods;
import org.regsl.bench.experiment.SourceKind;
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.regularize.LayerRadii;
import org.regsl.bench.report.Charts;
import org.regsl.bench.report.Format;
import org.regsl.bench.report.Ledger;

/**
 * C3, "Comparing regularization methods": test accuracy of fine-tuning, L2-SP, constant
 * Frobenius and MARS constraints (Gouk et al. 2021), the layer-wise constraint (REGSL) and radii
 * proportional to the distances plain fine-tuning travels, on both bench targets with an Average
 * column, in the paper's table shape; the average gain of layer-wise over constant with its
 * confidence interval against the paper's +1.76. Hyper-parameters come from
 * {@code c3-hyperparameters.yaml} (chosen on validation data by HyperparameterSearch), which also
 * names the bench {@link Design} (picked by the design study, {@code c3-design-log.md}).
 */
@Epic(ClaimSupport.EPIC)
@ClaimTest
@Feature("Comparing regularization methods (seven data sets, ResNet-101)")
@Story("C3")
@DisplayName("C3 regularization methods")
class RegularizationClaimIT {

    private static final ExpectedResultsFile FILE = ClaimSupport.load("c3-regularization.yaml");
    private static final Hyperparameters HP = Hyperparameters.load(
            Settings.projectDir().resolve("expected-results").resolve("c3-hyperparameters.yaml"));
    private static final Design DESIGN = HP.design();
    private static final List<String> TARGETS = DESIGN.targets();
    private static final double ALPHA = FILE.data().acceptance.alpha;
    private static final String AVERAGE = "average";
    private static final String PAPER_GAIN = "+1.76 % average test accuracy over the constant constraint (Gouk et al."
            + " 2021) on seven data sets, ResNet-101 (poster, abstract); per-data-set numbers not available offline";

    /** The poster's +1.76 (points). */
    private static final double PAPER_GAIN_POINTS = 1.76;
    /** C3's directions, judged together (Holm). */
    private static final DirectionFamily FAMILY = family();

    private static DirectionFamily family() {
        DirectionFamily f = new DirectionFamily("C3 directions", ALPHA);
        directions().forEach(a -> {
            String better = (String) a.get()[0];
            String worse = (String) a.get()[1];
            f.add(CellId.direction("bench", better, worse, AVERAGE).toString(), better.equals("layer-wise")
                    && worse.startsWith("constant") ? PAPER_GAIN_POINTS : null, ClaimSupport.gainTest(
                            () -> ClaimSupport.budget().seedList(), seed -> averageAccuracy(better, seed)
                                    - averageAccuracy(worse, seed), ALPHA));
        });
        return f;
    }

    /** Starts every run this claim reads (methods x targets x seeds) on the compute pool. */
    @BeforeAll
    static void startRuns() {
        ClaimSupport.onBenchScale(() -> {
            for (int seed : ClaimSupport.budget().seedList()) {
                for (String method : Methods.C3) {
                    for (String target : TARGETS) {
                        BenchRuns.shared().start(DESIGN, SourceKind.STANDARD, target, seed, HP.chosen(target, method));
                    }
                }
            }
        });
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (String method : Methods.C3) {
            for (String target : TARGETS) {
                out.add(Arguments.of(method, target));
            }
            out.add(Arguments.of(method, AVERAGE));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "C3 bench · {0} · {1}")
    @MethodSource("cells")
    void cell(String method, String target) {
        CellId id = ClaimSupport.begin(FILE, "C3", CellId.bench(target, method));
        SeedValues v;
        if (target.equals(AVERAGE)) {
            v = ClaimSupport.perSeed(seed -> run(TARGETS.get(0), method, seed), r -> averageAccuracy(method,
                    r.seed()), "test accuracy (%) averaged over " + TARGETS);
            Allure.addAttachment("C3 table", "text/markdown", table(), "md");
        } else {
            v = ClaimSupport.perSeed(seed -> run(target, method, seed), r -> 100 * r.testAccuracy(),
                    "test accuracy (%) of " + HP.chosen(target, method).id());
            attachDistanceChart(target, method);
        }
        ClaimSupport.checkCell(FILE, "C3", id, v);
    }

    static Stream<Arguments> directions() {
        return Stream.of(Arguments.of("layer-wise", "constant-frobenius"), Arguments.of("layer-wise", "constant-mars"),
                Arguments.of("layer-wise", "fine-tuning"), Arguments.of("layer-wise", "l2-sp"),
                Arguments.of("layer-wise", "delta"), Arguments.of("layer-wise", "bss"),
                Arguments.of("distance-proportional", "constant-frobenius"));
    }

    @ParameterizedTest(name = "C3 direction · average · {0} > {1}")
    @MethodSource("directions")
    void averageGain(String better, String worse) {
        CellId id = ClaimSupport.begin(FILE, "C3", CellId.direction("bench", better, worse, AVERAGE));
        String paper = better.equals("layer-wise") && worse.startsWith("constant") ? PAPER_GAIN
                : "layer-wise regularization beats fine-tuning and L2-SP on average (the paper's per-data-set table is"
                        + " not available offline)";
        ClaimSupport.checkGain(FILE, "C3", id, FAMILY, better + " beats " + worse + " in test accuracy averaged over"
                + " the bench targets", "points", ClaimSupport.budget().seedList(), seed -> run(TARGETS.get(0), better,
                        seed), seed -> averageAccuracy(better, seed) - averageAccuracy(worse, seed), paper, table());
    }

    static Stream<String> paperCells() {
        return ClaimSupport.paperCells(FILE);
    }

    @PaperCase
    @ParameterizedTest(name = "C3 paper · {0}")
    @MethodSource("paperCells")
    void paperCell(String id) {
        CellId cell = ClaimSupport.begin(FILE, "C3", CellId.parse(id));
        String dataset = cell.part(0);
        String method = cell.part(1);
        ExpectedResults.PaperValue paper = FILE.cell(id).paper;
        Ledger.Row provisional = PaperScale.provisionalRow("C3", id, paper);
        PaperScale.assumeAvailable(dataset);
        PaperRuns runs = PaperRuns.shared();
        PaperScale.assumeWeights(runs, runs.budget().regularizationNet(), "pretrained");
        paperParams(dataset, method); // skips with the reason before any run when no search has recorded a choice
        SeedValues v = ClaimSupport.perSeed(runs.budget().seedList(), seed -> paperRun(dataset, method, seed),
                r -> 100 * r.testAccuracy(), "test accuracy %");
        PaperScale.check(FILE, "C3", id, paper, provisional, v, runs.budget(), runs.budget().regularizationNet(), ALPHA);
    }

    static Stream<String> paperDirections() {
        return ClaimSupport.paperDirections(FILE);
    }

    /** The seven data sets of the poster's regularization table. */
    static final List<String> PAPER_DATASETS = List.of("fgvc-aircraft", "cub-200-2011", "caltech-256", "stanford-cars",
            "stanford-dogs", "flowers-102", "mit-indoor-67");

    /**
     * The poster's +1.76: per run, layer-wise's test accuracy minus the constant constraint's,
     * averaged over the seven data sets (every one must be present).
     */
    @PaperCase
    @ParameterizedTest(name = "C3 paper direction · {0}")
    @MethodSource("paperDirections")
    void paperAverageGain(String id) {
        CellId cell = ClaimSupport.begin(FILE, "C3", CellId.parse(id));
        String[] pair = cell.part(1).split(">");
        ExpectedResults.PaperValue paper = FILE.direction(id).paperValue;
        Ledger.Row provisional = PaperScale.provisionalRow("C3", id, paper);
        PAPER_DATASETS.forEach(PaperScale::assumeAvailable);
        PaperRuns runs = PaperRuns.shared();
        PaperScale.assumeWeights(runs, runs.budget().regularizationNet(), "pretrained");
        SeedValues gains = ClaimSupport.perSeed(runs.budget().seedList(), seed -> paperRun(PAPER_DATASETS.get(0),
                pair[0], seed), r -> PAPER_DATASETS.stream().mapToDouble(d -> 100 * (paperRun(d, pair[0], r.seed())
                        .testAccuracy() - paperRun(d, pair[1], r.seed()).testAccuracy())).average().orElseThrow(),
                "average gain (points) of " + pair[0] + " over " + pair[1] + " on " + PAPER_DATASETS.size()
                        + " data sets");
        PaperScale.checkGain("C3", id, paper, provisional, gains, runs.budget(), runs.budget().regularizationNet(),
                ALPHA);
    }

    private static org.regsl.bench.experiment.PaperRun paperRun(String dataset, String method, int seed) {
        Map<String, Double> travelled = method.equals("distance-proportional")
                ? PaperSearch.travelled(PaperSearch.file(PaperSearch.RESULTS), dataset,
                        PaperRuns.shared().budget().name()) : Map.of();
        return PaperRuns.shared().regularizationRun(dataset, paperParams(dataset, method), travelled, seed);
    }

    /**
     * The paper-scale values of {@code method} on {@code dataset}: none for fine-tuning, the official
     * radii for layer-wise, the recorded choice of the paper search for the baselines (the case skips
     * with the reason until a search has recorded one).
     */
    private static MethodParams paperParams(String dataset, String method) {
        if (method.equals("fine-tuning")) {
            return MethodParams.none(method);
        }
        if (method.equals("layer-wise")) {
            return PaperHyperparameters.layerWiseParams(dataset);
        }
        if (PaperHyperparameters.isFixedRegularization(method)) {
            return PaperHyperparameters.fixedRegularization(method);
        }
        MethodParams chosen = PaperSearch.chosen(PaperSearch.file(PaperSearch.RESULTS), dataset, method,
                PaperRuns.shared().budget().name());
        Assumptions.assumeTrue(chosen != null, () -> "no paper-scale search recorded: " + PaperSearch.RESULTS
                + " has no choice for " + method + " on " + dataset + " at the " + PaperRuns.shared().budget().name()
                + " budget; run `regsl search-paper " + dataset
                + "` on a GPU runner (README)");
        return chosen;
    }

    private static FineTuneRun run(String target, String method, int seed) {
        return BenchRuns.shared().get(DESIGN, SourceKind.STANDARD, target, seed, HP.chosen(target, method));
    }

    private static double averageAccuracy(String method, int seed) {
        return TARGETS.stream().mapToDouble(t -> 100 * run(t, method, seed).testAccuracy()).average()
                .orElseThrow();
    }

    /** The paper's table shape: methods x (targets, Average), mean ± std over seeds. */
    static String table() {
        StringBuilder sb = new StringBuilder("Bench design `" + DESIGN.name() + "` (" + DESIGN.lever() + "), sources "
                + DESIGN.sources() + "\n\n| method | configuration |");
        TARGETS.forEach(t -> sb.append(' ').append(t).append(" |"));
        sb.append(" Average |\n|---|---|");
        TARGETS.forEach(t -> sb.append("---|"));
        sb.append("---|\n");
        for (String m : Methods.C3) {
            sb.append("| ").append(m).append(" | ").append(HP.chosen(TARGETS.get(0), m).id()).append(" / ")
                    .append(HP.chosen(TARGETS.get(1), m).id()).append(" |");
            for (String t : TARGETS) {
                double[] acc = Arrays.stream(ClaimSupport.budget().seedList())
                        .mapToDouble(s -> 100 * run(t, m, s).testAccuracy()).toArray();
                sb.append(' ').append(Format.values(acc)).append(" |");
            }
            double[] avg = Arrays.stream(ClaimSupport.budget().seedList()).mapToDouble(s -> averageAccuracy(m, s))
                    .toArray();
            sb.append(' ').append(Format.values(avg)).append(" |\n");
        }
        return sb.toString();
    }

    /** Per layer: the distance travelled (per seed) against the radius the method imposes. */
    private static void attachDistanceChart(String target, String method) {
        MethodSpec spec = HP.chosen(target, method);
        LayerRadii radii = spec.radii();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        List<LayerDistances.Layer> first = run(target, method, ClaimSupport.budget().seedList()[0]).layers();
        List<String> names = first.stream().map(l -> Format.layer(l.name())).toList();
        if (radii != null) {
            series.put("radius", first.stream().map(l -> l.group().equals("head") ? radii.head()
                    : radii.radius(l.group()) == null ? 0.0 : radii.radius(l.group())).toList());
        }
        for (int seed : ClaimSupport.budget().seedList()) {
            series.put("travelled, seed " + seed, run(target, method, seed).layers().stream()
                    .map(LayerDistances.Layer::distance).toList());
        }
        Allure.addAttachment("distances vs radii (" + target + ", " + method + ")", "image/png",
                new ByteArrayInputStream(Charts.bars("C3 " + target + ", " + method + ": ||W - W0||_F travelled vs radius (0 = free)",
                        "distance (head: from zero)", names, series)), "png");
    }
}
