package org.regsl.bench.config;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Run-wide switches, read once from system properties (with environment fall-backs). One place
 * for every knob a user can turn from the command line; the README lists them.
 *
 * <ul>
 *   <li>{@code regsl.budget} = {@code bench} (default) or {@code smoke} at the bench scale (see
 *       {@link Budget}); {@code paper} (default) or {@code tiny} at the paper scale (see
 *       {@link PaperBudget});
 *   <li>{@code regsl.scale} = {@code bench} (default) or {@code paper}: which cells run;
 *   <li>{@code regsl.device} = {@code auto} (default: a GPU if there is one), {@code gpu} or
 *       {@code cpu}; paper-scale cells need a GPU unless {@code cpu} forces them onto the CPU;
 *   <li>{@code regsl.weights} / {@code REGSL_WEIGHTS}: folder of the pretrained ResNet weights
 *       ({@code <net>-imagenet.safetensors}, {@code <net>-robust.safetensors});
 *   <li>{@code regsl.record} = {@code true} rewrites the measured values in expected-results;
 *   <li>{@code regsl.cache} / {@code REGSL_CACHE}: data and source-model cache, default
 *       {@code ~/.cache/regsl-bench};
 *   <li>{@code regsl.data} / {@code REGSL_DATA}: root of the paper-scale data sets;
 *   <li>{@code regsl.reports}: where Allure results and the ledger go (default {@code reports}).
 * </ul>
 */
public final class Settings {

    private Settings() {}

    /** The bench-scale budget selected by {@code -Dregsl.budget}. */
    public static Budget budget() {
        return Budget.named(System.getProperty("regsl.budget", "bench"));
    }

    /** The paper-scale budget selected by {@code -Dregsl.budget} ({@code paper} unless {@code tiny}). */
    public static PaperBudget paperBudget() {
        String v = System.getProperty("regsl.budget", "paper");
        return PaperBudget.named(v.equals("bench") ? "paper" : v);
    }

    /** The name of the budget of this run, whichever scale it is. */
    public static String budgetName() {
        return scale().equals("paper") ? paperBudget().name() : budget().name();
    }

    /** The scale selected by {@code -Dregsl.scale}: {@code bench} or {@code paper}. */
    public static String scale() {
        String v = nonBlank(System.getProperty("regsl.scale"), "bench").trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("bench") && !v.equals("paper")) {
            throw new IllegalArgumentException("regsl.scale: unknown scale '" + v + "'; known: bench, paper");
        }
        return v;
    }

    /** The device switch {@code -Dregsl.device}: {@code auto}, {@code gpu} or {@code cpu}. */
    public static String device() {
        String v = nonBlank(System.getProperty("regsl.device"), "auto").trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("auto") && !v.equals("gpu") && !v.equals("cpu")) {
            throw new IllegalArgumentException("regsl.device: unknown device '" + v + "'; known: auto, gpu, cpu");
        }
        return v;
    }

    /** The folder of pretrained weights, or null when none is configured. */
    public static Path weightsDir() {
        String v = nonBlank(System.getProperty("regsl.weights"), System.getenv("REGSL_WEIGHTS"));
        return v == null || v.isBlank() ? null : Paths.get(v);
    }

    /** True when bench values in expected-results are to be rewritten from this run. */
    public static boolean recordMode() {
        return Boolean.parseBoolean(System.getProperty("regsl.record", "false"));
    }

    /**
     * True when record mode may write tiny-budget (pipeline check) entries into the tracked
     * expected-results files ({@code -Dregsl.record.tiny=true}); without it such a record is refused.
     */
    public static boolean recordTiny() {
        return Boolean.parseBoolean(System.getProperty("regsl.record.tiny", "false"));
    }

    /** True when record mode may record over uncommitted changes to tracked files ({@code -Dregsl.record.allowDirty=true}). */
    public static boolean recordAllowDirty() {
        return Boolean.parseBoolean(System.getProperty("regsl.record.allowDirty", "false"));
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
        String v = nonBlank(System.getProperty("regsl.data"), System.getenv("REGSL_DATA"));
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

    /**
     * How many runs train at once ({@code -Dregsl.parallel=auto|N}): {@code auto} fills the cores,
     * cores / intra-op threads (at least 1). Each run is bit-deterministic on its own, so this
     * changes time, not numbers (the thread count per run does change the bits).
     */
    public static int parallel() {
        String v = System.getProperty("regsl.parallel", "auto").trim();
        if (v.equals("auto") || v.isEmpty()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, threads()));
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("regsl.parallel: expected auto or a positive whole number, got '" + v + "'");
    }

    /**
     * Intra-op threads libtorch is pinned to (the thread count changes the bits): DJL's
     * {@code ai.djl.pytorch.num_threads}, which the pom sets from {@code regsl.threads}; a JVM
     * started without the pom that sets only {@code -Dregsl.threads} gets it copied to DJL's
     * property (effective when read before the engine starts); the two set to different counts
     * is an error; neither: all cores (libtorch's own default).
     */
    public static synchronized int threads() {
        String djl = nonBlank(System.getProperty("ai.djl.pytorch.num_threads"), null);
        String ours = nonBlank(System.getProperty("regsl.threads"), null);
        if (djl == null && ours != null) {
            System.setProperty("ai.djl.pytorch.num_threads", ours.trim());
            djl = ours;
        }
        if (djl != null && ours != null && !djl.trim().equals(ours.trim())) {
            throw new IllegalArgumentException("regsl.threads is " + ours + " but ai.djl.pytorch.num_threads is " + djl
                    + ": set one of them");
        }
        try {
            return djl == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(djl.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("regsl.threads: expected a positive whole number, got '" + djl + "'");
        }
    }

    /** {@code v}, or {@code fallback} when it is null or blank (an empty -D from the pom means unset). */
    private static String nonBlank(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Path pathSetting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return Paths.get(v == null || v.isBlank() ? fallback : v);
    }
}
