package org.regsl.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ROC AUC as sklearn's roc_auc_score, on cases computed by hand (pairs counted, ties one half). */
class RocAucTest {

    private static boolean[] labels(int... y) {
        boolean[] b = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            b[i] = y[i] == 1;
        }
        return b;
    }

    @Test
    void handComputedCases() {
        // sklearn's documented example: positives 0.35, 0.8 against negatives 0.1, 0.4: 3 of 4 pairs
        assertEquals(0.75, RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, labels(0, 0, 1, 1), "x"), 1e-15);
        // a tie between a positive and a negative counts one half: (1 + 0.5 + 1 + 1) / 4
        assertEquals(0.875, RocAuc.of(new double[] {0.1, 0.5, 0.5, 0.9}, labels(0, 1, 0, 1), "x"), 1e-15);
        // all tied: 0.5
        assertEquals(0.5, RocAuc.of(new double[] {3, 3, 3, 3, 3}, labels(1, 0, 0, 1, 0), "x"), 1e-15);
        // perfectly separated, and reversed
        assertEquals(1.0, RocAuc.of(new double[] {-2, -1, 5, 7}, labels(0, 0, 1, 1), "x"), 1e-15);
        assertEquals(0.0, RocAuc.of(new double[] {5, 7, -2, -1}, labels(0, 0, 1, 1), "x"), 1e-15);
        // three positives, two negatives with a three-way tie: pairs (p, n) = 6;
        // p=0.2 vs n=0.2 tie (0.5), vs n=0.1 (1); p=0.2 (second) same: 0.5 + 1; p=0.9: 2 -> 5 / 6
        assertEquals(5.0 / 6, RocAuc.of(new double[] {0.2, 0.2, 0.9, 0.2, 0.1}, labels(1, 1, 1, 0, 0), "x"), 1e-15);
    }

    @Test
    void theOrderOfEqualScoresDoesNotMatter() {
        double a = RocAuc.of(new double[] {1, 1, 2, 2, 0}, labels(1, 0, 0, 1, 0), "x");
        double b = RocAuc.of(new double[] {1, 1, 2, 2, 0}, labels(0, 1, 1, 0, 0), "x");
        assertEquals(a, b, 1e-15);
    }

    @Test
    void aFindingWithOneClassOnlyIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.of(new double[] {1, 2}, labels(1, 1), "test finding 3"));
        assertTrue(e.getMessage().startsWith("test finding 3: ROC AUC is undefined with 2 positive and 0 negative"),
                e.getMessage());
    }
}
