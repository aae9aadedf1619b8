package org.regsl.bench.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Allure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.claim.Provenances;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.config.Budget;
import org.regsl.bench.config.Settings;
import org.regsl.bench.experiment.BenchRuns;
import org.regsl.bench.experiment.FineTuneRun;
import org.regsl.bench.experiment.RunRecord;
import org.regsl.bench.report.Format;
import org.regsl.bench.report.Ledger;

/**
 * What every claim test does with its numbers: one Allure step per seed, comparison with the
 * recorded values (or, in record mode, rewriting them), the summary attachment, the ledger row
 * and the assertion. Kept in one place so that all claims are judged by the same rule.
 */
final class ClaimSupport {

    static final String EPIC = "Li & Zhang, NeurIPS 2021: Improved Regularization and Robustness for Fine-tuning";

    private ClaimSupport() {}

    /** Loads {@code expected-results/<name>}. */
    static ExpectedResultsFile load(String name) {
        return ExpectedResultsFile.load(Settings.projectDir().resolve("expected-results").resolve(name));
    }

    /** The budget of this run, also shown as an Allure parameter. */
    static Budget budget() {
        return Settings.budget();
    }

    /**
     * Runs (or reuses) one fine-tuning run per seed, each in an Allure step that attaches the
     * run's JSON row, and extracts one value per seed.
     */
    static SeedValues perSeed(IntFunction<FineTuneRun> run, ToDoubleFunction<FineTuneRun> value, String what) {
        return perSeed(budget().seedList(), run, value, what);
    }

    /** As above, for any kind of run and the given seeds. */
    static <R extends RunRecord> SeedValues perSeed(int[] seeds, IntFunction<R> run, ToDoubleFunction<R> value,
            String what) {
        long start = System.nanoTime();
        double[] values = new double[seeds.length];
        List<Integer> seedList = new ArrayList<>();
        for (int i = 0; i < seeds.length; i++) {
            int seed = seeds[i];
            seedList.add(seed);
            values[i] = Allure.step("seed " + seed, () -> {
                R r = run.apply(seed);
                double v = value.applyAsDouble(r);
                Allure.addAttachment("run " + r.id() + ".json", "application/json", BenchRuns.toJson(r), "json");
                Allure.step(String.format("%s = %.6g (test accuracy %.4f, best epoch %d)", what, v, r.testAccuracy(),
                        r.bestEpoch()));
                return v;
            });
        }
        return new SeedValues(seedList, values, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Compares a cell's measured values with the recorded ones (Welch t-test with floor), or
     * records them in record mode; adds the ledger row; fails when out of tolerance.
     */
    static void checkCell(ExpectedResultsFile file, String claim, String cellId, SeedValues v) {
        Budget budget = budget();
        Allure.parameter("budget", budget.name());
        ExpectedResults.Cell cell = find(file, cellId);
        String paper = cell == null ? "not available offline" : Format.paper(cell.paper);
        String measured = Format.values(v.values());
        if (Settings.recordMode()) {
            ExpectedResults.Measured m = new ExpectedResults.Measured();
            m.values = Arrays.stream(v.values()).boxed().toList();
            m.seeds = v.seeds();
            m.mean = Statistics.mean(v.values());
            m.std = Statistics.std(v.values());
            m.provenance = Provenances.now(budget.name(), v.seeds(), v.wallSeconds());
            file.record(cellId, budget.name(), m);
            Allure.addAttachment("summary", "text/plain", "RECORDED " + cellId + " = " + measured + " into "
                    + file.path().getFileName(), "txt");
            Ledger.add(new Ledger.Row(claim, cellId, paper, "(recorded now)", measured, "recorded"));
            return;
        }
        ExpectedResults.Measured rec = file.measured(cellId, budget.name());
        double[] recorded = rec.values.stream().mapToDouble(Double::doubleValue).toArray();
        ExpectedResults.Acceptance rule = file.data().acceptance;
        Statistics.Acceptance a = Statistics.accept(v.values(), recorded, rule.alpha, rule.atol, rule.rtol);
        String summary = String.format("cell      %s%nmeasured  %s  values %s  seeds %s%nrecorded  %s  values %s"
                        + "  (commit %s, %s)%npaper     %s%nrule      Welch two-sided t-test, alpha %.2g, floor atol %.2g"
                        + " + rtol %.2g |recorded mean|%nresult    %s: %s%n",
                cellId, measured, Arrays.toString(v.values()), v.seeds(), Format.values(recorded), rec.values,
                rec.provenance.commit, rec.provenance.date, paper, rule.alpha, rule.atol, rule.rtol,
                a.pass() ? "within tolerance" : "OUT OF TOLERANCE", a.reason());
        Allure.addAttachment("summary", "text/plain", summary, "txt");
        Ledger.add(new Ledger.Row(claim, cellId, paper, Format.values(recorded), measured,
                (a.pass() ? "passed" : "FAILED") + String.format(" (p = %.3g)", a.pValue())));
        assertTrue(a.pass(), "out of tolerance: " + cellId + ": " + a.reason());
    }

    /**
     * Checks a direction: its verdict must equal the recorded one (so that a silent change in what
     * the suite reproduces fails), or is recorded in record mode.
     */
    static void checkDirection(ExpectedResultsFile file, String claim, String id, String statement, String paper,
            Statistics.DirectionTest t, String details) {
        Budget budget = budget();
        Allure.parameter("budget", budget.name());
        String stat = String.format("%s: statistic %.4g, one-sided p = %.4g", t.test(), t.statistic(), t.pValue());
        Allure.addAttachment("direction", "text/plain", String.format("direction %s%nstatement %s%npaper     %s%n"
                + "verdict   %s%ntest      %s%n%n%s", id, statement, paper, t.verdict().label(), stat, details), "txt");
        if (Settings.recordMode()) {
            ExpectedResults.RecordedVerdict v = new ExpectedResults.RecordedVerdict();
            v.verdict = t.verdict().label();
            v.test = t.test();
            v.statistic = finite(t.statistic());
            v.pValue = t.pValue();
            v.provenance = Provenances.now(budget.name(), List.of(Arrays.stream(budget.seedList()).boxed()
                    .toArray(Integer[]::new)), 0);
            file.record(id, statement, paper, budget.name(), v);
            Ledger.add(new Ledger.Row(claim, id, paper, "(recorded now)", t.verdict().label(), "recorded: " + stat));
            return;
        }
        ExpectedResults.RecordedVerdict rec = file.verdict(id, budget.name());
        Ledger.add(new Ledger.Row(claim, id, paper, rec.verdict, t.verdict().label(),
                (rec.verdict.equals(t.verdict().label()) ? "" : "VERDICT CHANGED; ") + stat));
        assertEquals(rec.verdict, t.verdict().label(), "verdict changed: " + id + " was recorded as '" + rec.verdict
                + "' but this run finds '" + t.verdict().label() + "' (" + stat + ")");
    }

    private static ExpectedResults.Cell find(ExpectedResultsFile file, String id) {
        return file.data().cells.stream().filter(c -> c.id.equals(id)).findFirst().orElse(null);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : (x > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
    }
}
