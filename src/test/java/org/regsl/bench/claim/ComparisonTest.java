package org.regsl.bench.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replay and portable comparisons, the detectable shift, paper comparisons, verdict reversals and
 * the zero-variance and non-finite edges, on hand-computed cases (t quantiles from tables:
 * t_{0.975,2} 4.302653, t_{0.975,4} 2.776445, t_{0.8,4} 0.940965).
 */
class ComparisonTest {

    private static final List<Integer> SEEDS = List.of(0, 1, 2);

    @Test
    void replayPassesOnlyOnEqualValuesAndSeeds() {
        double[] rec = {0.41, 0.44, 0.39};
        assertTrue(Statistics.replay(SEEDS, rec.clone(), SEEDS, rec, 1e-9, 1e-6).pass());
        // within the float tolerance: atol + rtol |r| = 1e-9 + 4.4e-7
        assertTrue(Statistics.replay(SEEDS, new double[] {0.41, 0.44 + 4e-7, 0.39}, SEEDS, rec, 1e-9, 1e-6).pass());
        Statistics.Acceptance off = Statistics.replay(SEEDS, new double[] {0.41, 0.45, 0.39}, SEEDS, rec, 1e-9, 1e-6);
        assertFalse(off.pass());
        assertTrue(off.reason().contains("seed 1") && off.reason().contains("0.45") && off.reason().contains("0.44"),
                off.reason());
        Statistics.Acceptance seeds = Statistics.replay(List.of(0, 1, 3), rec.clone(), SEEDS, rec, 1e-9, 1e-6);
        assertFalse(seeds.pass());
        assertTrue(seeds.reason().contains("seeds"), seeds.reason());
        // exactly at the tolerance passes, just above fails
        assertTrue(Statistics.replay(List.of(0), new double[] {1.5}, List.of(0), new double[] {1.0}, 0.5, 0).pass());
        assertFalse(Statistics.replay(List.of(0), new double[] {1.5000001}, List.of(0), new double[] {1.0}, 0.5, 0)
                .pass());
        assertFalse(Statistics.replay(List.of(0), new double[] {Double.NaN}, List.of(0), new double[] {1.0}, 0.5, 0)
                .pass());
    }

    @Test
    void portableSplitsAlphaOverTheClaimsCells() {
        double[] rec = {0.41, 0.44, 0.39};
        double[] moved = {0.46, 0.49, 0.45};
        double p = Statistics.accept(moved, rec, 1.0, 0, 0).pValue();
        assertTrue(p < 0.05 && p > 0.05 / 18, "p " + p);
        assertFalse(Statistics.portable(moved, rec, 0.05, 1, 1e-9, 1e-6).pass(), "one cell: alpha 0.05");
        Statistics.Acceptance a = Statistics.portable(moved, rec, 0.05, 18, 1e-9, 1e-6);
        assertTrue(a.pass(), a.reason());
        assertTrue(a.reason().contains("18 cells") && a.reason().contains("80 % power"), a.reason());
        assertEquals(p, a.pValue(), 1e-12);
        assertFalse(Statistics.portable(moved, rec, 0.05, 0, 1e-9, 1e-6).pass(), "no family: alpha itself");
    }

    @Test
    void detectableShiftByHand() {
        // s = 1, n = 3 + 3, df 4: (2.776445 + 0.940965) sqrt(2/3) = 3.035251
        assertEquals(3.035251, Statistics.detectableShift(new double[] {1, 2, 3}, 3, 0.05, 0.8), 1e-5);
        // halving the level raises it; more power raises it; zero spread gives zero
        double base = Statistics.detectableShift(new double[] {1, 2, 3}, 3, 0.05, 0.8);
        assertTrue(Statistics.detectableShift(new double[] {1, 2, 3}, 3, 0.025, 0.8) > base);
        assertTrue(Statistics.detectableShift(new double[] {1, 2, 3}, 3, 0.05, 0.9) > base);
        assertTrue(Statistics.detectableShift(new double[] {1, 2, 3}, 10, 0.05, 0.8) < base);
        assertEquals(0, Statistics.detectableShift(new double[] {2, 2, 2}, 3, 0.05, 0.8));
        assertEquals(Double.POSITIVE_INFINITY, Statistics.detectableShift(new double[] {1}, 1, 0.05, 0.8));
    }

    @Test
    void welchIntervalOfADifferenceByHand() {
        // a = b = 1/3, se = sqrt(2/3), df = 4 -> 2 -/+ 2.776445 x 0.816497 = 2 -/+ 2.266966
        double[] ci = Statistics.differenceInterval(2, 1, 3, 0, 1, 3, 0.95);
        assertEquals(2 - 2.266966, ci[0], 1e-5);
        assertEquals(2 + 2.266966, ci[1], 1e-5);
        double[] none = Statistics.differenceInterval(2, 0, 3, 1, 0, 3, 0.95);
        assertEquals(1, none[0]);
        assertEquals(1, none[1]);
    }

