package org.regsl.bench.claims;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Allure;
import org.junit.jupiter.api.Assumptions;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.config.PaperBudget;
import org.regsl.bench.report.Format;
import org.regsl.bench.report.Ledger;
import org.regsl.bench.report.Scorecard;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.DatasetSpec;
import org.regsl.bench.experiment.PaperHyperparameters;
import org.regsl.bench.experiment.PaperRuns;

/**
 * The guards of every paper-scale case: it runs only when the paper scale is selected
 * ({@code -Dregsl.scale=paper}), its data set is under REGSL_DATA, a GPU is present (or
 * {@code -Dregsl.device=cpu} forces the CPU) and, for a pretrained start, its weights file is
 * under REGSL_WEIGHTS; otherwise it is skipped (aborted) with the reason, never passed. The
 * messages start with the words {@code categories.json} matches on.
 */
final class PaperScale {

    private PaperScale() {}

    /** Skips the calling test unless paper-scale data set {@code name} and a device for it are available. */
    static void assumeAvailable(String name) {
        Assumptions.assumeTrue(Settings.scale().equals("paper"), () -> "paper scale not selected: " + name
                + " cells run with -Dregsl.scale=paper (GPU runners: mvn verify -Pgpu -Dregsl.scale=paper)");
        DatasetSpec spec = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml")).get(name);
        Path root = Settings.paperDataRoot();
        Path dir = root == null ? null : root.resolve(spec.layoutString("folder"));
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), () -> "data set missing: " + name
                + " is not under REGSL_DATA" + (root == null ? " (REGSL_DATA is not set)" : " (looked in " + dir + ")")
                + "; fetch it with `regsl fetch` (README)");
        Assumptions.assumeTrue(Settings.device().equals("cpu") || Engine.getInstance().getGpuCount() > 0,
                () -> "no GPU: the paper scale of " + name + " needs a CUDA device (mvn verify -Pgpu"
                        + " -Dregsl.scale=paper on a GPU runner), or -Dregsl.device=cpu to force the CPU");
    }

    /** Skips the calling test unless the weights of start {@code init} of {@code net} are present. */
    static void assumeWeights(PaperRuns runs, String net, String init) {
        Path file = runs.weightsFile(net, init);
        Assumptions.assumeTrue(file == null ? init.equals("random") : Files.isRegularFile(file),
                () -> "weights missing: the " + init + " start needs " + (file == null
                        ? "REGSL_WEIGHTS (not set) holding " + (net.equals(PaperRuns.VIT_NET) ? PaperRuns.VIT_WEIGHTS
                                : net + "-" + (init.equals("adversarial") ? "robust" : "imagenet") + ".safetensors")
                        : file) + " (README, pretrained weights)");
    }

    /** The ledger row of a paper cell until it runs (removed by {@link #check} when it does). */
    static Ledger.Row provisionalRow(String claim, String id, ExpectedResults.PaperValue paper) {
        Ledger.Row row = new Ledger.Row(claim, id, Format.paper(paper), "", "", "skipped unless its data set, weights"
                + " and a GPU (or -Dregsl.device=cpu) are present with -Dregsl.scale=paper");
        Ledger.add(row);
        return row;
    }

    /**
     * Ends a case that ran but had nothing to be compared with: its ledger row and status say
     * "measured without a reference" and what would give it one, and the case is aborted
     * (Allure: skipped, category "Measured without a reference"), so it never reads as a pass.
     * Skipped rather than failed because nothing is wrong with the run, and rather than passed
     * because nothing was checked; the nightly's gate counts these cases.
     */
    static void measuredWithoutReference(String claim, String id, String paper, String measured, String why) {
        String message = Scorecard.MEASURED_WITHOUT_REFERENCE + ": " + why;
        Ledger.add(new Ledger.Row(claim, id, paper, "", measured, message));
        Allure.step(message);
        Assumptions.abort(message);
    }

    /** Why a paper-budget cell without a paper value has no reference, and how to give it one. */
    private static final String RECORD_IT = "record it with -Dregsl.record=true on a GPU runner (the nightly's first"
            + " night records; later nights replay or compare against that record)";

    /**
     * The verdict of a paper cell that ran: every value must be finite; at the {@code paper}
     * budget the runs are compared with their record for this budget when there is one (replay or
     * portable, as bench cells) and with the paper's mean ± population std over 3 runs (Welch)
     * when the paper prints one. A cell with neither, and every cell of a budget that checks the
     * pipeline only ({@code tiny}), is {@link #measuredWithoutReference measured without a reference}.
     */
    static void check(ExpectedResultsFile file, String claim, String id, ExpectedResults.PaperValue paper,
            Ledger.Row provisional, SeedValues v, PaperBudget budget, String net, double alpha) {
        for (double x : v.values()) {
            assertTrue(Double.isFinite(x), id + ": a non-finite value " + x);
        }
        String measured = Format.values(v.values()) + " (" + budget.name() + " budget, " + net + ")";
        Ledger.remove(provisional);
        boolean recorded = file.measuredOrNull(id, budget.name()) != null;
        if (Settings.recordMode() || recorded) {
            // record mode writes this budget's values (a GPU run's first record); later runs replay or compare them
            // portably, exactly as bench cells are judged, before the comparison with the paper
            ClaimSupport.checkCell(file, claim, CellId.parse(id), v);
        }
        Allure.parameter("budget", budget.name());
        boolean paperValue = paper != null && paper.mean != null;
        if (!budget.comparable() || !paperValue) {
            if (recorded || Settings.recordMode()) {
                Allure.step("not compared with the paper: " + (paperValue ? "the " + budget.name() + " budget checks"
                        + " the pipeline only" : "the paper prints no value") + "; compared with its record");
                return;
            }
            measuredWithoutReference(claim, id, Format.paper(paper), measured, budget.comparable()
                    ? "the paper prints no value and no run is recorded for the " + budget.name() + " budget; "
                            + RECORD_IT
                    : "the " + budget.name() + " budget checks the pipeline only (it ran end to end)");
        }
        Statistics.Acceptance a = Statistics.acceptPaper(v.values(), paper.mean, paper.std == null ? 0 : paper.std, 3,
                alpha);
        Ledger.add(new Ledger.Row(claim, id, Format.paper(paper), "", measured, a.reason()));
        ClaimSupport.setStatusLine(a.reason());
        assertTrue(a.pass(), id + ": " + a.reason());
    }

    /**
     * The verdict of a qualitative paper direction that ran (C2's "grows with depth" per data set):
     * at the {@code paper} budget it must hold, as the paper says (each data set on its own: the
     * paper claims every one, so requiring all to hold needs no multiplicity adjustment); other
     * budgets check the pipeline only (measured without a reference).
     */
    static void checkDirection(String claim, String id, Ledger.Row provisional, SeedValues v, PaperBudget budget,
            String net, double alpha) {
        Statistics.requireFinite(id, v.seeds(), v.values());
        Ledger.remove(provisional);
        Allure.parameter("budget", budget.name());
        if (!budget.comparable()) {
            measuredWithoutReference(claim, id, "holds (qualitative)", Format.values(v.values()) + " (" + budget.name()
                    + " budget, " + net + ")", "the " + budget.name() + " budget checks the pipeline only (it ran end"
                    + " to end)");
        }
        Statistics.DirectionTest t;
        try {
            t = Statistics.above(v.values(), 0, alpha);
        } catch (org.regsl.bench.claim.UntestableException e) {
            throw new org.regsl.bench.claim.UntestableException(id + ": " + e.getMessage(), e);
        }
        String measured = String.format(java.util.Locale.ROOT, "%s: effect %+.3g [%.0f %% CI %+.3g, %+.3g], p %.3g"
                + " (%s; %s budget, %s)", t.unadjusted().label(), t.effect(), 100 * t.intervalLevel(), t.lower(),
                t.upper(), t.pPaper(), Format.values(v.values()), budget.name(), net);
        boolean holds = t.unadjusted() == org.regsl.bench.claim.Verdict.HOLDS;
        face(t.unadjusted().label());
        Ledger.add(new Ledger.Row(claim, id, "holds (qualitative)", "", measured, holds ? "consistent with the paper"
                : "differs from the paper"));
        ClaimSupport.setStatusLine("verdict: " + measured);
        assertTrue(holds, id + ": differs from the paper: the direction is " + t.unadjusted().label() + " here");
    }

    /** The paper-scale verdict on the case's face: name and tag. */
    private static void face(String verdict) {
        Allure.getLifecycle().updateTestCase(r -> r.setName(r.getName() + " → " + verdict));
        Allure.label("tag", "verdict: " + verdict);
    }

    /**
     * A paper-scale average gain (C3's +1.76, C5's +3.56): per run, the gain in points. At the
     * {@code paper} budget it must be above zero (one-sided t-test, as the paper's direction; at
     * least two runs, else an error); the ledger gives its 90 % interval and whether the paper's
     * value lies in it. Other budgets check the pipeline only (measured without a reference).
     */
    static void checkGain(String claim, String id, ExpectedResults.PaperValue paper, Ledger.Row provisional,
            SeedValues gains, PaperBudget budget, String net, double alpha) {
        Statistics.requireFinite(id, gains.seeds(), gains.values());
        Ledger.remove(provisional);
        Allure.parameter("budget", budget.name());
        double mean = Statistics.mean(gains.values());
        String measured = String.format(java.util.Locale.ROOT, "%+.2f points per run %s (%s budget, %s)", mean,
                Format.values(gains.values()), budget.name(), net);
        if (!budget.comparable()) {
            measuredWithoutReference(claim, id, Format.paper(paper), measured, "the " + budget.name()
                    + " budget checks the pipeline only (it ran end to end)");
        }
        if (gains.values().length < 2) {
            throw new org.regsl.bench.claim.UntestableException(id + ": the " + budget.name() + " budget's gain needs"
                    + " at least two runs, got " + gains.values().length);
        }
        Statistics.DirectionTest t = Statistics.above(gains.values(), 0, alpha);
        boolean inside = paper != null && paper.mean != null && t.lower() <= paper.mean && paper.mean <= t.upper();
        boolean holds = t.unadjusted() == org.regsl.bench.claim.Verdict.HOLDS;
        String verdict = String.format(java.util.Locale.ROOT, "%s (p = %.3g), %.0f %% CI [%.2f, %.2f] %s the paper's"
                + " value", t.unadjusted().label(), t.pPaper(), 100 * t.intervalLevel(), t.lower(), t.upper(),
                inside ? "contains" : "does not contain");
        face(t.unadjusted().label());
        Ledger.add(new Ledger.Row(claim, id, Format.paper(paper), "", measured, (holds ? "consistent with the paper: "
                : "differs from the paper: ") + verdict));
        ClaimSupport.setStatusLine("verdict: " + verdict);
        assertTrue(holds, id + ": differs from the paper: the average gain is " + verdict);
    }

    /** Skips the calling test unless {@code paper-hyperparameters.yaml} has values of {@code method} under {@code setting}. */
    static void assumeLabelNoiseValues(String setting, String method) {
        assumeValues("label-noise", PaperHyperparameters::hasLabelNoise, setting, method);
    }

    /** Skips unless {@code paper-hyperparameters.yaml} has values at {@code section.setting.method}. */
    private static void assumeValues(String section, java.util.function.BiPredicate<String, String> has,
            String setting, String method) {
        Assumptions.assumeTrue(has.test(setting, method), () -> "hyper-parameters missing: "
                + PaperHyperparameters.FILE + " has no field '" + section + "." + setting + "." + method + "'");
    }

    /** A paper-scale label-noise run of one seed (C5/C6's ResNet, C7's ViT). */
    private interface NoisyRunner {
        org.regsl.bench.experiment.PaperRun run(PaperRuns runs, String dataset, String setting, String method,
                int seed);
    }

    /**
     * The body of every label-noise paper cell: the cell's data set, setting and method start at part
     * {@code first} of its id; guards; one run per seed of {@code net}; {@link #check}.
     */
    private static void noisyCell(ExpectedResultsFile file, String claim, CellId cell, int first, String net,
            String section, java.util.function.BiPredicate<String, String> has, NoisyRunner runner, double alpha) {
        String id = cell.toString();
        String dataset = cell.part(first);
        String setting = cell.part(first + 1);
        String method = cell.part(first + 2);
        ExpectedResults.PaperValue paper = file.cell(id).paper;
        Ledger.Row provisional = provisionalRow(claim, id, paper);
        assumeAvailable(dataset);
        assumeValues(section, has, setting, method);
        PaperRuns runs = PaperRuns.shared();
        assumeWeights(runs, net, "pretrained");
        SeedValues v = ClaimSupport.perSeed(runs.budget().seedList(), seed -> runner.run(runs, dataset, setting, method,
                seed), r -> 100 * r.testAccuracy(), "test accuracy %");
        check(file, claim, id, paper, provisional, v, runs.budget(), net, alpha);
    }

    /**
     * A label-noise paper cell ({@code paper/<dataset>/<setting>/<method>}, C5 and C6): the runs of
     * {@link PaperRuns#noisyRun} with the values of {@code paper-hyperparameters.yaml}, checked
     * against the paper's value where it has one. Skips with the reason when the scale, the data,
     * the device, the weights or the cell's hyper-parameters are missing.
     */
    static void noisyCell(ExpectedResultsFile file, String claim, CellId cell, double alpha) {
        noisyCell(file, claim, cell, 0, PaperRuns.NOISE_NET, "label-noise", PaperHyperparameters::hasLabelNoise,
                PaperRuns::noisyRun, alpha);
    }

    /** Skips the calling test unless {@code paper-hyperparameters.yaml} has ViT values of {@code method} under {@code setting}. */
    static void assumeVitValues(String setting, String method) {
        assumeValues("vit-label-noise", PaperHyperparameters::hasVitLabelNoise, setting, method);
    }

    /**
     * A C7 paper cell ({@code paper/vit-b16/<dataset>/<setting>/<method>}): the runs of {@link PaperRuns#vitNoisyRun}
     * with the values of {@code paper-hyperparameters.yaml} ({@code vit-label-noise}), checked as {@link #check}
     * checks (the paper's ViT values are absent offline, so a record of this budget is the reference). Skips with
     * the reason when the scale, the data, the device, the checkpoint or the values are missing.
     */
    static void vitNoisyCell(ExpectedResultsFile file, String claim, CellId cell, double alpha) {
        noisyCell(file, claim, cell, 1, PaperRuns.VIT_NET, "vit-label-noise", PaperHyperparameters::hasVitLabelNoise,
                PaperRuns::vitNoisyRun, alpha);
    }
}
