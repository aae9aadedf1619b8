package org.regsl.bench.claims;

import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.DirectionFamily;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.data.text.SentEvalTasks;
import org.regsl.bench.experiment.FineTuneRun;
import org.regsl.bench.experiment.PaperTextRuns;
import org.regsl.bench.experiment.SourceKind;
import org.regsl.bench.experiment.TextHyperparameters;
import org.regsl.bench.experiment.TextRuns;
import org.regsl.bench.report.Format;

/**
 * C9, "the layer-wise constraint helps transfer in sentence classification" (the poster's extension: three-layer
 * MLPs on SST, MR, CR, MPQA, SUBJ and TREC; no number offline). Bench: frozen MiniLM sentence embeddings of npm
 * text sets, the MLP pretrained on State of the Union eras and fine-tuned on the targets the design study found
 * the source helps ({@code c9-hyperparameters.yaml}) with plain fine-tuning, L2-SP, the constant and the layer-wise
 * constraint; per target a cell per method, and an Average column when there is more than one target (with one,
 * it would repeat the target's cell). Directions: layer-wise beats fine-tuning and the constant constraint, per
 * target and on the average, paired by seed, judged together (Holm). Paper scale: SentEval's six tasks by its
 * protocols ({@link PaperTextRuns}), a cell per task and method and the average gains over the six; values absent.
 */
@Epic(ClaimSupport.EPIC)
@ClaimTest
@Feature("Sentence classification (SST, MR, CR, MPQA, SUBJ, TREC; three-layer MLPs)")
@Story("C9")
@DisplayName("C9 sentence classification")
class TextClaimIT {

    private static final ExpectedResultsFile FILE = ClaimSupport.load("c9-text.yaml");
    private static final double ALPHA = FILE.data().acceptance.alpha;
    private static final TextHyperparameters HP = TextHyperparameters.bench();
    private static final String AVERAGE = "average";
    /** The methods the layer-wise constraint is compared with. */
    private static final List<String> OPPONENTS = List.of("fine-tuning", "constant-frobenius");
    private static final String PAPER = "the poster names the setting (three-layer MLPs on SST, MR, CR, MPQA, SUBJ and"
            + " TREC) without a number offline";

    /** C9's directions, judged together (Holm). */
    private static final DirectionFamily FAMILY = family();

    private static DirectionFamily family() {
        DirectionFamily f = new DirectionFamily("C9 directions", ALPHA);
        directions().forEach(a -> {
            String opponent = (String) a.get()[0];
            String column = (String) a.get()[1];
            f.add(directionId(opponent, column).toString(), null, ClaimSupport.gainTest(
                    () -> ClaimSupport.budget().seedList(), seed -> gain(opponent, column, seed), ALPHA));
        });
        return f;
    }

    /** The table's columns: the targets, then the Average when there is more than one. */
    private static List<String> columns() {
        List<String> out = new ArrayList<>(HP.targets());
        if (HP.targets().size() > 1) {
            out.add(AVERAGE);
        }
        return out;
    }

    private static CellId directionId(String opponent, String column) {
        return CellId.direction("bench", "layer-wise", opponent, column);
    }

    /** Starts every run this claim reads (methods x targets x seeds) on the compute pool. */
    @BeforeAll
    static void startRuns() {
        ClaimSupport.onBenchScale(() -> {
            for (int seed : ClaimSupport.budget().seedList()) {
                for (String target : HP.targets()) {
                    for (String method : TextRuns.METHODS) {
                        TextRuns.shared().start(target, SourceKind.STANDARD, HP.labelsPerClass(), HP.epochs(),
                                HP.params(target, method), seed);
                    }
                }
            }
        });
    }

    private static FineTuneRun run(String target, String method, int seed) {
        return TextRuns.shared().get(target, SourceKind.STANDARD, HP.labelsPerClass(), HP.epochs(),
                HP.params(target, method), seed);
    }

    /** Test accuracy (%) of {@code method} in {@code column} (a target, or the mean over the targets). */
    private static double accuracy(String column, String method, int seed) {
        if (column.equals(AVERAGE)) {
            return HP.targets().stream().mapToDouble(t -> accuracy(t, method, seed)).average().orElseThrow();
        }
        return 100 * run(column, method, seed).testAccuracy();
    }