    @Test
    void paperComparisonSaysConsistentOrDiffersWithTheInterval() {
        Statistics.Acceptance ok = Statistics.acceptPaper(new double[] {75.0, 75.5, 74.8}, 75.21, 0.46, 3, 0.05);
        assertTrue(ok.pass(), ok.reason());
        assertTrue(ok.reason().startsWith("consistent with the paper") && ok.reason().contains("95 % CI"), ok.reason());
        Statistics.Acceptance off = Statistics.acceptPaper(new double[] {70.0, 70.5, 69.8}, 75.21, 0.46, 3, 0.05);
        assertFalse(off.pass());
        assertTrue(off.reason().startsWith("differs from the paper"), off.reason());
        assertTrue(off.pValue() < 0.05);
        // the paper's population std becomes a sample variance pop^2 n / (n - 1): with pop std 0 and
        // our spread 0 the test degenerates to equality
        assertEquals(1.0, Statistics.acceptPaper(new double[] {5, 5}, 5, 0, 3, 0.05).pValue());
        assertEquals(0.0, Statistics.acceptPaper(new double[] {5, 5}, 6, 0, 3, 0.05).pValue());
        assertFalse(Statistics.acceptPaper(new double[] {5}, 5, 1, 3, 0.05).pass(), "one run cannot be tested");
        assertThrows(NonFiniteMeasurementException.class,
                () -> Statistics.acceptPaper(new double[] {5, Double.NaN}, 5, 1, 3, 0.05));
    }

    @Test
    void paperVarianceConversionMatters() {
        // measured mean 1, s^2 = 1 (n 3); paper mean 0, population std sqrt(2/3) over 3 runs -> sample variance 1
        // equal variances: t = 1 / sqrt(2/3) = 1.224745, df 4, two-sided p = 0.2879
        double p = Statistics.acceptPaper(new double[] {0, 1, 2}, 0, Math.sqrt(2.0 / 3.0), 3, 0.05).pValue();
        assertEquals(0.2879, p, 1e-3);
    }

