package org.regsl.bench.data.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.regsl.bench.data.NumpyRandom;

/**
 * SentEval's cross-validation folds, as its classifiers draw them: MR, CR, SUBJ and MPQA are evaluated by
 * {@code StratifiedKFold(n_splits=k, shuffle=True, random_state=1111)} over the samples in SentEval's order (a
 * binary task's positives, then its negatives, each in file order, stably sorted by (token count, label)), with
 * {@code k = 10} (SentEval's {@code kfold} as its examples set it); TREC's training part is sorted the same way and
 * cut by the same splitter for its inner validation. scikit-learn's splitter (0.22 and later): classes encoded
 * by order of first appearance; per fold, the count of each class in {@code sort(y)[i::k]}; per class, the fold
 * numbers repeated by those counts, shuffled by numpy's legacy generator ({@link NumpyRandom}, seeded as
 * {@code RandomState(seed)}, one stream over the classes in order), written to the class's samples in order.
 * Checked against scikit-learn 1.2.1 ({@code src/test/python/senteval_folds.py}).
 */
public final class SentEvalFolds {

    /** SentEval's fold count for the binary tasks. */
    public static final int K = 10;

    /** SentEval's {@code random_state} of its splitters. */
    public static final long SEED = 1111;

    private SentEvalFolds() {}

    /** The test fold (0..k-1) of every sample of labels {@code y}, as {@code StratifiedKFold(k, True, seed)}. */
    public static int[] testFolds(int[] y, int k, long seed) {
        List<Integer> firstSeen = new ArrayList<>();
        int[] encoded = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            int c = firstSeen.indexOf(y[i]);
            if (c < 0) {
                c = firstSeen.size();
                firstSeen.add(y[i]);
            }
            encoded[i] = c;
        }
        int classes = firstSeen.size();
        int[] counts = new int[classes];
        for (int c : encoded) {
            counts[c]++;
        }
        if (Arrays.stream(counts).allMatch(n -> n < k)) {
            throw new IllegalArgumentException("n_splits=" + k + " cannot be greater than the number of members in"
                    + " each class " + Arrays.toString(counts));
        }
        int[] sorted = encoded.clone();
        Arrays.sort(sorted);
        int[][] allocation = new int[k][classes];
        for (int i = 0; i < sorted.length; i++) {
            allocation[i % k][sorted[i]]++;
        }
        NumpyRandom rng = NumpyRandom.seeded(seed);
        int[] folds = new int[y.length];
        for (int c = 0; c < classes; c++) {
            int[] forClass = new int[counts[c]];
            int at = 0;
            for (int f = 0; f < k; f++) {
                for (int r = 0; r < allocation[f][c]; r++) {
                    forClass[at++] = f;
                }
            }
            rng.shuffle(forClass);
            at = 0;
            for (int i = 0; i < y.length; i++) {
                if (encoded[i] == c) {
                    folds[i] = forClass[at++];
                }
            }
        }
        return folds;
    }

    /**
     * SentEval's order of samples: their positions stably sorted by (token count, label), the token count as
     * Python's {@code str.split()} counts it.
     */
    public static int[] sentEvalOrder(List<String> texts, int[] labels) {
        Integer[] pos = new Integer[texts.size()];
        int[] tokens = new int[texts.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i;
            tokens[i] = tokens(texts.get(i));
        }
        Arrays.sort(pos, Comparator.<Integer>comparingInt(i -> tokens[i]).thenComparingInt(i -> labels[i]));
        return Arrays.stream(pos).mapToInt(Integer::intValue).toArray();
    }

    /** The words of {@code text} as Python's {@code str.split()} counts them (runs of its white space, Latin-1's included). */
    public static int tokens(String text) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = isPythonSpace(text.charAt(i));
            if (!space && !in) {
                n++;
            }
            in = !space;
        }
        return n;
    }

    /** Python's {@code str.isspace()} for the characters a Latin-1 or UTF-8 line holds. */
    static boolean isPythonSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f') || c == '\u0085'
                || Character.getType(c) == Character.SPACE_SEPARATOR || c == '\u2028' || c == '\u2029';
    }
}
