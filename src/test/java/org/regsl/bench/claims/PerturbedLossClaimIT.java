package org.regsl.bench.claims;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.DirectionFamily;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.data.BenchTasks;
import org.regsl.bench.experiment.BenchRuns;
import org.regsl.bench.experiment.Design;
import org.regsl.bench.experiment.FineTuneRun;
import org.regsl.bench.experiment.MethodSpec;
import org.regsl.bench.experiment.PaperRuns;
import org.regsl.bench.experiment.SourceKind;
import org.regsl.bench.measure.PerturbedLoss;
import org.regsl.bench.report.Format;
import org.regsl.bench.report.Ledger;

/**
 * C1, the poster's perturbed-loss tables: E_U[l(f_{W+U})] after fine-tuning from a random, a
 * standard-pretrained and an adversarially pretrained initialization, at sigma 1e-2, 1e-3, 1e-4.
 * One case per table cell (bench: both targets; paper: CUB-200-2011 and MIT-Indoor), plus the
 * paper's directions checked at bench scale.
 */
@Epic(ClaimSupport.EPIC)
@ClaimTest
@Feature("Perturbed loss (poster tables, CUB-200-2011 and Indoor)")
@Story("C1")
@DisplayName("C1 perturbed loss")
class PerturbedLossClaimIT {

    private static final ExpectedResultsFile FILE = ClaimSupport.load("c1-perturbed-loss.yaml");
    private static final double ALPHA = FILE.data().acceptance.alpha;
    /** The poster's directions of C1, judged together (Holm). */
    private static final DirectionFamily FAMILY = family();

    /** Starts every bench run this claim reads on the compute pool (C2 reads the standard ones too). */
    @BeforeAll
    static void startRuns() {
        ClaimSupport.onBenchScale(() -> {
            BenchRuns runs = BenchRuns.shared();
            for (int seed : ClaimSupport.budget().seedList()) {
                for (String target : BenchTasks.TARGETS) {
                    for (SourceKind kind : SourceKind.values()) {
                        runs.start(Design.PILOT, kind, target, seed, MethodSpec.FINE_TUNING);
                    }
                }
            }
        });
    }