    @Test
    void nonFiniteMeasurementsAreErrorsNamingTheSeed() {
        NonFiniteMeasurementException e = assertThrows(NonFiniteMeasurementException.class,
                () -> Statistics.requireFinite("bench/mnist/standard", List.of(4, 7), new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("bench/mnist/standard") && e.getMessage().contains("seed 7"), e.getMessage());
        assertThrows(NonFiniteMeasurementException.class,
                () -> Statistics.requireFinite("x", null, new double[] {Double.POSITIVE_INFINITY}));
        Statistics.requireFinite("x", null, new double[] {0, -1e300});
        assertThrows(NonFiniteMeasurementException.class,
                () -> Statistics.less(new double[] {1, Double.NaN}, new double[] {1, 2}, 0.05));
        assertThrows(NonFiniteMeasurementException.class,
                () -> Statistics.less(new double[] {1, 2}, new double[] {Double.NaN, 2}, 0.05));
        assertThrows(NonFiniteMeasurementException.class,
                () -> Statistics.above(new double[] {1, Double.NaN}, 0, 0.05));
    }

    @Test
    void zeroVarianceDirectionsFollowTheSign() {
        Statistics.DirectionTest h = Statistics.less(new double[] {1, 1}, new double[] {2, 2}, 0.05);
        assertEquals(Verdict.HOLDS, h.verdict());
        assertEquals(Double.NEGATIVE_INFINITY, h.statistic());
        assertEquals(0.0, h.pValue());
        Statistics.DirectionTest c = Statistics.less(new double[] {3, 3}, new double[] {2, 2}, 0.05);
        assertEquals(Verdict.CONTRADICTED, c.verdict());
        assertEquals(Double.POSITIVE_INFINITY, c.statistic());
        Statistics.DirectionTest n = Statistics.less(new double[] {2, 2}, new double[] {2, 2}, 0.05);
        assertEquals(Verdict.NOT_SIGNIFICANT, n.verdict());
        assertEquals(0.0, n.statistic());
        assertTrue(n.test().contains("zero variance"));
        assertEquals(Verdict.HOLDS, Statistics.less(new double[] {1}, new double[] {2, 3}, 0.05).verdict(),
                "a single value cannot be tested: the sign decides");
        assertEquals(Verdict.HOLDS, Statistics.below(new double[] {0.5, 0.5}, 1, 0.05).verdict());
        assertEquals(Verdict.CONTRADICTED, Statistics.below(new double[] {1.5}, 1, 0.05).verdict());
        assertEquals(Verdict.NOT_SIGNIFICANT, Statistics.below(new double[] {1, 1}, 1, 0.05).verdict());
    }

    @Test
    void oneSidedPValuesAndTheirSide() {
        // t = -3.674235 with df 4 (means 1 and 4, s 1 and 1, n 3 each): one-sided p = 0.010663
        Statistics.DirectionTest h = Statistics.less(new double[] {0, 1, 2}, new double[] {3, 4, 5}, 0.05);
        assertEquals(Verdict.HOLDS, h.verdict());
        assertEquals(-3.674235, h.statistic(), 1e-5);
        assertEquals(0.010663, h.pValue(), 1e-5);
        assertTrue(h.test().contains("n = 3 vs 3"), h.test());
        Statistics.DirectionTest c = Statistics.less(new double[] {3, 4, 5}, new double[] {0, 1, 2}, 0.05);
        assertEquals(Verdict.CONTRADICTED, c.verdict());
        assertEquals(0.010663, c.pValue(), 1e-5, "a contradiction reports the other side's p");
        assertEquals(Verdict.NOT_SIGNIFICANT, Statistics.less(new double[] {0, 1, 2}, new double[] {3, 4, 5}, 0.01)
                .verdict(), "p 0.0107 is not below alpha 0.01");
        Statistics.DirectionTest a = Statistics.above(new double[] {1, 2, 3}, 0, 0.05);
        // one-sample t = 2 / (1 / sqrt 3) = 3.464102, df 2, one-sided p = 0.037090
        assertEquals(Verdict.HOLDS, a.verdict());
        assertEquals(3.464102, a.statistic(), 1e-5);
        assertEquals(0.037090, a.pValue(), 1e-5);
        assertTrue(a.test().contains("against 0.0 (above)"), a.test());
        Statistics.DirectionTest b = Statistics.below(new double[] {1, 2, 3}, 0, 0.05);
        assertEquals(Verdict.CONTRADICTED, b.verdict());
        assertEquals(0.037090, b.pValue(), 1e-5);
    }

    @Test
    void acceptanceEdges() {
        // the floor is inclusive
        assertTrue(Statistics.accept(new double[] {1.5, 1.5}, new double[] {1, 1}, 0.05, 0.5, 0).pass());
        assertFalse(Statistics.accept(new double[] {1.6, 1.6}, new double[] {1, 1}, 0.05, 0.5, 0).pass());
        // rtol scales with the recorded mean
        assertTrue(Statistics.accept(new double[] {101, 101}, new double[] {100, 100}, 0.05, 0, 0.01).pass());
        assertFalse(Statistics.accept(new double[] {2}, new double[] {1, 1.1}, 0.05, 0, 0).pass(),
                "a single value beyond the floor cannot be tested");
        assertFalse(Statistics.accept(new double[] {2, 2.1}, new double[] {1}, 0.05, 0, 0).pass());
        // p exactly at alpha passes (p >= alpha)
        double p = Statistics.accept(new double[] {0, 1, 2}, new double[] {3, 4, 5}, 0.05, 0, 0).pValue();
        assertTrue(Statistics.accept(new double[] {0, 1, 2}, new double[] {3, 4, 5}, p, 0, 0).pass());
        assertFalse(Statistics.accept(new double[] {0, 1, 2}, new double[] {3, 4, 5}, p * 1.0001, 0, 0).pass());
        assertEquals(0, Statistics.std(new double[] {7}));
        assertTrue(Double.isNaN(Statistics.mean(new double[0])));
        double[] one = Statistics.confidenceInterval(new double[] {4}, 0.95);
        assertEquals(4, one[0]);
        assertEquals(4, one[1]);
    }

    @Test
    void onlyHoldsAgainstContradictedIsAReversal() {
        for (Verdict a : Verdict.values()) {
            for (Verdict b : Verdict.values()) {
                boolean expected = a != b && a != Verdict.NOT_SIGNIFICANT && b != Verdict.NOT_SIGNIFICANT;
                assertEquals(expected, a.reverses(b), a + " vs " + b);
            }
        }
        assertEquals(Verdict.NOT_SIGNIFICANT, Verdict.parse("not significant"));
        assertNull(Verdict.parse("maybe"));
    }

    @Test
    void replayOnlyUnderTheRecordedFingerprint() {
        ExpectedResults.Provenance p = new ExpectedResults.Provenance();
        assertEquals(ComparisonMode.PORTABLE, ComparisonMode.of(null, "abc"));
        assertEquals(ComparisonMode.PORTABLE, ComparisonMode.of(p, "abc"), "recorded before fingerprints existed");
        p.fingerprint = "abc";
        assertEquals(ComparisonMode.REPLAY, ComparisonMode.of(p, "abc"));
        assertEquals(ComparisonMode.PORTABLE, ComparisonMode.of(p, "abd"));
        assertEquals("replay", ComparisonMode.REPLAY.label());
        assertEquals("portable", ComparisonMode.PORTABLE.label());
    }
}
