package org.regsl.bench.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Allure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import io.qameta.allure.model.StatusDetails;
import org.regsl.bench.claim.CellId;
import org.regsl.bench.claim.ComparisonMode;
import org.regsl.bench.claim.DirectionFamily;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.ExpectedResultsFile;
import org.regsl.bench.claim.Provenances;
import org.regsl.bench.claim.Statistics;
import org.regsl.bench.claim.Verdict;
import org.regsl.bench.config.Budget;
import org.regsl.bench.config.Settings;
import org.regsl.bench.experiment.RunStore;
import org.regsl.bench.experiment.FineTuneRun;
import org.regsl.bench.experiment.RunRecord;
import org.regsl.bench.report.Format;
import org.regsl.bench.report.Ledger;
import org.regsl.bench.train.NumericsFingerprint;

/**
 * What every claim test does with its numbers: one Allure step per seed, comparison with the
 * recorded values (or, in record mode, rewriting them), the summary attachment, the ledger row
 * and the assertion. Kept in one place so that all claims are judged by the same rule.
 */
final class ClaimSupport {

    static final String EPIC = "Li & Zhang, NeurIPS 2021: Improved Regularization and Robustness for Fine-tuning";

    /** Every expected-results file a claim class loaded in this JVM, with that class (record mode prunes through it). */
    static final java.util.Map<ExpectedResultsFile, Class<?>> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The cell a case named with {@link #begin}, for the ledger row of a case that throws before its check. */
    record Current(String claim, CellId id) {}

    /** The cell of the case running on this thread (claim cases run on the JUnit thread). */
    static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    /** Every cell and direction id a case of this JVM named, per expected-results file. */
    private static final java.util.Map<ExpectedResultsFile, java.util.Set<String>> PRODUCED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private ClaimSupport() {}

    /**
     * Names the cell (or direction) this case produces, first thing in the case: the cell-set
     * check counts it, the report links its expected-results entry, and a case that throws
     * before its check still gets a ledger row ({@link ClaimCase}).
     */
    static CellId begin(ExpectedResultsFile file, String claim, CellId id) {
        produce(file, id);
        CURRENT.set(new Current(claim, id));
        Allure.link("expected results: " + file.path().getFileName() + " · " + id,
                ReportLinks.expectedResults(file, id));
        return id;
    }

    /** Counts {@code id} as produced by a case of {@code file}. */
    static void produce(ExpectedResultsFile file, CellId id) {
        PRODUCED.computeIfAbsent(file, f -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(id.toString());
    }

    /** The ids the cases of {@code file} named in this JVM. */
    static java.util.Set<String> produced(ExpectedResultsFile file) {
        return PRODUCED.getOrDefault(file, java.util.Set.of());
    }

    /** The paper-scale cells of {@code file}, one case each. */
    static java.util.stream.Stream<String> paperCells(ExpectedResultsFile file) {
        return file.paperCellIds().stream();
    }

    /** The paper-scale average-gain directions of {@code file} ({@code paper/average/better>worse}). */
    static java.util.stream.Stream<String> paperDirections(ExpectedResultsFile file) {
        return file.paperDirectionIds().stream();
    }

    /** Runs {@code start} when this run checks the bench scale (paper-scale runs start nothing here). */
    static void onBenchScale(Runnable start) {
        if ("bench".equals(Settings.scale())) {
            start.run();
        }
    }

    /** Loads {@code expected-results/<name>}. */
    static ExpectedResultsFile load(String name) {
        ExpectedResultsFile file = ExpectedResultsFile.load(Settings.projectDir().resolve("expected-results").resolve(name));
        LOADED.put(file, StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass());
        Ledger.claim(new Ledger.Claim(file.data().claim, file.data().title, file.data().source));
        return file;
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

    /**
     * As above, for any kind of run and the given seeds. A NaN or infinite value is an error
     * naming the run and the seed (never a verdict).
     */
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
                Allure.addAttachment("run " + r.id() + ".json", "application/json", RunStore.toJson(r), "json");
                Allure.link("run " + r.id(), ReportLinks.runRow(r.id()));
                Allure.step(String.format("%s = %.6g (%s %.4f, best epoch %d)", what, v, r.testScoreName(), r.testScore(),
                        r.bestEpoch()));
                Statistics.requireFinite(what + " of run " + r.id(), List.of(seed), new double[] {v});
                return v;
            });
        }
        return new SeedValues(seedList, values, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Compares a cell's measured values with the recorded ones, or records them in record mode;
     * adds the ledger row; fails when out of tolerance. Replay mode (the recorded numerics
     * fingerprint is this run's): every seed must equal its recorded value. Portable mode: the
     * pooled t-test as independent samples at alpha over the claim's cell count ({@link Statistics#portable}).
     */
    static void checkCell(ExpectedResultsFile file, String claim, CellId id, SeedValues v) {
        String cellId = id.toString();
        String budgetName = Settings.budgetName(); // bench or paper scale
        Allure.parameter("budget", budgetName);
        Statistics.requireFinite(cellId, v.seeds(), v.values());
        ExpectedResults.Cell cell = find(file, cellId);
        String paper = "paper".equals(id.scale()) ? Format.paper(cell == null ? null : cell.paper) : paperAnalog(file, id);
        String measured = Format.values(v.values());
        if (Settings.recordMode()) {
            requireRecordable(cellId);
            ExpectedResults.Measured old = file.measuredOrNull(cellId, budgetName);
            ExpectedResults.Measured m = new ExpectedResults.Measured();
            m.values = Arrays.stream(v.values()).boxed().toList();
            m.seeds = v.seeds();
            m.mean = Statistics.mean(v.values());
            m.std = Statistics.std(v.values());
            m.provenance = Provenances.now(budgetName, v.seeds(), v.wallSeconds(), fingerprint(claim));
            file.record(cellId, budgetName, m);
            String was = old == null ? "(new cell)" : Format.values(doubles(old.values)) + " " + old.values;
            String change = old != null && old.values.equals(m.values) ? "recorded (unchanged)" : "recorded (changed)";
            System.out.printf("RECORD %s %s: %s -> %s %s%n", claim, cellId, was, measured, m.values);
            Allure.addAttachment("summary", "text/plain", "RECORDED " + cellId + "\nwas " + was + "\nnow " + measured
                    + " " + m.values + "\ninto " + file.path().getFileName(), "txt");
            Ledger.add(new Ledger.Row(claim, cellId, paper, was, measured, change));
            return;
        }
        ExpectedResults.Measured rec = file.measured(cellId, budgetName);
        double[] recorded = doubles(rec.values);
        ExpectedResults.Acceptance rule = file.data().acceptance;
        ComparisonMode mode = ComparisonMode.of(rec.provenance, fingerprint(claim));
        Statistics.Acceptance a = mode == ComparisonMode.REPLAY
                ? Statistics.replay(v.seeds(), v.values(), rec.seeds, recorded, rule.atol, rule.rtol)
                : Statistics.portable(v.values(), recorded, rule.alpha, ExpectedResultsFile.suiteCellCount(file.path()
                        .getParent(), budgetName), rule.atol,
                        rule.rtol);
        String summary = String.format("cell      %s%nmode      %s (recorded under %s, this run %s)%nmeasured  %s"
                        + "  values %s  seeds %s%nrecorded  %s  values %s  seeds %s (commit %s, %s)%npaper     %s%n"
                        + "result    %s: %s%n",
                cellId, mode.label(), rec.provenance.fingerprint == null ? "no fingerprint" : rec.provenance.fingerprint,
                fingerprint(claim), measured, Arrays.toString(v.values()), v.seeds(),
                Format.values(recorded), rec.values, rec.seeds, rec.provenance.commit, rec.provenance.date, paper,
                a.pass() ? "within tolerance" : "OUT OF TOLERANCE", a.reason());
        Allure.addAttachment("summary", "text/plain", summary, "txt");
        Allure.parameter("comparison", mode.label());
        Ledger.add(new Ledger.Row(claim, cellId, paper, Format.values(recorded), measured,
                (a.pass() ? "passed" : "FAILED") + " (" + a.reason() + ")"));
        assertTrue(a.pass(), "out of tolerance: " + cellId + ": " + a.reason());
    }

    /**
     * The face of a judged direction, as the report's name, status line and ledger show it:
     * "holds: +1.23 [90 % CI +0.50, +1.96]; p 0.004, Holm 0.02 over 15".
     */
    static String face(DirectionFamily.Judged j) {
        Statistics.DirectionTest t = j.test();
        return String.format(Locale.ROOT, "%s: %+.4g [%.0f %% CI %+.4g, %+.4g]; p %.3g, Holm %.3g over %d",
                j.verdict().label(), t.effect(), 100 * t.intervalLevel(), t.lower(), t.upper(), j.rawP(),
                j.adjustedP(), j.size());
    }

    /**
     * Checks a direction against its recorded verdict, or records it in record mode. The verdict is
     * the family's Holm-adjusted one ({@link DirectionFamily}); it is put on the face of the case:
     * in its name, its status line and a {@code verdict: ...} tag, so Allure's categories sort
     * passed cases by verdict. Replay mode: the verdict must equal the recorded one. Portable mode:
     * it fails only when the verdict reverses ({@code holds} against {@code contradicted}); a move
     * to or from {@code not significant} passes and is listed as "verdict differs on this platform".
     *
     * @param seeds the seeds the direction's samples were measured with (recorded as they are)
     */
    static void checkDirection(ExpectedResultsFile file, String claim, CellId direction, String statement, String paper,
            DirectionFamily family, String details, List<Integer> seeds) {
        String id = direction.toString();
        String budgetName = Settings.budgetName(); // bench or paper scale
        Allure.parameter("budget", budgetName);
        DirectionFamily.Judged j = family.judge(id);
        Statistics.DirectionTest t = j.test();
        String face = face(j);
        String stat = String.format(Locale.ROOT, "%s: statistic %.4g, one-sided p %.4g (paper side %.4g, other side"
                + " %.4g), Holm-adjusted %.4g over %s; unadjusted verdict %s; detects an effect of %.3g with 80 %%"
                + " power", t.test(), t.statistic(), j.rawP(), t.pPaper(), t.pOther(), j.adjustedP(), family.describe(),
                j.unadjusted().label(), t.detectableEffect());
        Allure.getLifecycle().updateTestCase(r -> r.setName(r.getName() + String.format(Locale.ROOT,
                " → %s, %+.3g [%.0f %% CI %+.3g, %+.3g]", j.verdict().label(), t.effect(), 100 * t.intervalLevel(),
                t.lower(), t.upper())));
        Allure.label("tag", "verdict: " + j.verdict().label());
        Allure.label("verdict", j.verdict().label());
        Allure.addAttachment("direction", "text/plain", String.format("direction %s%nstatement %s%npaper     %s%n"
                + "verdict   %s%ntest      %s%n%n%s", id, statement, paper, face, stat, details), "txt");
        Forest.attach(claim, family);
        Ledger.addDirection(new Ledger.Direction(claim, id, statement, paper, j.verdict().label(),
                j.unadjusted().label(), t.effect(), t.lower(), t.upper(), t.intervalLevel(), j.rawP(), j.adjustedP(),
                j.size(), j.paperEffect()));
        if (Settings.recordMode()) {
            requireRecordable(id);
            ExpectedResults.RecordedVerdict old = file.verdictOrNull(id, budgetName);
            ExpectedResults.RecordedVerdict v = new ExpectedResults.RecordedVerdict();
            v.verdict = j.verdict().label();
            v.unadjusted = j.unadjusted().label();
            v.family = family.describe();
            v.test = t.test();
            v.effect = t.effect();
            v.interval = List.of(t.lower(), t.upper());
            v.statistic = finite(t.statistic());
            v.pValue = j.rawP();
            v.holmPValue = j.adjustedP();
            v.detectableEffect = Double.isFinite(t.detectableEffect()) ? t.detectableEffect() : null;
            v.provenance = Provenances.now(budgetName, seeds, 0, fingerprint(claim));
            file.record(id, statement, paper, budgetName, v);
            String was = old == null ? "(new direction)" : old.verdict;
            System.out.printf("RECORD %s %s: %s -> %s (%s)%n", claim, id, was, v.verdict, face);
            Ledger.add(new Ledger.Row(claim, id, paper, was, face, (old != null
                    && old.verdict.equals(v.verdict) ? "recorded (unchanged): " : "recorded (changed): ") + stat));
            setStatusLine("verdict: " + face + " (recorded)");
            return;
        }
        ExpectedResults.RecordedVerdict rec = file.verdict(id, budgetName);
        Verdict recorded = Verdict.parse(rec.verdict);
        ComparisonMode mode = ComparisonMode.of(rec.provenance, fingerprint(claim));
        Allure.parameter("comparison", mode.label());
        boolean same = recorded == j.verdict();
        if (mode == ComparisonMode.REPLAY) {
            Ledger.add(new Ledger.Row(claim, id, paper, rec.verdict, face,
                    (same ? "replay: " : "VERDICT CHANGED (replay); ") + stat));
            setStatusLine("verdict: " + face + " (replay: as recorded)");
            assertEquals(rec.verdict, j.verdict().label(), "verdict changed: " + id + " was recorded as '"
                    + rec.verdict + "' but this run finds '" + j.verdict().label() + "' (" + stat + ")");
            return;
        }
        boolean reversed = recorded.reverses(j.verdict());
        String note = same ? "portable: " : reversed ? "VERDICT REVERSED (portable); " : DIFFERS + " (recorded "
                + rec.verdict + "); ";
        Ledger.add(new Ledger.Row(claim, id, paper, rec.verdict, face, note + stat));
        if (same) {
            setStatusLine("verdict: " + face + " (portable: as recorded)");
        } else if (!reversed) {
            String message = DIFFERS + ": " + id + " was recorded as '" + rec.verdict + "' and is '"
                    + j.verdict().label() + "' here (" + face + "); not a reversal, so it passes";
            setStatusLine(message);
            Allure.step(message);
        }
        assertTrue(!reversed, "verdict reversed: " + id + " was recorded as '" + rec.verdict + "' but this run finds '"
                + j.verdict().label() + "' (" + stat + ")");
    }

    /** The claims whose runs train the bench ViT: their values replay under the fingerprint with the ViT canary. */
    static final java.util.Set<String> VIT_CLAIMS = java.util.Set.of("C7");

    /** The claims whose runs read the sentence encoder's vectors: their values replay under the encoder canary too. */
    static final java.util.Set<String> TEXT_CLAIMS = java.util.Set.of("C9");

    /** The numerics fingerprint {@code claim}'s values are recorded and replayed under. */
    static String fingerprint(String claim) {
        NumericsFingerprint f = NumericsFingerprint.current();
        return VIT_CLAIMS.contains(claim) ? f.idWithVit() : TEXT_CLAIMS.contains(claim) ? f.idWithEncoder() : f.id();
    }

    /** The case's status line (Allure's status message, which its categories match on). */
    static void setStatusLine(String message) {
        Allure.getLifecycle().updateTestCase(r -> r.setStatusDetails(new StatusDetails().setMessage(message)));
    }

    /**
     * The one-sided test that the per-seed gains {@code gain(seed)} are above zero, for a
     * {@link DirectionFamily}; the seeds are read when the family is judged (a claim class is
     * loaded at the paper scale too, where the bench budget does not exist).
     */
    static java.util.function.Supplier<Statistics.DirectionTest> gainTest(java.util.function.Supplier<int[]> seeds,
            java.util.function.IntToDoubleFunction gain, double alpha) {
        return () -> Statistics.above(Arrays.stream(seeds.get()).mapToDouble(gain).toArray(), 0, alpha);
    }

    /**
     * A direction on a gain: per seed, the gain (points) of {@code better} over {@code worse}
     * (C3's and C5's averages over tasks or settings, C4's and C6's single gains), one Allure step
     * per seed, and the family's verdict on "the gain is above zero" ({@link #gainTest}).
     *
     * @param anchor a run of {@code better} per seed (its row is attached; its seed selects the gain)
     * @param gain the gain of one seed
     * @param words the direction in words, e.g. "REGSL beats sce in test accuracy averaged over both settings"
     * @param unit the gain's unit, e.g. "points"
     */
    static void checkGain(ExpectedResultsFile file, String claim, CellId id, DirectionFamily family, String words,
            String unit, int[] seeds, IntFunction<? extends RunRecord> anchor, java.util.function.IntToDoubleFunction gain,
            String paper, String table) {
        SeedValues gains = perSeed(seeds, anchor, r -> gain.applyAsDouble(r.seed()), "gain (" + unit + "): " + words);
        Statistics.DirectionTest t = family.judge(id.toString()).test();
        String details = String.format(Locale.ROOT, "per-seed gain (%s): %s%nmean %.3f, %.0f %% CI [%.3f, %.3f]"
                + " (Student t, n = %d: the two one-sided %.0f %% bounds)%npaper: %s%n%n%s", unit,
                Arrays.toString(gains.values()), t.effect(), 100 * t.intervalLevel(), t.lower(), t.upper(), t.n(),
                100 * (1 - t.alpha()), paper, table);
        Allure.addAttachment(claim + " table", "text/markdown", table, "md");
        checkDirection(file, claim, id, words + String.format(Locale.ROOT, " (gain %.2f %s, %.0f %% CI [%.2f, %.2f])",
                t.effect(), unit, 100 * t.intervalLevel(), t.lower(), t.upper()), paper, family, details, gains.seeds());
    }

    /** The bench tasks a bench cell id may name (they have no paper counterpart of the same name). */
    private static final java.util.Set<String> BENCH_TASKS = java.util.Set.copyOf(java.util.stream.Stream.of(
            org.regsl.bench.data.BenchTasks.ALL_TARGETS, org.regsl.bench.experiment.Design.MULTI_LABEL.targets(),
            org.regsl.bench.data.text.TextRecipe.TARGETS.stream().map(org.regsl.bench.data.text.TextRecipe::name)
                    .toList()).flatMap(List::stream).toList());

    /**
     * What the paper column says of a bench cell: that it is a bench analog, and of which paper
     * cells of the same file (same path once the bench task is dropped; the bench's
     * {@code standard} source stands for the paper's {@code pretrained} start), or of the poster's
     * Average column.
     */
    static String paperAnalog(ExpectedResultsFile file, CellId bench) {
        List<String> parts = bench.parts().stream().filter(p -> !BENCH_TASKS.contains(p))
                .map(p -> p.equals("standard") ? "pretrained" : p).toList();
        if (parts.contains("average")) {
            return "bench analog of the poster's Average column (no per-cell paper value offline)";
        }
        List<ExpectedResults.Cell> matches = file.data().cells.stream().filter(c -> "paper".equals(c.scale))
                .filter(c -> {
                    List<String> p = CellId.parse(c.id).parts();
                    return p.size() == parts.size() + 1 && p.subList(1, p.size()).equals(parts);
                }).toList();
        if (matches.isEmpty()) {
            return "bench analog; the poster prints no value for this cell";
        }
        if (matches.size() == 1) {
            return "bench analog of " + matches.get(0).id + " (" + Format.paper(matches.get(0).paper) + ")";
        }
        return "bench analog of " + matches.stream().map(c -> c.id + " (" + (c.paper == null || c.paper.mean == null
                ? "absent" : Format.meanStd(c.paper.mean, c.paper.std == null ? 0 : c.paper.std)) + ")")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** What the ledger, the report and the console call a move to or from {@code not significant} in portable mode. */
    static final String DIFFERS = "verdict differs on this platform";

    /**
     * Record mode refuses a tree with uncommitted changes to tracked files, and the tiny budget
     * (a pipeline check whose values mean nothing) writing into the tracked files, unless told
     * otherwise.
     */
    private static void requireRecordable(String id) {
        if (Settings.budgetName().equals("tiny") && !Settings.recordTiny()) {
            throw new IllegalStateException("record mode refuses to record " + id + " at the tiny budget into the"
                    + " tracked expected-results files (a pipeline check, not a result): pass -Dregsl.record.tiny=true"
                    + " to do it on purpose");
        }
        if (Provenances.commit().endsWith("-dirty") && !Settings.recordAllowDirty()) {
            throw new IllegalStateException("record mode refuses to record " + id + " over uncommitted changes to"
                    + " tracked files (commit " + Provenances.commit() + "): commit first, or pass"
                    + " -Dregsl.record.allowDirty=true");
        }
    }

    private static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static ExpectedResults.Cell find(ExpectedResultsFile file, String id) {
        return file.data().cells.stream().filter(c -> c.id.equals(id)).findFirst().orElse(null);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : (x > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
    }
}
