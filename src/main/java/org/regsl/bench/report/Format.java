package org.regsl.bench.report;

import java.util.Locale;
import org.regsl.bench.claim.ExpectedResults;
import org.regsl.bench.claim.Statistics;

/** How numbers are printed in reports and the ledger. */
public final class Format {

    private Format() {}

    /** {@code mean ± std} with 4 significant digits. */
    public static String meanStd(double mean, double std) {
        return String.format(Locale.ROOT, "%.4g ± %.2g", mean, std);
    }

    /** {@code mean ± std (n)} of per-seed values. */
    public static String values(double[] v) {
        return meanStd(Statistics.mean(v), Statistics.std(v)) + " (n=" + v.length + ")";
    }

    /** A paper value as printed, or its absence. */
    public static String paper(ExpectedResults.PaperValue p) {
        if (p == null) {
            return "not available offline";
        }
        if (p.mean == null) {
            return "absent: " + p.absent;
        }
        return (p.std == null ? String.format(Locale.ROOT, "%.2f", p.mean)
                : String.format(Locale.ROOT, "%.2f ± %.2f", p.mean, p.std)) + " (" + p.source + ")";
    }

    /** A parameter name for chart axes: {@code 04stage3_03conv2_weight} becomes {@code stage3_conv2}. */
    public static String layer(String parameterName) {
        return parameterName.replaceAll("^\\d+", "").replaceAll("_\\d+", "_").replace("_weight", "");
    }

    /** A sigma as {@code 1e-2}. */
    public static String sigma(double s) {
        return String.format(Locale.ROOT, "%.0e", s).replace("e-0", "e-");
    }
}
