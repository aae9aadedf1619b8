package org.regsl.bench.claims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.regsl.bench.claim.Provenances;
import org.regsl.bench.config.Settings;
import org.regsl.bench.report.Ledger;
import org.regsl.bench.train.NumericsFingerprint;

/**
 * Writes the report's frame around the tests: Allure's {@code environment.properties} and
 * {@code categories.json} when the test plan starts, and the reproduction ledger
 * ({@code reports/REPRODUCTION.md}) when it ends. Registered through META-INF/services.
 */
public final class ReportListener implements TestExecutionListener {

    /**
     * The report's categories. Passed cases are sorted by their verdict (their status line starts
     * with it), so the Overview's Categories widget is the poster's scorecard; skipped cases by
     * why they did not conclude, "measured without a reference" first. The messages are mutually
     * exclusive, so each case sits in one category.
     */
    static final String CATEGORIES = """
            [
              {"name": "Direction holds (Holm-adjusted)", "matchedStatuses": ["passed"], "messageRegex": "verdict: holds.*"},
              {"name": "Direction not significant (Holm-adjusted)", "matchedStatuses": ["passed"],
               "messageRegex": "verdict: not significant.*"},
              {"name": "Direction contradicted (Holm-adjusted)", "matchedStatuses": ["passed"],
               "messageRegex": "verdict: contradicted.*"},
              {"name": "Verdict differs on this platform", "matchedStatuses": ["passed"],
               "messageRegex": "verdict differs on this platform.*"},
              {"name": "Consistent with the paper", "matchedStatuses": ["passed"],
               "messageRegex": "consistent with the paper.*"},
              {"name": "Measured without a reference", "matchedStatuses": ["skipped"],
               "messageRegex": ".*measured without a reference.*"},
              {"name": "Out of tolerance", "matchedStatuses": ["failed"], "messageRegex": ".*out of tolerance.*"},
              {"name": "Verdict changed (replay)", "matchedStatuses": ["failed"], "messageRegex": ".*verdict changed.*"},
              {"name": "Verdict reversed (portable)", "matchedStatuses": ["failed"], "messageRegex": ".*verdict reversed.*"},
              {"name": "Not testable", "matchedStatuses": ["broken", "failed"],
               "messageRegex": ".*(needs at least two|not testable).*"},
              {"name": "Non-finite measurement", "matchedStatuses": ["broken", "failed"],
               "messageRegex": ".*non-finite measurement.*"},
              {"name": "Record mode refused", "matchedStatuses": ["broken", "failed"],
               "messageRegex": ".*record mode refuses.*"},
              {"name": "Other scale", "matchedStatuses": ["skipped"], "messageRegex": ".*scale not selected.*"},
              {"name": "Data set missing", "matchedStatuses": ["skipped"], "messageRegex": ".*data set missing.*"},
              {"name": "Weights missing", "matchedStatuses": ["skipped"], "messageRegex": ".*weights missing.*"},
              {"name": "Differs from the paper", "matchedStatuses": ["failed"], "messageRegex": ".*differs from the paper.*"},
              {"name": "No GPU", "matchedStatuses": ["skipped"], "messageRegex": ".*no GPU.*"},
              {"name": "No paper-scale search recorded", "matchedStatuses": ["skipped"],
               "messageRegex": ".*no paper-scale search recorded.*"},
              {"name": "Hyper-parameters missing", "matchedStatuses": ["skipped"],
               "messageRegex": ".*hyper-parameters missing.*"},
              {"name": "Diverged (NaN)", "matchedStatuses": ["broken", "failed"], "messageRegex": ".*diverged.*"},
              {"name": "Data set corrupt", "matchedStatuses": ["broken", "failed"],
               "messageRegex": ".*(digest mismatch|malformed|truncated).*"}
            ]
            """;

