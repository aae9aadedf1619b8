package org.regsl.bench.config;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Run-wide switches, read once from system properties (with environment fall-backs). One place
 * for every knob a user can turn from the command line; the README lists them.
 *
 * <ul>
 *   <li>{@code regsl.budget} = {@code bench} (default) or {@code smoke}: see {@link Budget};
 *   <li>{@code regsl.scale} = {@code bench} (default) or {@code paper};
 *   <li>{@code regsl.record} = {@code true} rewrites the measured values in expected-results;
 *   <li>{@code regsl.cache} / {@code REGSL_CACHE}: data and source-model cache, default
 *       {@code ~/.cache/regsl-bench};
 *   <li>{@code regsl.data} / {@code REGSL_DATA}: root of the paper-scale data sets;
 *   <li>{@code regsl.reports}: where Allure results and the ledger go (default {@code reports}).
 * </ul>
 */
public final class Settings {

    private Settings() {}

    /** The budget selected by {@code -Dregsl.budget}. */
    public static Budget budget() {
        return Budget.named(System.getProperty("regsl.budget", "bench"));
    }

    /** The scale selected by {@code -Dregsl.scale}: {@code bench} or {@code paper}. */
    public static String scale() {
        return System.getProperty("regsl.scale", "bench");
    }

    /** True when bench values in expected-results are to be rewritten from this run. */
    public static boolean recordMode() {
        return Boolean.parseBoolean(System.getProperty("regsl.record", "false"));
    }

    /** The cache directory for data sets and source models (outside git). */
    public static Path cacheDir() {
        return pathSetting(
                "regsl.cache",
                "REGSL_CACHE",
                Paths.get(System.getProperty("user.home"), ".cache", "regsl-bench").toString());
    }

    /** The data root of the paper-scale data sets, or null when none is configured. */
    public static Path paperDataRoot() {
        String v = System.getProperty("regsl.data", System.getenv("REGSL_DATA"));
        return v == null || v.isBlank() ? null : Paths.get(v);
    }

    /** The project directory (set by Maven), used to find datasets.yaml and expected-results. */
    public static Path projectDir() {
        return Paths.get(System.getProperty("regsl.project", ".")).toAbsolutePath().normalize();
    }

    /** The reports directory: Allure results, Allure report, REPRODUCTION.md. */
    public static Path reportsDir() {
        return Paths.get(System.getProperty("regsl.reports", projectDir().resolve("reports").toString()));
    }

    /** Intra-op threads libtorch was pinned to (the thread count changes the bits). */
    public static int threads() {
        return Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
    }

    private static Path pathSetting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return Paths.get(v == null || v.isBlank() ? fallback : v);
    }
}
