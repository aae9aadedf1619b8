package org.regsl.bench.claim;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The statistics of the suite, all from Apache Commons Math, in one place.
 *
 * <ul>
 *   <li>Cell acceptance: Welch's two-sided t-test (unequal variances) of the measured per-seed
 *       values against the recorded ones; the cell fails when p &lt; alpha. A floor of
 *       atol + rtol |recorded mean| accepts differences below numerical noise without a test
 *       (it also covers zero-variance samples, where the t statistic is undefined).
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

    /** Result of a direction test. */
    public record DirectionTest(Verdict verdict, String test, double statistic, double pValue) {}

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

    /** Checks measured values against recorded ones with the rule of an expected-results file. */
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
        double p = T.tTest(measured, recorded);
        boolean pass = p >= alpha;
        return new Acceptance(pass, mm, rm, p, String.format("Welch t-test: mean %.6g vs recorded %.6g, p = %.4g %s alpha %.2g",
                mm, rm, p, pass ? ">=" : "<", alpha));
    }

    /**
     * Checks measured values against a paper's mean ± population std over {@code paperRuns} runs
     * (the official code's numpy std, REGSL-SPEC pitfall 15): Welch's two-sided t-test of the two
     * summaries, the paper's variance converted to the sample variance pop^2 n / (n - 1).
     */
    public static Acceptance acceptPaper(double[] measured, double paperMean, double paperPopStd, int paperRuns,
            double alpha) {
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
        return new Acceptance(pass, mm, paperMean, p, String.format(
                "Welch t-test against the paper: mean %.6g vs %.6g ± %.3g (population std, %d runs), p = %.4g %s alpha %.2g",
                mm, paperMean, paperPopStd, paperRuns, p, pass ? ">=" : "<", alpha));
    }

    /** Verdict on "mean of {@code a} &lt; mean of {@code b}" (Welch, one-sided). */
    public static DirectionTest less(double[] a, double[] b, double alpha) {
        String test = "Welch one-sided t-test, n = " + a.length + " vs " + b.length;
        double diff = mean(a) - mean(b);
        if (std(a) == 0 && std(b) == 0 || a.length < 2 || b.length < 2) {
            return bySign(diff, test);
        }
        double t = T.t(a, b);
        double two = T.tTest(a, b);
        return oneSided(t, two, alpha, test);
    }

    /** Verdict on "mean of {@code x} &lt; {@code mu}" (one-sample t-test, one-sided). */
    public static DirectionTest below(double[] x, double mu, double alpha) {
        String test = "one-sample one-sided t-test against " + mu + ", n = " + x.length;
        double diff = mean(x) - mu;
        if (x.length < 2 || std(x) == 0) {
            return bySign(diff, test);
        }
        return oneSided(T.t(mu, x), T.tTest(mu, x), alpha, test);
    }

    /** Verdict on "mean of {@code x} &gt; {@code mu}" (one-sample t-test, one-sided). */
    public static DirectionTest above(double[] x, double mu, double alpha) {
        double[] neg = Arrays.stream(x).map(v -> -v).toArray();
        DirectionTest d = below(neg, -mu, alpha);
        return new DirectionTest(d.verdict(), d.test().replace("against " + (-mu), "against " + mu + " (above)"),
                -d.statistic(), d.pValue());
    }

    /** Without variance there is no test: the sign of the difference (paper side negative) decides. */
    private static DirectionTest bySign(double diff, String test) {
        return new DirectionTest(diff < 0 ? Verdict.HOLDS : diff > 0 ? Verdict.CONTRADICTED : Verdict.NOT_SIGNIFICANT,
                test + " (zero variance: sign of the difference)", diff < 0 ? Double.NEGATIVE_INFINITY
                        : diff > 0 ? Double.POSITIVE_INFINITY : 0, 0.0);
    }

    private static DirectionTest oneSided(double t, double twoSided, double alpha, String test) {
        double pPaperSide = t < 0 ? twoSided / 2 : 1 - twoSided / 2;
        double pOtherSide = 1 - pPaperSide;
        Verdict v = pPaperSide < alpha ? Verdict.HOLDS : pOtherSide < alpha ? Verdict.CONTRADICTED
                : Verdict.NOT_SIGNIFICANT;
        return new DirectionTest(v, test, t, v == Verdict.CONTRADICTED ? pOtherSide : pPaperSide);
    }
}
