package org.regsl.bench.claim;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The statistics of the suite, all from Apache Commons Math, in one place.
 *
 * <ul>
 *   <li>Cell acceptance, replay mode ({@link #replay}: the numerics that recorded the values are
 *       this run's): every seed's value equals the recorded one within atol + rtol |recorded|.
 *   <li>Cell acceptance, portable mode ({@link #portable}: other numerics): the two-sided
 *       pooled-variance (Student) t-test of the measured per-seed values against the recorded ones
 *       as independent samples, at alpha / m for a claim of m cells (Bonferroni, so the claim's
 *       family-wise error stays at alpha; the claim fails exactly when Holm's procedure would
 *       reject its first hypothesis), with the shift each cell detects at 80 % power
 *       ({@link #detectableShift}). The null is "the same procedure's distribution", so the
 *       variances are equal under it and the pooled test is exact there; Welch's test, with its
 *       fewer degrees of freedom, detected a 3-sd shift of every cell of an 18-cell, 3-seed claim
 *       in 77 % of simulated claims, the pooled test in 95 % (PortableModeSimulationTest). A floor
 *       of atol + rtol |recorded mean| accepts differences below numerical noise without a test
 *       (it also covers zero-variance samples).
 *   <li>Directions: Welch's one-sided t-test (two samples) or a one-sided one-sample t-test;
 *       {@link Verdict#HOLDS} when the paper's side is significant at alpha,
 *       {@link Verdict#CONTRADICTED} when the other side is, otherwise
 *       {@link Verdict#NOT_SIGNIFICANT}. With zero variance on both sides the sign of the mean
 *       difference decides and p is reported as 0.
 * </ul>
 */
public final class Statistics {

    private static final TTest T = new TTest();

    private Statistics() {}

    /** Result of a cell acceptance check. */
    public record Acceptance(boolean pass, double measuredMean, double recordedMean, double pValue, String reason) {}

    /**
     * Result of a direction test.
     *
     * @param detectableEffect the smallest true effect (in the tested quantity's units: the mean
     *     difference, or the mean's distance from the reference) the one-sided test detects with
     *     80 % power at this sample's spread: (t_{1-alpha, n-1} + t_{0.8, n-1}) s / sqrt(n) for one
     *     sample (paired differences included); NaN where there is no spread to judge by
     */
    public record DirectionTest(Verdict verdict, String test, double statistic, double pValue, double detectableEffect) {}

    /** Mean of {@code x}. */
    public static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1) of {@code x}; 0 for a single value. */
    public static double std(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        SummaryStatistics s = new SummaryStatistics();
        Arrays.stream(x).forEach(s::addValue);
        return s.getStandardDeviation();
    }

    /**
     * Two-sided confidence interval of the mean of {@code x} at {@code level} (e.g. 0.95), from
     * Student's t distribution: mean -/+ t_{(1+level)/2, n-1} s / sqrt(n).
     */
    public static double[] confidenceInterval(double[] x, double level) {
        double m = mean(x);
        if (x.length < 2) {
            return new double[] {m, m};
        }
        double t = new org.apache.commons.math3.distribution.TDistribution(x.length - 1)
                .inverseCumulativeProbability((1 + level) / 2);
        double half = t * std(x) / Math.sqrt(x.length);
        return new double[] {m - half, m + half};
    }

    /** Throws {@link NonFiniteMeasurementException} naming {@code what} and the seed when a value is NaN or infinite. */
    public static void requireFinite(String what, List<Integer> seeds, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new NonFiniteMeasurementException(what + ": non-finite measurement " + values[i] + " at seed "
                        + (seeds == null || i >= seeds.size() ? "#" + i : seeds.get(i)));
            }
        }
    }

    /**
     * Replay mode: the measured values must equal the recorded ones seed by seed, each within
     * {@code atol + rtol |recorded|} (float noise only), and the seeds must be the same. A failure
     * names the first seed that differs and both values.
     */
    public static Acceptance replay(List<Integer> seeds, double[] measured, List<Integer> recordedSeeds,
            double[] recorded, double atol, double rtol) {
        double mm = mean(measured);
        double rm = mean(recorded);
        if (!seeds.equals(recordedSeeds)) {
            return new Acceptance(false, mm, rm, 0.0, "replay: seeds " + seeds + " differ from the recorded "
                    + recordedSeeds);
        }
        for (int i = 0; i < measured.length; i++) {
            double tol = atol + rtol * Math.abs(recorded[i]);
            if (!(Math.abs(measured[i] - recorded[i]) <= tol)) {
                return new Acceptance(false, mm, rm, 0.0, String.format(
                        "replay: seed %d measured %.17g, recorded %.17g (difference %.3g > %.3g)", seeds.get(i),
                        measured[i], recorded[i], Math.abs(measured[i] - recorded[i]), tol));
            }
        }
        return new Acceptance(true, mm, rm, 1.0, "replay: every seed equals its recorded value (within "
                + atol + " + " + rtol + " |recorded|)");
    }

    /**
     * Portable mode: the pooled-variance two-sided t-test of measured against recorded values as
     * independent samples at {@code alpha / familySize} (floor as in {@link #accept}); the reason
     * gives the shift the test detects with 80 % power.
     */
    public static Acceptance portable(double[] measured, double[] recorded, double alpha, int familySize,
            double atol, double rtol) {
        double level = alpha / Math.max(1, familySize);
        Acceptance a = accept(measured, recorded, level, atol, rtol);
        double mde = detectableShift(recorded, measured.length, level, 0.8);
        return new Acceptance(a.pass(), a.measuredMean(), a.recordedMean(), a.pValue(), String.format(
                "portable: %s (alpha %.2g / %d cells = %.3g); detects a shift of %.3g (%.2f recorded std) with 80 %% power",
                a.reason(), alpha, familySize, level, mde, std(recorded) == 0 ? 0 : mde / std(recorded)));
    }

    /**
     * The smallest shift of the mean that the pooled two-sided t-test at {@code level} detects with
     * probability {@code power}, for {@code nMeasured} new values against the recorded sample,
     * taking the recorded sample std for both: (t_{1-level/2, df} + t_{power, df}) s sqrt(1/n1 + 1/n2)
     * with df = n1 + n2 - 2 (the usual normal-approximation formula with t quantiles).
     */
    public static double detectableShift(double[] recorded, int nMeasured, double level, double power) {
        int df = nMeasured + recorded.length - 2;
        if (df < 1) {
            return Double.POSITIVE_INFINITY;
        }
        return (tQuantile(df, 1 - level / 2) + tQuantile(df, power)) * std(recorded)
                * Math.sqrt(1.0 / nMeasured + 1.0 / recorded.length);
    }

    private static final java.util.Map<String, Double> QUANTILES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Student's t quantile (memoized: a claim asks for the same few again and again). */
    private static double tQuantile(int df, double p) {
        return QUANTILES.computeIfAbsent(df + ":" + p, k ->
                new org.apache.commons.math3.distribution.TDistribution(df).inverseCumulativeProbability(p));
    }

    /**
     * Measured against recorded values: equal within the floor atol + rtol |recorded mean|, or else
     * the pooled-variance two-sided t-test at {@code alpha} (samples of two or more that are not
     * both constant).
     */
    public static Acceptance accept(double[] measured, double[] recorded, double alpha, double atol, double rtol) {
        double mm = mean(measured);
        double rm = mean(recorded);
        double floor = atol + rtol * Math.abs(rm);
        if (Math.abs(mm - rm) <= floor) {
            return new Acceptance(true, mm, rm, 1.0, String.format("|%.6g - %.6g| <= floor %.3g", mm, rm, floor));
        }
        if (measured.length < 2 || recorded.length < 2 || (std(measured) == 0 && std(recorded) == 0)) {
            return new Acceptance(false, mm, rm, 0.0, String.format(
                    "mean %.6g differs from recorded %.6g by more than the floor %.3g and the samples cannot be tested",
                    mm, rm, floor));
        }
        double p = T.homoscedasticTTest(measured, recorded);
        boolean pass = p >= alpha;
        return new Acceptance(pass, mm, rm, p, String.format("pooled t-test: mean %.6g vs recorded %.6g, p = %.4g %s alpha %.3g",
                mm, rm, p, pass ? ">=" : "<", alpha));
    }

    /**
     * Checks measured values against a paper's mean ± population std over {@code paperRuns} runs
     * (the official code's numpy std, REGSL-SPEC pitfall 15): Welch's two-sided t-test of the two
     * summaries, the paper's variance converted to the sample variance pop^2 n / (n - 1). The
     * reason gives the 95 % interval of the difference (Welch-Satterthwaite degrees of freedom) and
     * says "consistent with the paper" when p &gt;= alpha (absence of evidence of a difference, not
     * proof of equality) or "differs from the paper".
     */
    public static Acceptance acceptPaper(double[] measured, double paperMean, double paperPopStd, int paperRuns,
            double alpha) {
        requireFinite("paper comparison", null, measured);
        double mm = mean(measured);
        if (measured.length < 2) {
            return new Acceptance(false, mm, paperMean, 0.0, String.format(
                    "%d run(s): mean %.6g vs paper %.6g cannot be tested", measured.length, mm, paperMean));
        }
        double var = paperPopStd * paperPopStd * paperRuns / (paperRuns - 1.0);
        SummaryStatistics ours = new SummaryStatistics();
        for (double x : measured) {
            ours.addValue(x);
        }
        var paper = new org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues(paperMean, var, paperRuns,
                paperMean, paperMean, paperMean * paperRuns);
        double p = (ours.getVariance() == 0 && var == 0) ? (mm == paperMean ? 1.0 : 0.0) : T.tTest(ours, paper);
        boolean pass = p >= alpha;
        double[] ci = differenceInterval(mm, ours.getVariance(), measured.length, paperMean, var, paperRuns, 0.95);
        return new Acceptance(pass, mm, paperMean, p, String.format(
                "%s: mean %.6g vs %.6g ± %.3g (population std, %d runs), difference %.4g, 95 %% CI [%.4g, %.4g],"
                        + " Welch t-test p = %.4g %s alpha %.2g",
                pass ? "consistent with the paper" : "differs from the paper", mm, paperMean, paperPopStd, paperRuns,
                mm - paperMean, ci[0], ci[1], p, pass ? ">=" : "<", alpha));
    }

    /** Welch's interval at {@code level} for the difference of two means from their summaries. */
    static double[] differenceInterval(double m1, double v1, int n1, double m2, double v2, int n2, double level) {
        double a = v1 / n1;
        double b = v2 / n2;
        double se = Math.sqrt(a + b);
        double d = m1 - m2;
        if (se == 0) {
            return new double[] {d, d};
        }
        double df = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
        double t = new org.apache.commons.math3.distribution.TDistribution(df).inverseCumulativeProbability((1 + level) / 2);
        return new double[] {d - t * se, d + t * se};
    }

    /** Verdict on "mean of {@code a} &lt; mean of {@code b}" (Welch, one-sided). */
    public static DirectionTest less(double[] a, double[] b, double alpha) {
        requireFinite("direction, first sample", null, a);
        requireFinite("direction, second sample", null, b);
        String test = "Welch one-sided t-test, n = " + a.length + " vs " + b.length;
        double diff = mean(a) - mean(b);
        if (std(a) == 0 && std(b) == 0 || a.length < 2 || b.length < 2) {
            return bySign(diff, test);
        }
        double t = T.t(a, b);
        double two = T.tTest(a, b);
        DirectionTest d = oneSided(t, two, alpha, test);
        int df = a.length + b.length - 2;
        double pooled = Math.sqrt(((a.length - 1) * Math.pow(std(a), 2) + (b.length - 1) * Math.pow(std(b), 2)) / df);
        return withEffect(d, (tQuantile(df, 1 - alpha) + tQuantile(df, 0.8)) * pooled
                * Math.sqrt(1.0 / a.length + 1.0 / b.length));
    }

    /**
     * Verdict on "mean of {@code a} &lt; mean of {@code b}" for paired samples (the same seeds on
     * both sides): the one-sided one-sample t-test of the differences a - b below 0.
     */
    public static DirectionTest lessPaired(double[] a, double[] b, double alpha) {
        requireFinite("direction, first sample", null, a);
        requireFinite("direction, second sample", null, b);
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples need equal sizes, got " + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        DirectionTest t = below(d, 0, alpha);
        return new DirectionTest(t.verdict(), t.test().replace("one-sample one-sided t-test against 0.0",
                "paired one-sided t-test of the differences"), t.statistic(), t.pValue(), t.detectableEffect());
    }

    /** Verdict on "mean of {@code x} &lt; {@code mu}" (one-sample t-test, one-sided). */
    public static DirectionTest below(double[] x, double mu, double alpha) {
        requireFinite("direction sample", null, x);
        String test = "one-sample one-sided t-test against " + mu + ", n = " + x.length;
        double diff = mean(x) - mu;
        if (x.length < 2 || std(x) == 0) {
            return bySign(diff, test);
        }
        DirectionTest d = oneSided(T.t(mu, x), T.tTest(mu, x), alpha, test);
        return withEffect(d, (tQuantile(x.length - 1, 1 - alpha) + tQuantile(x.length - 1, 0.8)) * std(x)
                / Math.sqrt(x.length));
    }

    private static DirectionTest withEffect(DirectionTest d, double effect) {
        return new DirectionTest(d.verdict(), d.test(), d.statistic(), d.pValue(), effect);
    }

    /** Verdict on "mean of {@code x} &gt; {@code mu}" (one-sample t-test, one-sided). */
    public static DirectionTest above(double[] x, double mu, double alpha) {
        double[] neg = Arrays.stream(x).map(v -> -v).toArray();
        DirectionTest d = below(neg, -mu, alpha);
        return new DirectionTest(d.verdict(), d.test().replace("against " + (-mu), "against " + mu + " (above)"),
                -d.statistic(), d.pValue(), d.detectableEffect());
    }

    /** Without variance there is no test: the sign of the difference (paper side negative) decides. */
    private static DirectionTest bySign(double diff, String test) {
        return new DirectionTest(diff < 0 ? Verdict.HOLDS : diff > 0 ? Verdict.CONTRADICTED : Verdict.NOT_SIGNIFICANT,
                test + " (zero variance: sign of the difference)", diff < 0 ? Double.NEGATIVE_INFINITY
                        : diff > 0 ? Double.POSITIVE_INFINITY : 0, 0.0, Double.NaN);
    }

    private static DirectionTest oneSided(double t, double twoSided, double alpha, String test) {
        double pPaperSide = t < 0 ? twoSided / 2 : 1 - twoSided / 2;
        double pOtherSide = 1 - pPaperSide;
        Verdict v = pPaperSide < alpha ? Verdict.HOLDS : pOtherSide < alpha ? Verdict.CONTRADICTED
                : Verdict.NOT_SIGNIFICANT;
        return new DirectionTest(v, test, t, v == Verdict.CONTRADICTED ? pOtherSide : pPaperSide, Double.NaN);
    }
}