    private static double gain(String opponent, String column, int seed) {
        return accuracy(column, "layer-wise", seed) - accuracy(column, opponent, seed);
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (String method : TextRuns.METHODS) {
            for (String column : columns()) {
                out.add(Arguments.of(method, column));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "C9 bench · {0} · {1}")
    @MethodSource("cells")
    void cell(String method, String column) {
        CellId id = ClaimSupport.begin(FILE, "C9", CellId.bench(column, method));
        String first = HP.targets().get(0);
        SeedValues v = ClaimSupport.perSeed(seed -> run(column.equals(AVERAGE) ? first : column, method, seed),
                r -> accuracy(column, method, r.seed()), "test accuracy (%) of " + method + (column.equals(AVERAGE)
                        ? " averaged over " + HP.targets() : " on " + column + " (" + HP.params(column, method)
                                .values() + ")"));
        Allure.addAttachment("C9 table", "text/markdown", table(), "md");
        ClaimSupport.checkCell(FILE, "C9", id, v);
    }

    static Stream<Arguments> directions() {
        List<Arguments> out = new ArrayList<>();
        for (String column : columns()) {
            for (String opponent : OPPONENTS) {
                out.add(Arguments.of(opponent, column));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "C9 direction · {1} · layer-wise > {0}")
    @MethodSource("directions")
    void direction(String opponent, String column) {
        CellId id = ClaimSupport.begin(FILE, "C9", directionId(opponent, column));
        String first = HP.targets().get(0);
        ClaimSupport.checkGain(FILE, "C9", id, FAMILY, "the layer-wise constraint beats " + opponent + " in test"
                + " accuracy on " + (column.equals(AVERAGE) ? "average over " + HP.targets() : column) + ", paired by"
                        + " seed", "points", ClaimSupport.budget().seedList(), seed -> run(column.equals(AVERAGE)
                                ? first : column, "layer-wise", seed), seed -> gain(opponent, column, seed), PAPER,
                table());
    }

    static Stream<String> paperCells() {
        return ClaimSupport.paperCells(FILE);
    }

    /** Skips unless the paper scale, SentEval under REGSL_DATA and a device are present. */
    private static PaperTextRuns paperGuards() {
        PaperScale.assumeAvailable(PaperTextRuns.DATASET);
        return PaperTextRuns.shared();
    }

    /**
     * A C9 paper cell ({@code paper/mlp/<task>/<method>}): per seed, the method's test accuracy on the SentEval task
     * (the mean over its ten folds for MR, CR, SUBJ and MPQA), checked as {@link PaperScale#check} checks (the
     * paper prints no value offline, so a record of this budget is the reference).
     */
    @PaperCase
    @ParameterizedTest(name = "C9 paper · {0}")
    @MethodSource("paperCells")
    void paperCell(String id) {
        CellId cell = ClaimSupport.begin(FILE, "C9", CellId.parse(id));
        String task = cell.part(1);
        String method = cell.part(2);
        org.regsl.bench.claim.ExpectedResults.PaperValue paper = FILE.cell(id).paper;
        org.regsl.bench.report.Ledger.Row provisional = PaperScale.provisionalRow("C9", id, paper);
        PaperTextRuns runs = paperGuards();
        startPaper(runs, List.of(task));
        SeedValues v = ClaimSupport.perSeed(runs.budget().seedList(), seed -> runs.get(task, method, 0, seed),
                r -> runs.accuracy(task, method, r.seed()), "test accuracy (%) of " + method + " on SentEval " + task
                        + " (mean over " + SentEvalTasks.splits(task) + " split(s); values of bench target "
                        + runs.valuesFrom() + ")");
        PaperScale.check(FILE, "C9", id, paper, provisional, v, runs.budget(), PaperTextRuns.NET, ALPHA);
    }

    /** Starts every paper run of {@code tasks} (methods x splits x seeds) on the compute pool. */
    private static void startPaper(PaperTextRuns runs, List<String> tasks) {
        for (int seed : runs.budget().seedList()) {
            for (String task : tasks) {
                for (String method : TextRuns.METHODS) {
                    for (int k = 0; k < SentEvalTasks.splits(task); k++) {
                        runs.start(task, method, k, seed);
                    }
                }
            }
        }
    }

    static Stream<String> paperDirections() {
        return ClaimSupport.paperDirections(FILE);
    }

    /**
     * The text direction at paper scale ({@code paper/average/layer-wise>worse}): per seed, layer-wise's test
     * accuracy minus the other method's, averaged over the six SentEval tasks (every one must be present).
     */
    @PaperCase
    @ParameterizedTest(name = "C9 paper direction · {0}")
    @MethodSource("paperDirections")
    void paperAverageGain(String id) {
        CellId cell = ClaimSupport.begin(FILE, "C9", CellId.parse(id));
        String[] pair = cell.part(1).split(">");
        org.regsl.bench.claim.ExpectedResults.PaperValue paper = FILE.direction(id).paperValue;
        org.regsl.bench.report.Ledger.Row provisional = PaperScale.provisionalRow("C9", id, paper);
        PaperTextRuns runs = paperGuards();
        startPaper(runs, PaperTextRuns.TASKS);
        SeedValues gains = ClaimSupport.perSeed(runs.budget().seedList(), seed -> runs.get(PaperTextRuns.TASKS.get(0),
                pair[0], 0, seed), r -> PaperTextRuns.TASKS.stream().mapToDouble(t -> runs.accuracy(t, pair[0],
                        r.seed()) - runs.accuracy(t, pair[1], r.seed())).average().orElseThrow(), "average gain"
                                + " (points) of " + pair[0] + " over " + pair[1] + " on " + PaperTextRuns.TASKS);
        PaperScale.checkGain("C9", id, paper, provisional, gains, runs.budget(), PaperTextRuns.NET, ALPHA);
    }

    /** Methods x columns, mean ± std over seeds, with the design. */
    static String table() {
        StringBuilder sb = new StringBuilder("Bench design: " + HP.labelsPerClass() + " labels per class, "
                + HP.epochs() + " epochs, source sotu-era, encoder " + org.regsl.bench.data.text.TextTasks.encoder()
                + "\n\n| method |");
        columns().forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|");
        columns().forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (String m : TextRuns.METHODS) {
            sb.append("| ").append(m).append(" |");
            for (String c : columns()) {
                double[] acc = Arrays.stream(ClaimSupport.budget().seedList()).mapToDouble(s -> accuracy(c, m, s))
                        .toArray();
                sb.append(' ').append(Format.values(acc)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
