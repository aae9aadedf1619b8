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
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.method.Methods;
import org.regsl.bench.noise.NoiseSetting;
import org.regsl.bench.experiment.NoisyRuns;
import org.regsl.bench.experiment.PaperRuns;
import org.regsl.bench.report.Ledger;
import org.regsl.bench.report.Format;

/**
 * C5, "REGSL under label noise": REGSL against every baseline in the two settings of the paper
 * (independent 20 % and correlated noise) with an Average column, the average gain over the
 * baselines with its confidence interval against the paper's +3.56, and the official README
 * table's analog (REGSL against fine-tuning at 20/40/60/80 % independent noise).
 */
@Epic(ClaimSupport.EPIC)
@ClaimTest
@Feature("Robustness to label noise (MIT-Indoor, ResNet-18)")
@Story("C5")
@DisplayName("C5 label noise")
class LabelNoiseClaimIT {

    private static final ExpectedResultsFile FILE = ClaimSupport.load("c5-label-noise.yaml");
    private static final double ALPHA = FILE.data().acceptance.alpha;
    private static final String AVERAGE = "average";
    private static final List<Integer> README_RATES = List.of(20, 40, 60, 80);
    private static final List<String> C5_METHODS = Stream.concat(Stream.of("regsl"), Methods.NOISE_BASELINES.stream())
            .toList();
    private static final String PAPER_GAIN = "+3.56 % average test accuracy over the baselines in two noisy-label"
            + " settings (MIT-Indoor, ResNet-18; abstract); per-baseline numbers not available offline";

    /** C5's directions (the poster's average gains and the README analog), judged together (Holm). */
    private static final DirectionFamily FAMILY = family();

    private static DirectionFamily family() {
        DirectionFamily f = new DirectionFamily("C5 directions", ALPHA);
        baselines().forEach(b -> f.add(averageId(b).toString(), b.equals("mean-of-baselines") ? PAPER_GAIN_POINTS : null,
                ClaimSupport.gainTest(LabelNoiseClaimIT::seeds, seed -> averageGain(b, seed), ALPHA)));
        rates().forEach(rate -> {
            NoiseSetting s = NoiseSetting.independent(rate / 100.0);
            f.add(readmeId(s).toString(), readmePaperGain(s), ClaimSupport.gainTest(LabelNoiseClaimIT::seeds, seed ->
                    NoiseSupport.accuracy(s, "regsl", seed) - NoiseSupport.accuracy(s, "fine-tuning", seed), ALPHA));
        });
        return f;
    }

    /** The poster's +3.56 (points). */
    private static final double PAPER_GAIN_POINTS = 3.56;

    private static CellId averageId(String baseline) {
        return CellId.direction("bench", "regsl", baseline, AVERAGE);
    }

    private static CellId readmeId(NoiseSetting s) {
        return CellId.direction("bench", "regsl", "fine-tuning", s.id());
    }

    private static double averageGain(String baseline, int seed) {
        return NoiseSupport.average("regsl", seed) - baselineAverage(baseline, seed);
    }

    /** REGSL minus fine-tuning in the paper cells of {@code s}, or null when one is absent. */
    private static Double readmePaperGain(NoiseSetting s) {
        ExpectedResults.PaperValue r = FILE.cell(CellId.paper("mit-indoor-67", s.id(), "regsl").toString()).paper;
        ExpectedResults.PaperValue f = FILE.cell(CellId.paper("mit-indoor-67", s.id(), "fine-tuning").toString()).paper;
        return r.mean == null || f.mean == null ? null : r.mean - f.mean;
    }

    private static int[] seeds() {
        return ClaimSupport.budget().seedList();
    }