    static Stream<Arguments> benchCells() {
        List<Arguments> out = new ArrayList<>();
        for (String target : BenchTasks.TARGETS) {
            for (SourceKind source : SourceKind.values()) {
                for (double sigma : BenchRuns.SIGMAS) {
                    out.add(Arguments.of(target, source.id(), Format.sigma(sigma)));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "C1 bench · {0} · {1} · sigma {2}")
    @MethodSource("benchCells")
    void benchCell(String target, String source, String sigma) {
        CellId id = ClaimSupport.begin(FILE, "C1", cellId(target, source, sigma));
        double s = Double.parseDouble(sigma);
        SourceKind kind = SourceKind.of(source);
        BenchRuns runs = BenchRuns.shared();
        SeedValues v = ClaimSupport.perSeed(seed -> runs.get(kind, target, seed), r -> r.at(s).perturbedLoss(),
                "perturbed loss E_U[l(f_{W+U})]");
        Allure.addAttachment("perturbed-loss table " + target + " " + source, "text/markdown",
                table(runs, kind, target), "md");
        ClaimSupport.checkCell(FILE, "C1", id, v);
    }

    static Stream<Arguments> directions() {
        List<Arguments> out = new ArrayList<>();
        for (String target : BenchTasks.TARGETS) {
            for (double sigma : BenchRuns.SIGMAS) {
                out.add(Arguments.of(target, Format.sigma(sigma), "standard", "random"));
                out.add(Arguments.of(target, Format.sigma(sigma), "adversarial", "standard"));
            }
        }
        return out.stream();
    }

    private static DirectionFamily family() {
        DirectionFamily f = new DirectionFamily("C1 directions", ALPHA);
        directions().forEach(a -> {
            Object[] x = a.get();
            String target = (String) x[0];
            String sigma = (String) x[1];
            String lower = (String) x[2];
            String higher = (String) x[3];
            f.add(directionId(target, sigma, lower, higher).toString(), null, () -> Statistics.lessPaired(
                    losses(lower, target, sigma), losses(higher, target, sigma), ALPHA));
        });
        return f;
    }

    private static CellId directionId(String target, String sigma, String lower, String higher) {
        return CellId.bench(target, "sigma=" + sigma, lower + "<" + higher);
    }

    private static double[] losses(String source, String target, String sigma) {
        double s = Double.parseDouble(sigma);
        return java.util.Arrays.stream(ClaimSupport.budget().seedList()).mapToDouble(seed -> BenchRuns.shared()
                .get(SourceKind.of(source), target, seed).at(s).perturbedLoss()).toArray();
    }

    @ParameterizedTest(name = "C1 direction · {0} · sigma {1} · {2} < {3}")
    @MethodSource("directions")
    void direction(String target, String sigma, String lower, String higher) {
        CellId id = ClaimSupport.begin(FILE, "C1", directionId(target, sigma, lower, higher));
        double s = Double.parseDouble(sigma);
        BenchRuns runs = BenchRuns.shared();
        SeedValues a = ClaimSupport.perSeed(seed -> runs.get(SourceKind.of(lower), target, seed),
                r -> r.at(s).perturbedLoss(), lower + " perturbed loss");
        SeedValues b = ClaimSupport.perSeed(seed -> runs.get(SourceKind.of(higher), target, seed),
                r -> r.at(s).perturbedLoss(), higher + " perturbed loss");
        String paper = lower.equals("standard")
                ? "Pre-trained < Random at every sigma on CUB-200-2011 and Indoor (poster)"
                : "Adversarial < Pre-trained at sigma 1e-3 and 1e-4 on both, and at 1e-2 on Indoor (poster)";
        String details = String.format("%s: %s%n%s: %s%nincrease over l(f_W): %s %s, %s %s%neffect: how much lower"
                + " the %s loss is (paired over seeds)", lower, Format.values(a.values()), higher,
                Format.values(b.values()), lower, Format.values(increases(runs, lower, target, s)), higher,
                Format.values(increases(runs, higher, target, s)), lower);
        ClaimSupport.checkDirection(FILE, "C1", id,
                "perturbed loss after fine-tuning from " + lower + " is lower than from " + higher + " (" + target
                        + ", sigma " + sigma + ")", paper, FAMILY, details, a.seeds());
    }

    static Stream<String> paperCells() {
        return ClaimSupport.paperCells(FILE);
    }

    @PaperCase
    @ParameterizedTest(name = "C1 paper · {0}")
    @MethodSource("paperCells")
    void paperCell(String id) {
        CellId cell = ClaimSupport.begin(FILE, "C1", CellId.parse(id)); // paper/<dataset>/<init>/sigma=<s>
        String dataset = cell.part(0);
        String init = cell.part(1);
        double sigma = Double.parseDouble(cell.part(2).substring("sigma=".length()));
        ExpectedResults.PaperValue paper = FILE.cell(id).paper;
        Ledger.Row provisional = PaperScale.provisionalRow("C1", id, paper);
        PaperScale.assumeAvailable(dataset);
        PaperRuns runs = PaperRuns.shared();
        String net = runs.budget().perturbedLossNet();
        PaperScale.assumeWeights(runs, net, init);
        SeedValues v = ClaimSupport.perSeed(runs.budget().seedList(), seed -> runs.perturbedLossRun(dataset, init, seed),
                r -> r.at(sigma).perturbedLoss(), "perturbed loss E_U[l(f_{W+U})]");
        for (double x : v.values()) {
            assertTrue(x > 0, "a perturbed cross-entropy is positive: " + x);
        }
        PaperScale.check(FILE, "C1", id, paper, provisional, v, runs.budget(), net, ALPHA);
    }

    static CellId cellId(String target, String source, String sigma) {
        return CellId.bench(target, source, "sigma=" + sigma);
    }

    private static double[] increases(BenchRuns runs, String source, String target, double sigma) {
        return java.util.Arrays.stream(ClaimSupport.budget().seedList())
                .mapToDouble(seed -> runs.get(SourceKind.of(source), target, seed).at(sigma).increase()).toArray();
    }

    /** The perturbed-loss table of one (source, target): one row per seed and sigma. */
    private static String table(BenchRuns runs, SourceKind kind, String target) {
        StringBuilder sb = new StringBuilder("| seed | sigma | l(f_W) | E_U[l(f_{W+U})] | increase | std of increase"
                + " (n - 1) | np.std of increase (n) | draws | samples |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int seed : ClaimSupport.budget().seedList()) {
            FineTuneRun r = runs.get(kind, target, seed);
            for (PerturbedLoss.Result p : r.perturbed()) {
                sb.append(String.format(Locale.ROOT, "| %d | %s | %.6f | %.6f | %.3e | %.3e | %.3e | %d | %d |%n", seed,
                        Format.sigma(p.sigma()), p.loss(), p.perturbedLoss(), p.increase(), p.increaseStd(),
                        p.increasePopStd(), p.draws(), p.samples()));
            }
        }
        return sb.toString();
    }
}
