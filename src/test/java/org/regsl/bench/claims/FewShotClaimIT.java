package org.regsl.bench.claims;

import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.DirectionFamily;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.experiment.EpisodeRun;
import org.regsl.bench.experiment.FewShotHyperparameters;
import org.regsl.bench.experiment.FewShotProtocol;
import org.regsl.bench.experiment.FewShotRuns;
import org.regsl.bench.experiment.PaperFewShotRuns;
import org.regsl.bench.experiment.PaperHyperparameters;
import org.regsl.bench.experiment.PaperRuns;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.report.Ledger;

/**
 * C8, "the layer-wise constraint helps few-shot fine-tuning" (the poster's extension: ResNet-12 over 600
 * meta-test splits of miniImageNet, +0.75 % in the abstract). Bench: 5-way 1- and 5-shot episodes of QuickDraw's
 * 20 novel categories, the ResNet-12 pretrained on its 64 base categories; per episode, on the same support and
 * query sets, fine-tuning, fine-tuning under the layer-wise constraint and RFS's logistic regression on frozen
 * features. Cells hold the per-episode query accuracies; the directions compare the constraint with the better
 * baseline of each shot count, paired by episode.
 */
@Epic(ClaimSupport.EPIC)
@ClaimTest
@Feature("Few-shot classification (miniImageNet, ResNet-12)")
@Story("C8")
@DisplayName("C8 few-shot")
class FewShotClaimIT {

    private static final ExpectedResultsFile FILE = ClaimSupport.load("c8-few-shot.yaml");
    private static final double ALPHA = FILE.data().acceptance.alpha;
    private static final List<String> BASELINES = List.of("fine-tuning", FewShotRuns.RFS);

    private static volatile FewShotHyperparameters hp;

    /**
     * C8's directions, judged together (Holm): per shot count, the constraint beats the better baseline (the
     * issue's direction) and beats plain fine-tuning (the constraint's own share: the same fine-tuning with and
     * without it).
     */
    private static final DirectionFamily FAMILY = family();

    private static DirectionFamily family() {
        DirectionFamily f = new DirectionFamily("C8 directions", ALPHA);
        for (int shots : FewShotProtocol.BENCH.shots()) {
            f.add(directionId(shots).toString(), null, ClaimSupport.gainTest(FewShotClaimIT::episodes,
                    e -> gain(shots, e), ALPHA));
            f.add(fineTuningId(shots).toString(), null, ClaimSupport.gainTest(FewShotClaimIT::episodes,
                    e -> gainOverFineTuning(shots, e), ALPHA));
        }
        return f;
    }

    private static CellId directionId(int shots) {
        return CellId.direction("bench", "layer-wise", "best-baseline", shots + "-shot");
    }

    private static CellId fineTuningId(int shots) {
        return CellId.direction("bench", "layer-wise", "fine-tuning", shots + "-shot");
    }

    private static double gainOverFineTuning(int shots, int episode) {
        return accuracy(shots, "layer-wise", episode) - accuracy(shots, "fine-tuning", episode);
    }

    private static FewShotHyperparameters hp() {
        if (hp == null) {
            hp = FewShotHyperparameters.bench();
        }
        return hp;
    }

    private static int[] episodes() {
        return FewShotRuns.shared().protocol().testIndices();
    }

    private static EpisodeRun run(int shots, String method, int episode) {
        FewShotHyperparameters.Choice c = hp().of(shots);
        return FewShotRuns.shared().get("novel", shots, episode, hp().params(method, shots), c.steps(), c.lr());
    }

    private static double accuracy(int shots, String method, int episode) {
        return 100 * run(shots, method, episode).queryAccuracy();
    }

    private static double mean(int shots, String method) {
        return Arrays.stream(episodes()).mapToDouble(e -> accuracy(shots, method, e)).average().orElseThrow();
    }

    /**
     * The better baseline of a shot count: the one with the higher mean query accuracy over the test episodes (the
     * comparison is then against the strongest opponent, which can only make "holds" harder).
     */
    private static String bestBaseline(int shots) {
        return BEST.computeIfAbsent(shots, k -> better(b -> mean(k, b)));
    }

