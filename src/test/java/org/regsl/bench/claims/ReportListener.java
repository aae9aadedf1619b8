package org.regsl.bench.claims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.regsl.bench.claim.Provenances;
import org.regsl.bench.config.Settings;
import org.regsl.bench.report.Ledger;

/**
 * Writes the report's frame around the tests: Allure's {@code environment.properties} and
 * {@code categories.json} when the test plan starts, and the reproduction ledger
 * ({@code reports/REPRODUCTION.md}) when it ends. Registered through META-INF/services.
 */
public final class ReportListener implements TestExecutionListener {

    private static final String CATEGORIES = """
            [
              {"name": "Out of tolerance", "matchedStatuses": ["failed"], "messageRegex": ".*out of tolerance.*"},
              {"name": "Verdict changed", "matchedStatuses": ["failed"], "messageRegex": ".*verdict changed.*"},
              {"name": "Other scale", "matchedStatuses": ["skipped"], "messageRegex": ".*scale not selected.*"},
              {"name": "Data set missing", "matchedStatuses": ["skipped"], "messageRegex": ".*data set missing.*"},
              {"name": "Weights missing", "matchedStatuses": ["skipped"], "messageRegex": ".*weights missing.*"},
              {"name": "Differs from the paper", "matchedStatuses": ["failed"], "messageRegex": ".*against the paper.*"},
              {"name": "No GPU", "matchedStatuses": ["skipped"], "messageRegex": ".*no GPU.*"},
              {"name": "Not implemented yet", "matchedStatuses": ["skipped"], "messageRegex": ".*not implemented yet.*"},
              {"name": "Diverged (NaN)", "matchedStatuses": ["broken", "failed"], "messageRegex": ".*diverged.*"},
              {"name": "Data set corrupt", "matchedStatuses": ["broken", "failed"],
               "messageRegex": ".*(digest mismatch|malformed|truncated).*"}
            ]
            """;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
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
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        try {
            Ledger.write(Settings.reportsDir().resolve("REPRODUCTION.md"), environment());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        env.put("machine", Provenances.machine());
        env.put("cache", Settings.cacheDir().toString());
        return env;
    }
}