    /** Every test method of the plan ({@code class#method}), known when the plan starts. */
    private static final Set<String> PLANNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** True if every test method of {@code claimClass} is in this JVM's test plan (no filter left one out). */
    static boolean wholeClassPlanned(Class<?> claimClass) {
        return Arrays.stream(claimClass.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(ParameterizedTest.class) || m.isAnnotationPresent(Test.class))
                .allMatch(m -> PLANNED.contains(claimClass.getName() + "#" + m.getName()));
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            plan.getDescendants(root).forEach(t -> t.getSource().ifPresent(s -> {
                if (s instanceof MethodSource m) {
                    PLANNED.add(m.getClassName() + "#" + m.getMethodName());
                }
            }));
        }
        String dir = System.getProperty("allure.results.directory");
        if (dir == null) {
            return;
        }
        try {
            Path results = Path.of(dir);
            Files.createDirectories(results);
            StringBuilder env = new StringBuilder();
            environment().forEach((k, v) -> env.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
            Files.writeString(results.resolve("environment.properties"), env.toString());
            Files.writeString(results.resolve("categories.json"), CATEGORIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startAllRuns(plan);
    }

    /**
     * Starts the runs of every claim class in the plan on the compute pool at once (each class's
     * static {@code startRuns}, which its {@code @BeforeAll} calls again), so the pool never idles
     * between claims; the first claim's runs are queued first. Starting twice is harmless. The runs
     * are counted for the claim's progress line (its Allure story, C1-C6).
     */
    private static void startAllRuns(TestPlan plan) {
        Set<String> classes = new java.util.LinkedHashSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            plan.getDescendants(root).forEach(t -> t.getSource().ifPresent(s -> {
                if (s instanceof org.junit.platform.engine.support.descriptor.ClassSource c) {
                    classes.add(c.getClassName());
                }
            }));
        }
        for (String name : classes) {
            try {
                Class<?> cls = Class.forName(name);
                java.lang.reflect.Method m = cls.getDeclaredMethod("startRuns");
                m.setAccessible(true);
                io.qameta.allure.Story story = cls.getAnnotation(io.qameta.allure.Story.class);
                org.regsl.bench.experiment.Progress.during(story == null ? cls.getSimpleName() : story.value(), () -> {
                    try {
                        m.invoke(null);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(name + ".startRuns failed: " + e.getCause(), e);
                    }
                });
            } catch (NoSuchMethodException e) {
                // a class without runs of its own
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(name + ".startRuns failed: " + e.getCause(), e);
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (Settings.recordMode()) {
            pruneStaleEntries();
        }
        try {
            Ledger.write(Settings.reportsDir().resolve("REPRODUCTION.md"), environment());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        printSummary();
    }

    /**
     * Record mode: in every expected-results file a claim class recorded into, removes the entries
     * of this budget that the run did not produce, but only when every test method of that class
     * was in the plan (a run filtered to some methods prunes nothing).
     */
    private static void pruneStaleEntries() {
        ClaimSupport.LOADED.forEach((file, claimClass) -> {
            if (!file.recordedAnything()) {
                return;
            }
            if (!wholeClassPlanned(claimClass)) {
                System.out.println("RECORD " + file.path().getFileName() + ": only some tests ran; stale entries kept");
                return;
            }
            for (String id : file.pruneStale(Settings.budgetName())) {
                System.out.println("RECORD " + file.path().getFileName() + ": removed " + id + " (" + Settings.budgetName()
                        + "), which no test produces any more");
                Ledger.add(new Ledger.Row(file.data().claim, id, "", "", "", "removed from the record: no test"
                        + " produces it any more"));
            }
        });
    }

    /** The console's closing lines: fingerprint, how cells were compared, verdicts that differ on this platform. */
    private static void printSummary() {
        List<Ledger.Row> rows = Ledger.rows();
        if (rows.isEmpty()) {
            return;
        }
        long replay = rows.stream().filter(r -> r.verdict().contains("replay")).count();
        long portable = rows.stream().filter(r -> r.verdict().contains("portable")).count();
        List<Ledger.Row> differ = rows.stream().filter(r -> r.verdict().startsWith(ClaimSupport.DIFFERS)).toList();
        System.out.println();
        System.out.println("RegSL Bench: numerics fingerprint " + NumericsFingerprint.current().id() + " (C7, with the"
                + " ViT canary: " + NumericsFingerprint.current().idWithVit() + "; C9, with the encoder canary: "
                + NumericsFingerprint.current().idWithEncoder() + ")");
        System.out.println("RegSL Bench: " + replay + " checks in replay mode (recorded on these numerics: values must"
                + " be equal), " + portable + " in portable mode (other numerics: statistical comparison)");
        long unreferenced = rows.stream().filter(r -> r.verdict().startsWith(
                org.regsl.bench.report.Scorecard.MEASURED_WITHOUT_REFERENCE)).count();
        long skipped = rows.stream().filter(r -> r.verdict().startsWith("skipped")).count();
        System.out.println("RegSL Bench: " + unreferenced + " cells measured without a reference (ran, compared with"
                + " nothing: not a pass), " + skipped + " skipped (not run; the ledger says why)");
        java.util.Map<String, Long> verdicts = new java.util.TreeMap<>();
        Ledger.directions().forEach(d -> verdicts.merge(d.verdict(), 1L, Long::sum));
        if (!verdicts.isEmpty()) {
            System.out.println("RegSL Bench: direction verdicts (Holm-adjusted per claim): " + verdicts);
        }
        if (!differ.isEmpty()) {
            System.out.println("RegSL Bench: " + differ.size() + " direction verdict(s) differ on this platform (not"
                    + " reversed, so they pass):");
            differ.forEach(r -> System.out.println("  " + r.claim() + " " + r.cell() + ": recorded " + r.expected()
                    + ", here " + r.measured()));
        }
        org.regsl.bench.experiment.Progress.summary().forEach(l -> System.out.println("RegSL Bench: time of " + l));
        System.out.println("RegSL Bench: ledger " + Settings.reportsDir().resolve("REPRODUCTION.md"));
    }

    /** The facts every report carries: versions, device, threads, commit, budget. */
    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("scale", Settings.scale());
        env.put("budget", Settings.budgetName());
        env.put("record.mode", String.valueOf(Settings.recordMode()));
        env.put("commit", Provenances.commit());
        env.put("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        env.put("djl", ai.djl.engine.Engine.getDjlVersion());
        env.put("libtorch", ai.djl.engine.Engine.getInstance().getVersion());
        env.put("device", Provenances.device());
        env.put("intra.op.threads", String.valueOf(Settings.threads()));
        env.put("numerics.fingerprint", NumericsFingerprint.current().id());
        env.put("numerics.fingerprint.vit", NumericsFingerprint.current().idWithVit()); // C7's values replay under it
        env.put("machine", Provenances.machine());
        env.put("cache", Settings.cacheDir().toString());
        return env;
    }
}