    /** The baseline with the higher {@code mean} (both scales' directions compare with it). */
    private static String better(java.util.function.ToDoubleFunction<String> mean) {
        return BASELINES.stream().max(java.util.Comparator.comparingDouble(mean)).orElseThrow();
    }

    /** The better baseline per shot count, chosen once (every episode's gain reads it). */
    private static final java.util.Map<Integer, String> BEST = new java.util.concurrent.ConcurrentHashMap<>();

    private static double gain(int shots, int episode) {
        return accuracy(shots, "layer-wise", episode) - accuracy(shots, bestBaseline(shots), episode);
    }

    /** Starts every run this claim reads on the compute pool. */
    @BeforeAll
    static void startRuns() {
        ClaimSupport.onBenchScale(() -> {
            for (int shots : FewShotRuns.shared().protocol().shots()) {
                FewShotHyperparameters.Choice c = hp().of(shots);
                for (int e : episodes()) {
                    for (String m : FewShotRuns.METHODS) {
                        FewShotRuns.shared().start("novel", shots, e, hp().params(m, shots), c.steps(), c.lr());
                    }
                }
            }
        });
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (int shots : FewShotProtocol.BENCH.shots()) {
            for (String m : FewShotRuns.METHODS) {
                out.add(Arguments.of(m, shots));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "C8 bench · {0} · 5-way {1}-shot")
    @MethodSource("cells")
    void cell(String method, int shots) {
        CellId id = ClaimSupport.begin(FILE, "C8", CellId.bench(shots + "-shot", method));
        SeedValues v = ClaimSupport.perSeed(episodes(), e -> run(shots, method, e), r -> 100 * r.queryAccuracy(),
                "query accuracy (%) of " + method + " on a 5-way " + shots + "-shot episode");
        Allure.addAttachment("C8 table", "text/markdown", table(), "md");
        ClaimSupport.checkCell(FILE, "C8", id, v);
    }

    static Stream<Integer> shots() {
        return FewShotProtocol.BENCH.shots().stream();
    }

    @ParameterizedTest(name = "C8 direction · 5-way {0}-shot · layer-wise > best baseline")
    @MethodSource("shots")
    void direction(int shots) {
        CellId id = ClaimSupport.begin(FILE, "C8", directionId(shots));
        String best = bestBaseline(shots);
        ClaimSupport.checkGain(FILE, "C8", id, FAMILY, "the layer-wise constraint beats the better baseline (" + best
                + ") on 5-way " + shots + "-shot episodes, paired by episode", "points", episodes(),
                e -> run(shots, "layer-wise", e), e -> gain(shots, e), "+0.75 % (abstract: fine-tuning ResNet-12 over"
                        + " 600 meta-test splits of miniImageNet; per shot count not available offline)", table());
    }

    @ParameterizedTest(name = "C8 direction · 5-way {0}-shot · layer-wise > fine-tuning")
    @MethodSource("shots")
    void overFineTuning(int shots) {
        CellId id = ClaimSupport.begin(FILE, "C8", fineTuningId(shots));
        ClaimSupport.checkGain(FILE, "C8", id, FAMILY, "the layer-wise constraint beats plain fine-tuning on 5-way "
                + shots + "-shot episodes, paired by episode", "points", episodes(), e -> run(shots, "layer-wise", e),
                e -> gainOverFineTuning(shots, e), "+0.75 % (abstract; the baseline it is measured against is not"
                        + " stated offline)", table());
    }

    static Stream<String> paperCells() {
        return ClaimSupport.paperCells(FILE);
    }

    /** The shot count of a paper id's part {@code k}-shot. */
    private static int shotsOf(String part) {
        return Integer.parseInt(part.replace("-shot", ""));
    }

    /** Skips unless the paper scale, miniImageNet, a device, the pretrained ResNet-12 and the values are present. */
    private static PaperFewShotRuns paperGuards(int shots) {
        PaperScale.assumeAvailable(PaperFewShotRuns.DATASET);
        org.junit.jupiter.api.Assumptions.assumeTrue(PaperHyperparameters.hasFewShot(shots), () -> "hyper-parameters"
                + " missing: " + PaperHyperparameters.FILE + " has no field 'few-shot." + shots + "-shot'");
        PaperScale.assumeWeights(PaperRuns.shared(), PaperFewShotRuns.NET, "pretrained");
        return PaperFewShotRuns.shared();
    }

    private static EpisodeRun paperRun(PaperFewShotRuns runs, int shots, String method, int episode) {
        return runs.get(shots, episode, method, PaperHyperparameters.fewShot(shots));
    }

    /**
     * A C8 paper cell ({@code paper/resnet12/mini-imagenet/<k>-shot/<method>}): the method's query accuracy on each
     * of the budget's test episodes (600 at the paper budget), checked as {@link PaperScale#check} checks (the
     * paper's table is absent offline, so a record of this budget is the reference).
     */
    @PaperCase
    @ParameterizedTest(name = "C8 paper · {0}")
    @MethodSource("paperCells")
    void paperCell(String id) {
        CellId cell = ClaimSupport.begin(FILE, "C8", CellId.parse(id));
        int shots = shotsOf(cell.part(2));
        String method = cell.part(3);
        ExpectedResults.PaperValue paper = FILE.cell(id).paper;
        Ledger.Row provisional = PaperScale.provisionalRow("C8", id, paper);
        PaperFewShotRuns runs = paperGuards(shots);
        SeedValues v = ClaimSupport.perSeed(runs.protocol().testIndices(), e -> paperRun(runs, shots, method, e),
                r -> 100 * r.queryAccuracy(), "query accuracy (%) of " + method + " on a 5-way " + shots
                        + "-shot miniImageNet episode");
        PaperScale.check(FILE, "C8", id, paper, provisional, v, runs.budget(), PaperFewShotRuns.NET, ALPHA);
    }

    static Stream<String> paperDirections() {
        return ClaimSupport.paperDirections(FILE);
    }

    /**
     * The abstract's direction at paper scale, per shot count: per episode, the layer-wise constraint's query
     * accuracy minus the better baseline's (the higher mean over the test episodes); at the paper budget the gain
     * must be above zero, and the ledger says whether its interval contains the abstract's +0.75.
     */
    @PaperCase
    @ParameterizedTest(name = "C8 paper direction · {0}")
    @MethodSource("paperDirections")
    void paperDirection(String id) {
        CellId cell = ClaimSupport.begin(FILE, "C8", CellId.parse(id));
        int shots = shotsOf(cell.part(2));
        ExpectedResults.PaperValue paper = FILE.direction(id).paperValue;
        Ledger.Row provisional = PaperScale.provisionalRow("C8", id, paper);
        PaperFewShotRuns runs = paperGuards(shots);
        int[] episodes = runs.protocol().testIndices();
        String best = better(b -> Arrays.stream(episodes).mapToDouble(e -> paperRun(runs, shots, b, e).queryAccuracy())
                .average().orElseThrow());
        Allure.parameter("better baseline", best);
        SeedValues gains = ClaimSupport.perSeed(episodes, e -> paperRun(runs, shots, "layer-wise", e),
                r -> 100 * (r.queryAccuracy() - paperRun(runs, shots, best, r.episode()).queryAccuracy()),
                "gain (points) of the layer-wise constraint over " + best);
        PaperScale.checkGain("C8", id, paper, provisional, gains, runs.budget(), PaperFewShotRuns.NET, ALPHA);
    }

    /** Per shot count and method: mean query accuracy with its 95 % interval over the episodes. */
    private static String table() {
        StringBuilder sb = new StringBuilder("| shots | method | mean query accuracy (%) | 95 % CI |\n|---|---|---|---|\n");
        for (int shots : FewShotRuns.shared().protocol().shots()) {
            for (String m : FewShotRuns.METHODS) {
                double[] a = Arrays.stream(episodes()).mapToDouble(e -> accuracy(shots, m, e)).toArray();
                double half = new org.apache.commons.math3.distribution.TDistribution(a.length - 1)
                        .inverseCumulativeProbability(0.975) * Statistics.std(a) / Math.sqrt(a.length);
                sb.append(String.format(Locale.ROOT, "| %d | %s | %.2f | [%.2f, %.2f] |%n", shots, m,
                        Statistics.mean(a), Statistics.mean(a) - half, Statistics.mean(a) + half));
            }
        }
        return sb.append("\n5-way episodes with 15 queries per category from QuickDraw's 20 novel categories, ")
                .append(episodes().length).append(" per shot count; the same support and query sets for every method.\n")
                .toString();
    }
}
