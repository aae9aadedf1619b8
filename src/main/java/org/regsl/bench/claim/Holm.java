package org.regsl.bench.claim;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down procedure (Holm 1979, "A simple sequentially rejective multiple test
 * procedure"): with the m p-values sorted, p_(1) &lt;= ... &lt;= p_(m), reject H_(1..k) for the
 * largest k with p_(j) (m - j + 1) &lt; alpha for every j &lt;= k. It holds the family-wise error
 * rate at alpha under any dependence. The adjusted p-value of H_(i) is
 * max_{j &lt;= i} min(1, (m - j + 1) p_(j)), and H_(i) is rejected exactly when it is below alpha.
 */
public final class Holm {

    private Holm() {}

    /** The Holm-adjusted p-values, in the order of {@code p}. */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " is not in [0, 1]: " + p[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1, (m - j) * p[order[j]]));
            adjusted[order[j]] = running;
        }
        return adjusted;
    }

    /** Which hypotheses Holm's procedure rejects at {@code alpha}, in the order of {@code p}. */
    public static boolean[] reject(double[] p, double alpha) {
        double[] a = adjust(p);
        boolean[] r = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] < alpha;
        }
        return r;
    }
}
