package org.regsl.bench.claims;

import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.DirectionFamily;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.config.Settings;
import org.regsl.bench.experiment.Design;
import org.regsl.bench.experiment.Hyperparameters;
import org.regsl.bench.experiment.MethodSpec;
import org.regsl.bench.experiment.MultiLabelRun;
import org.regsl.bench.experiment.MultiLabelRuns;
import org.regsl.bench.experiment.PaperHyperparameters;
import org.regsl.bench.experiment.PaperRuns;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.report.Format;
import org.regsl.bench.report.Ledger;

/**
 * C4, the regularization comparison on ChestX-ray14 (ResNet-18, mean AUC), at bench scale on its
 * multi-label analog (2x2 digit mosaics, five findings; {@code MultiLabelRuns}): fine-tuning,
 * L2-SP, the constant Frobenius constraint and the layer-wise constraint, one cell each (test mean
 * AUC, percent), and the C3-style directions of layer-wise over each of the others (paired over
 * seeds). The paper's ChestX-ray values are not available offline: its cells are absent.
 */
@Epic(ClaimSupport.EPIC)
@ClaimTest
@Feature("Comparing regularization methods (ChestX-ray14, ResNet-18, mean AUC)")
@Story("C4")
@DisplayName("C4 multi-label regularization")
class MultiLabelClaimIT {

    private static final ExpectedResultsFile FILE = ClaimSupport.load("c4-multi-label.yaml");
    private static final Hyperparameters HP = Hyperparameters.load(
            Settings.projectDir().resolve("expected-results").resolve("c3-hyperparameters.yaml"));
    /** C3's choices for the single-label task of the same digits and source. */
    private static final String HP_TARGET = "digits-novel";
    private static final List<String> METHODS = List.of("fine-tuning", "l2-sp", "delta", "bss", "constant-frobenius",
            "layer-wise");
    private static final String TASK = Design.MULTI_LABEL.targets().get(0);
    private static final double ALPHA = FILE.data().acceptance.alpha;
    private static final String PAPER = "the poster's ChestX-ray14 comparison (mean AUC; values not available offline)";

    /** C4's directions, judged together (Holm). */
    private static final DirectionFamily FAMILY = family();

    private static DirectionFamily family() {
        DirectionFamily f = new DirectionFamily("C4 directions", ALPHA);
        others().forEach(worse -> f.add(directionId(worse).toString(), null, ClaimSupport.gainTest(MultiLabelClaimIT::seeds,
                seed -> gain(worse, seed), ALPHA)));
        return f;
    }

    private static CellId directionId(String worse) {
        return CellId.direction("bench", "layer-wise", worse, TASK);
    }

    private static double gain(String worse, int seed) {
        return 100 * (MultiLabelRuns.shared().get(spec("layer-wise"), seed).testMeanAuc()
                - MultiLabelRuns.shared().get(spec(worse), seed).testMeanAuc());
    }

    private static int[] seeds() {
        return ClaimSupport.budget().seedList();
    }

    private static MethodSpec spec(String method) {
        return HP.chosen(HP_TARGET, method);
    }

    /** Starts every run this claim reads on the compute pool. */
    @BeforeAll
    static void startRuns() {
        ClaimSupport.onBenchScale(() -> {
            for (int seed : seeds()) {
                METHODS.forEach(m -> MultiLabelRuns.shared().start(spec(m), seed));
            }
        });
    }

    static Stream<String> methods() {
        return METHODS.stream();
    }

    @ParameterizedTest(name = "C4 bench · {0}")
    @MethodSource("methods")
    void cell(String method) {
        CellId id = ClaimSupport.begin(FILE, "C4", CellId.bench(TASK, method));
        SeedValues v = ClaimSupport.perSeed(seeds(), seed -> MultiLabelRuns.shared().get(spec(method), seed),
                r -> 100 * r.testMeanAuc(), "test mean AUC (%) of " + spec(method).id());
        Allure.addAttachment("C4 table", "text/markdown", table(), "md");
        ClaimSupport.checkCell(FILE, "C4", id, v);
    }

    static Stream<String> others() {
        return METHODS.stream().filter(m -> !m.equals("layer-wise"));
    }

    @ParameterizedTest(name = "C4 direction · {0}")
    @MethodSource("others")
    void direction(String worse) {
        CellId id = ClaimSupport.begin(FILE, "C4", directionId(worse));
        ClaimSupport.checkGain(FILE, "C4", id, FAMILY, "layer-wise beats " + worse + " in test mean AUC on the mosaics",
                "AUC points", seeds(), seed -> MultiLabelRuns.shared().get(spec("layer-wise"), seed),
                seed -> gain(worse, seed), PAPER, table());
    }

    static Stream<String> paperCells() {
        return ClaimSupport.paperCells(FILE);
    }

    @PaperCase
    @ParameterizedTest(name = "C4 paper · {0}")
    @MethodSource("paperCells")
    void paperCell(String id) {
        CellId cell = ClaimSupport.begin(FILE, "C4", CellId.parse(id));
        String dataset = cell.part(0);
        ExpectedResults.PaperValue paper = FILE.cell(id).paper;
        Ledger.Row provisional = PaperScale.provisionalRow("C4", id, paper);
        PaperScale.assumeAvailable(dataset);
        PaperRuns runs = PaperRuns.shared();
        PaperScale.assumeWeights(runs, PaperRuns.CHEST_NET, "pretrained");
        MethodParams params = PaperHyperparameters.multiLabel(dataset, cell.part(1));
        SeedValues v = ClaimSupport.perSeed(runs.budget().seedList(), seed -> runs.multiLabelRun(dataset, params, seed),
                r -> 100 * r.testMeanAuc(), "test mean AUC (%)");
        PaperScale.check(FILE, "C4", id, paper, provisional, v, runs.budget(), PaperRuns.CHEST_NET, ALPHA);
    }

    /** Methods x (mean AUC, per-finding AUC of seed 0), mean ± std over seeds. */
    private static String table() {
        StringBuilder sb = new StringBuilder("| method | configuration | test mean AUC (%) | per finding, seed 0 |\n"
                + "|---|---|---|---|\n");
        for (String m : METHODS) {
            double[] auc = Arrays.stream(seeds()).mapToDouble(s -> 100 * MultiLabelRuns.shared().get(spec(m), s)
                    .testMeanAuc()).toArray();
            MultiLabelRun first = MultiLabelRuns.shared().get(spec(m), seeds()[0]);
            sb.append("| ").append(m).append(" | ").append(spec(m).id()).append(" | ").append(Format.values(auc))
                    .append(" | ").append(Arrays.toString(Arrays.stream(first.testAuc()).map(a -> Math.round(a * 1e4)
                            / 1e2).toArray())).append(" |\n");
        }
        return sb.toString();
    }
}