    /** Starts every run this claim reads (methods x settings, and the README analog's rates) on the compute pool. */
    @BeforeAll
    static void startRuns() {
        ClaimSupport.onBenchScale(() -> {
            for (int seed : seeds()) {
                for (String method : C5_METHODS) {
                    NoiseSupport.SETTINGS.forEach(s -> NoisyRuns.shared().start(s, method, seed));
                }
                for (int rate : README_RATES) {
                    for (String method : List.of("regsl", "fine-tuning")) {
                        NoisyRuns.shared().start(NoiseSetting.independent(rate / 100.0), method, seed);
                    }
                }
            }
        });
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (String method : C5_METHODS) {
            for (NoiseSetting s : NoiseSupport.SETTINGS) {
                out.add(Arguments.of(method, s.id()));
            }
            out.add(Arguments.of(method, AVERAGE));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "C5 bench · {0} · {1}")
    @MethodSource("cells")
    void cell(String method, String setting) {
        CellId id = ClaimSupport.begin(FILE, "C5", CellId.bench(setting, method));
        SeedValues v;
        if (setting.equals(AVERAGE)) {
            v = ClaimSupport.perSeed(seeds(), seed -> NoiseSupport.run(NoiseSupport.SETTINGS.get(0), method, seed),
                    r -> NoiseSupport.average(method, r.seed()), "test accuracy (%) averaged over both settings");
            Allure.addAttachment("C5 table", "text/markdown", table(), "md");
        } else {
            NoiseSetting s = NoiseSetting.of(setting);
            v = ClaimSupport.perSeed(seeds(), seed -> NoiseSupport.run(s, method, seed), r -> 100 * r.testAccuracy(),
                    "test accuracy (%) under " + setting + " noise");
            NoiseSupport.attachLabelCharts(s, method, seeds());
        }
        ClaimSupport.checkCell(FILE, "C5", id, v);
    }

    static Stream<String> baselines() {
        return Stream.concat(Methods.NOISE_BASELINES.stream(), Stream.of("mean-of-baselines"));
    }

    @ParameterizedTest(name = "C5 direction · average · regsl > {0}")
    @MethodSource("baselines")
    void averageGain(String baseline) {
        CellId id = ClaimSupport.begin(FILE, "C5", averageId(baseline));
        String paper = baseline.equals("mean-of-baselines") ? PAPER_GAIN
                : "REGSL beats " + baseline + " in both settings (the paper's per-baseline numbers are not available"
                        + " offline)";
        ClaimSupport.checkGain(FILE, "C5", id, FAMILY, "REGSL beats " + baseline + " in test accuracy averaged over"
                + " both noise settings", "points", seeds(), seed -> NoiseSupport.run(NoiseSupport.SETTINGS.get(0),
                        "regsl", seed), seed -> averageGain(baseline, seed), paper, table());
    }

    private static double baselineAverage(String baseline, int seed) {
        if (!baseline.equals("mean-of-baselines")) {
            return NoiseSupport.average(baseline, seed);
        }
        return Methods.NOISE_BASELINES.stream().mapToDouble(b -> NoiseSupport.average(b, seed)).average().orElseThrow();
    }

    static Stream<Arguments> readmeCells() {
        List<Arguments> out = new ArrayList<>();
        for (int rate : README_RATES.subList(1, README_RATES.size())) {
            out.add(Arguments.of("regsl", rate));
            out.add(Arguments.of("fine-tuning", rate));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "C5 README table · {0} · independent {1} %")
    @MethodSource("readmeCells")
    void readmeCell(String method, int rate) {
        NoiseSetting s = NoiseSetting.independent(rate / 100.0);
        CellId id = ClaimSupport.begin(FILE, "C5", CellId.bench(s.id(), method));
        SeedValues v = ClaimSupport.perSeed(seeds(), seed -> NoiseSupport.run(s, method, seed),
                r -> 100 * r.testAccuracy(), "test accuracy (%) under " + s.id() + " noise");
        NoiseSupport.attachLabelCharts(s, method, seeds());
        ClaimSupport.checkCell(FILE, "C5", id, v);
    }

    @ParameterizedTest(name = "C5 README direction · independent {0} % · regsl > fine-tuning")
    @MethodSource("rates")
    void readmeDirection(int rate) {
        NoiseSetting s = NoiseSetting.independent(rate / 100.0);
        CellId id = ClaimSupport.begin(FILE, "C5", readmeId(s));
        String table = NoiseSupport.table(List.of("regsl", "fine-tuning"), README_RATES.stream()
                .map(r -> NoiseSetting.independent(r / 100.0)).toList(), seeds(), false);
        String paper = "REGSL " + Format.paper(FILE.cell(CellId.paper("mit-indoor-67", s.id(), "regsl").toString())
                .paper) + " vs fine-tuning " + Format.paper(FILE.cell(CellId.paper("mit-indoor-67", s.id(),
                "fine-tuning").toString()).paper);
        ClaimSupport.checkGain(FILE, "C5", id, FAMILY, "REGSL beats fine-tuning under " + rate + " % independent noise",
                "points", seeds(), seed -> NoiseSupport.run(s, "regsl", seed), seed -> NoiseSupport.accuracy(s, "regsl",
                        seed) - NoiseSupport.accuracy(s, "fine-tuning", seed), paper, table);
    }

    static Stream<Integer> rates() {
        return README_RATES.stream();
    }

    static Stream<String> paperCells() {
        return ClaimSupport.paperCells(FILE);
    }

    @PaperCase
    @ParameterizedTest(name = "C5 paper · {0}")
    @MethodSource("paperCells")
    void paperCell(String id) {
        PaperScale.noisyCell(FILE, "C5", ClaimSupport.begin(FILE, "C5", CellId.parse(id)), ALPHA);
    }

    static Stream<String> paperDirections() {
        return ClaimSupport.paperDirections(FILE);
    }

    /**
     * The poster's +3.56: per run, REGSL's test accuracy minus the mean of the baselines', averaged
     * over independent 20 % and correlated noise on MIT-Indoor (ResNet-18).
     */
    @PaperCase
    @ParameterizedTest(name = "C5 paper direction · {0}")
    @MethodSource("paperDirections")
    void paperAverageGain(String id) {
        ClaimSupport.begin(FILE, "C5", CellId.parse(id));
        ExpectedResults.PaperValue paper = FILE.direction(id).paperValue;
        Ledger.Row provisional = PaperScale.provisionalRow("C5", id, paper);
        String dataset = "mit-indoor-67";
        List<String> settings = NoiseSupport.SETTINGS.stream().map(NoiseSetting::id).toList();
        PaperScale.assumeAvailable(dataset);
        for (String s : settings) {
            for (String m : C5_METHODS) {
                PaperScale.assumeLabelNoiseValues(s, m);
            }
        }
        PaperRuns runs = PaperRuns.shared();
        PaperScale.assumeWeights(runs, PaperRuns.NOISE_NET, "pretrained");
        SeedValues gains = ClaimSupport.perSeed(runs.budget().seedList(), seed -> runs.noisyRun(dataset,
                settings.get(0), "regsl", seed), r -> settings.stream().mapToDouble(s -> 100 * (runs.noisyRun(dataset,
                        s, "regsl", r.seed()).testAccuracy() - Methods.NOISE_BASELINES.stream().mapToDouble(b ->
                        runs.noisyRun(dataset, s, b, r.seed()).testAccuracy()).average().orElseThrow())).average()
                        .orElseThrow(), "average gain (points) of REGSL over the mean of the baselines");
        PaperScale.checkGain("C5", id, paper, provisional, gains, runs.budget(), PaperRuns.NOISE_NET, ALPHA);
    }

    private static String table() {
        return NoiseSupport.table(C5_METHODS, NoiseSupport.SETTINGS, seeds(), true);
    }
}
