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
 *       as independent samples, at alpha / M for a suite of M recorded cells (Bonferroni over the
 *       whole suite, so a clean run on other numerics fails the suite in at most alpha of cases),
 *       with the shift each cell detects at 80 % power ({@link #detectableShift}). The null is
 *       "the same procedure's distribution", so the variances are equal under it and the pooled
 *       test is exact there (Welch's test, with its fewer degrees of freedom, had less power in
 *       PortableModeSimulationTest). A floor
 *       of atol + rtol |recorded mean| accepts differences below numerical noise without a test
 *       (it also covers zero-variance samples).
 *   <li>Directions: a one-sided one-sample t-test (of paired differences, of per-seed gains, or of
 *       values against a reference), with the effect oriented so that positive is the paper's way
 *       round and its two one-sided 1 - alpha bounds (the 90 % two-sided interval at alpha 0.05,
 *       the interval that matches the one-sided test). Fewer than two values are refused
 *       ({@link UntestableException}); zero spread with zero effect gives p = 0.5 on each side.
 *       The verdict a claim reports is adjusted over its directions by Holm's procedure
 *       ({@link DirectionFamily}, {@link Holm}).
 * </ul>
 */
public final class Statistics {

    private static final TTest T = new TTest();

    private Statistics() {}

    /** Result of a cell acceptance check. */
    public record Acceptance(boolean pass, double measuredMean, double recordedMean, double pValue, String reason) {}

    /**
     * Result of one direction's test, before any multiplicity adjustment ({@link DirectionFamily}
     * adjusts it over the claim's directions).
     *
     * @param test the test in words
     * @param n the number of values (seeds, or paired differences)
     * @param statistic the t statistic, oriented: positive is the paper's way round
     * @param pPaper one-sided p of the paper's side (H0: the effect is at most zero)
     * @param pOther one-sided p of the opposite side (H0: the effect is at least zero)
     * @param effect the estimated effect, oriented: positive is the paper's way round (a mean gain,
     *     a mean difference, or the mean's distance from the reference)
     * @param lower the one-sided 1 - alpha lower bound of the effect
     * @param upper the one-sided 1 - alpha upper bound (with {@code lower}: the 1 - 2 alpha interval)
     * @param detectableEffect the smallest true effect the one-sided test detects with 80 % power
     *     at this sample's spread, (t_{1-alpha, n-1} + t_{0.8, n-1}) s / sqrt(n); NaN without spread
     * @param alpha the level of each one-sided test
     */
    public record DirectionTest(String test, int n, double statistic, double pPaper, double pOther, double effect,
            double lower, double upper, double detectableEffect, double alpha) {

        /** The verdict of this test alone, at its alpha, without multiplicity adjustment. */
        public Verdict unadjusted() {
            return pPaper < alpha ? Verdict.HOLDS : pOther < alpha ? Verdict.CONTRADICTED : Verdict.NOT_SIGNIFICANT;
        }

        /** The confidence level of {@code [lower, upper]} as a two-sided interval, e.g. 0.90. */
        public double intervalLevel() {
            return 1 - 2 * alpha;
        }
    }

    /** Mean of {@code x}. */
    public static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1) of {@code x}; 0 for a single value (callers that test refuse n &lt; 2). */
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
            throw new UntestableException("a confidence interval needs at least two values, got " + x.length);
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
                "portable: %s (alpha %.2g / %d cells of the suite = %.3g); detects a shift of %.3g (%.2f recorded std) with 80 %% power",
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
        if (measured.length < 2 || paperRuns < 2) {
            throw new UntestableException(String.format(java.util.Locale.ROOT, "a comparison with the paper needs at"
                    + " least two measured runs and a paper value over at least two runs; got %d measured run(s)"
                    + " (mean %.6g) and %d paper run(s) (%.6g)", measured.length, mm, paperRuns, paperMean));
        }
        if (!(paperPopStd >= 0) || !Double.isFinite(paperMean)) {
            throw new IllegalArgumentException("the paper's value needs a finite mean and a std >= 0, got " + paperMean
                    + " ± " + paperPopStd);
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

    /**
     * Verdict on "mean of {@code a} &lt; mean of {@code b}" for paired samples (the same seeds on
     * both sides): the one-sided one-sample t-test of the differences b - a above 0, so the effect
     * is how much lower {@code a} is.
     */
    public static DirectionTest lessPaired(double[] a, double[] b, double alpha) {
        requireFinite("direction, first sample", null, a);
        requireFinite("direction, second sample", null, b);
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples need equal sizes, got " + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = b[i] - a[i];
        }
        return oneSample(d, 0, true, alpha, "paired one-sided t-test of the differences");
    }

    /** Verdict on "mean of {@code x} &lt; {@code mu}" (one-sample t-test, one-sided); the effect is mu - mean. */
    public static DirectionTest below(double[] x, double mu, double alpha) {
        return oneSample(x, mu, false, alpha, "one-sample one-sided t-test below " + mu);
    }

    /** Verdict on "mean of {@code x} &gt; {@code mu}" (one-sample t-test, one-sided); the effect is mean - mu. */
    public static DirectionTest above(double[] x, double mu, double alpha) {
        return oneSample(x, mu, true, alpha, "one-sample one-sided t-test above " + mu);
    }

    /**
     * The one-sided one-sample t-test of "the mean of {@code x} lies on the paper's side of
     * {@code mu}" (above it when {@code paperAbove}). The effect is oriented so that a positive
     * value is the paper's way round; its interval is the two one-sided 1 - alpha bounds (the
     * 1 - 2 alpha two-sided interval: 90 % at alpha 0.05), so the unadjusted verdict is
     * {@code holds} exactly when the lower bound is above zero and {@code contradicted} exactly
     * when the upper bound is below it. Fewer than two values cannot be tested (an error); every
     * value equal to {@code mu} gives p = 0.5 on each side (p = 1 two-sided); every value equal
     * but not to {@code mu} gives p = 0 on that side (the spread is zero, the sign is certain).
     */
    private static DirectionTest oneSample(double[] x, double mu, boolean paperAbove, double alpha, String name) {
        requireFinite("direction sample", null, x);
        if (x.length < 2) {
            throw new UntestableException(name + " needs at least two values, got " + x.length
                    + (x.length == 1 ? " (" + x[0] + ")" : ""));
        }
        int n = x.length;
        double diff = mean(x) - mu;
        double effect = paperAbove ? diff : -diff;
        double s = std(x);
        String test = name + ", n = " + n;
        if (s == 0) {
            double pPaper = effect > 0 ? 0.0 : effect < 0 ? 1.0 : 0.5;
            double t = effect > 0 ? Double.POSITIVE_INFINITY : effect < 0 ? Double.NEGATIVE_INFINITY : 0;
            return new DirectionTest(test + " (zero spread: every value equal)", n, t, pPaper,
                    effect == 0 ? 0.5 : 1 - pPaper, effect, effect, effect, Double.NaN, alpha);
        }
        double se = s / Math.sqrt(n);
        double t = effect / se;
        org.apache.commons.math3.distribution.TDistribution dist =
                new org.apache.commons.math3.distribution.TDistribution(n - 1);
        double pPaper = 1 - dist.cumulativeProbability(t);
        double pOther = dist.cumulativeProbability(t);
        double half = tQuantile(n - 1, 1 - alpha) * se;
        double detectable = (tQuantile(n - 1, 1 - alpha) + tQuantile(n - 1, 0.8)) * se;
        return new DirectionTest(test, n, t, pPaper, pOther, effect, effect - half, effect + half, detectable, alpha);
    }
}
