package org.regsl.bench.measure;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The area under the ROC curve of scores against binary labels, as scikit-learn's
 * {@code roc_auc_score} computes it: the Mann-Whitney statistic U / (n_pos n_neg), the share of
 * (positive, negative) pairs in which the positive scores higher, a tie counting one half
 * (average ranks). With no positive or no negative the AUC is undefined and an error (sklearn
 * raises too).
 */
public final class RocAuc {

    private RocAuc() {}

    /** The AUC of {@code scores} against {@code positive}; {@code what} names the finding in an error. */
    public static double of(double[] scores, boolean[] positive, String what) {
        int n = scores.length;
        if (positive.length != n) {
            throw new IllegalArgumentException(what + ": " + n + " scores but " + positive.length + " labels");
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPositive = 0;
        long pos = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // 1-based ranks i+1..j+1 share their mean
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += averageRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException(what + ": ROC AUC is undefined with " + pos + " positive and " + neg
                    + " negative samples");
        }
        double u = rankSumPositive - pos * (pos + 1) / 2.0;
        return u / ((double) pos * neg);
    }
}
