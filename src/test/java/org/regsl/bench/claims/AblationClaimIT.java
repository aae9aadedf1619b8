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
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.noise.NoiseSetting;
import org.regsl.bench.experiment.NoisyRuns;
import org.regsl.bench.report.Format;

/**
 * C6, the ablation under label noise: REGSL, REGSL without regularization (self-labeling alone)
 * and without self-labeling (the constraint alone), in both settings, on the ablation seeds
 * (5 at bench: the pilot needed them for the w/o-regularization cell); each variant below REGSL
 * is a direction with a one-sided paired test.
 */
@Epic(ClaimSupport.EPIC)
@ClaimTest
@Feature("Ablation of REGSL under label noise (MIT-Indoor, ResNet-18)")
@Story("C6")
@DisplayName("C6 ablation")
class AblationClaimIT {

    private static final ExpectedResultsFile FILE = ClaimSupport.load("c6-ablation.yaml");
    private static final double ALPHA = FILE.data().acceptance.alpha;
    private static final List<String> VARIANTS = List.of("regsl", "self-labeling", "constraint");

    /** C6's directions, judged together (Holm). */
    private static final DirectionFamily FAMILY = family();

    private static DirectionFamily family() {
        DirectionFamily f = new DirectionFamily("C6 directions", ALPHA);
        directions().forEach(a -> {
            String setting = (String) a.get()[0];
            String variant = (String) a.get()[1];
            NoiseSetting s = NoiseSetting.of(setting);
            f.add(directionId(setting, variant).toString(), posterGain(setting, variant), ClaimSupport.gainTest(AblationClaimIT::seeds,
                    seed -> NoiseSupport.accuracy(s, "regsl", seed) - NoiseSupport.accuracy(s, variant, seed), ALPHA));
        });
        return f;
    }

    private static CellId directionId(String setting, String variant) {
        return CellId.direction("bench", "regsl", variant, setting);
    }

    private static ExpectedResults.PaperValue paper(String setting, String method) {
        return FILE.cell(CellId.paper("mit-indoor-67", setting, method).toString()).paper;
    }

    /** REGSL minus the variant in the poster's ablation table (points), or null when one is absent. */
    private static Double posterGain(String setting, String variant) {
        ExpectedResults.PaperValue r = paper(setting, "regsl");
        ExpectedResults.PaperValue v = paper(setting, variant);
        return r.mean == null || v.mean == null ? null : r.mean - v.mean;
    }

    private static int[] seeds() {
        return ClaimSupport.budget().ablationSeedList();
    }

    /** Starts every run this claim reads (variants x settings x its seeds) on the compute pool. */
    @BeforeAll
    static void startRuns() {
        ClaimSupport.onBenchScale(() -> {
            for (int seed : seeds()) {
                for (String variant : VARIANTS) {
                    NoiseSupport.SETTINGS.forEach(s -> NoisyRuns.shared().start(s, variant, seed));
                }
            }
        });
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (String v : VARIANTS) {
            for (NoiseSetting s : NoiseSupport.SETTINGS) {
                out.add(Arguments.of(v, s.id()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "C6 bench · {0} · {1}")
    @MethodSource("cells")
    void cell(String variant, String setting) {
        CellId id = ClaimSupport.begin(FILE, "C6", CellId.bench(setting, variant));
        NoiseSetting s = NoiseSetting.of(setting);
        SeedValues v = ClaimSupport.perSeed(seeds(), seed -> NoiseSupport.run(s, variant, seed),
                r -> 100 * r.testAccuracy(), "test accuracy (%) under " + setting + " noise");
        NoiseSupport.attachLabelCharts(s, variant, seeds());
        Allure.addAttachment("C6 table", "text/markdown", table(), "md");
        ClaimSupport.checkCell(FILE, "C6", id, v);
    }

    static Stream<Arguments> directions() {
        List<Arguments> out = new ArrayList<>();
        for (NoiseSetting s : NoiseSupport.SETTINGS) {
            out.add(Arguments.of(s.id(), "self-labeling"));
            out.add(Arguments.of(s.id(), "constraint"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "C6 direction · {0} · regsl > {1}")
    @MethodSource("directions")
    void direction(String setting, String variant) {
        CellId id = ClaimSupport.begin(FILE, "C6", directionId(setting, variant));
        NoiseSetting s = NoiseSetting.of(setting);
        String paper = "poster: REGSL " + Format.paper(paper(setting, "regsl")) + " vs " + (variant.equals("constraint")
                ? "w/o self-labeling " : "w/o regularization ") + Format.paper(paper(setting, variant));
        ClaimSupport.checkGain(FILE, "C6", id, FAMILY, "REGSL beats " + variant + " under " + setting + " noise",
                "points", seeds(), seed -> NoiseSupport.run(s, "regsl", seed), seed -> NoiseSupport.accuracy(s, "regsl",
                        seed) - NoiseSupport.accuracy(s, variant, seed), paper, table());
    }

    static Stream<String> paperCells() {
        return ClaimSupport.paperCells(FILE);
    }

    @PaperCase
    @ParameterizedTest(name = "C6 paper · {0}")
    @MethodSource("paperCells")
    void paperCell(String id) {
        PaperScale.noisyCell(FILE, "C6", ClaimSupport.begin(FILE, "C6", CellId.parse(id)), ALPHA);
    }

    private static String table() {
        return NoiseSupport.table(VARIANTS, NoiseSupport.SETTINGS, seeds(), false);
    }
}
