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
        UntestableException one = assertThrows(UntestableException.class,
                () -> Statistics.acceptPaper(new double[] {5}, 5, 1, 3, 0.05), "one run cannot be tested");
        assertTrue(one.getMessage().contains("at least two measured runs") && one.getMessage().contains("got 1"),
                one.getMessage());
        assertThrows(UntestableException.class, () -> Statistics.acceptPaper(new double[] {5, 6}, 5, 1, 1, 0.05),
                "a paper value over one run has no sample variance");
        assertThrows(IllegalArgumentException.class, () -> Statistics.acceptPaper(new double[] {5, 6}, 5, -1, 3, 0.05));
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
                () -> Statistics.lessPaired(new double[] {1, Double.NaN}, new double[] {1, 2}, 0.05));
        assertThrows(NonFiniteMeasurementException.class,
                () -> Statistics.lessPaired(new double[] {1, 2}, new double[] {Double.NaN, 2}, 0.05));
        assertThrows(NonFiniteMeasurementException.class,
                () -> Statistics.above(new double[] {1, Double.NaN}, 0, 0.05));
    }

    @Test
    void fewerThanTwoValuesAreRefusedNotJudged() {
        UntestableException one = assertThrows(UntestableException.class,
                () -> Statistics.above(new double[] {0.0001}, 0, 0.05), "one value decides nothing");
        assertTrue(one.getMessage().contains("at least two values, got 1 (1.0E-4)"), one.getMessage());
        assertThrows(UntestableException.class, () -> Statistics.below(new double[] {1.5}, 1, 0.05));
        UntestableException empty = assertThrows(UntestableException.class,
                () -> Statistics.below(new double[0], 1, 0.05));
        assertTrue(empty.getMessage().contains("got 0"), empty.getMessage());
        assertThrows(UntestableException.class,
                () -> Statistics.lessPaired(new double[] {1.9}, new double[] {2}, 0.05));
        assertThrows(IllegalArgumentException.class,
                () -> Statistics.lessPaired(new double[] {1, 2}, new double[] {1, 2, 3}, 0.05), "unequal pairs");
        assertThrows(UntestableException.class, () -> Statistics.confidenceInterval(new double[] {4}, 0.95),
                "no interval from one value");
        assertThrows(UntestableException.class, () -> Statistics.confidenceInterval(new double[0], 0.95));
    }

    @Test
    void zeroSpreadDirections() {
        // every paired difference 1: the sign is certain, p 0 on the paper side
        Statistics.DirectionTest h = Statistics.lessPaired(new double[] {1, 1}, new double[] {2, 2}, 0.05);
        assertEquals(Verdict.HOLDS, h.unadjusted());
        assertEquals(Double.POSITIVE_INFINITY, h.statistic());
        assertEquals(0.0, h.pPaper());
        assertEquals(1.0, h.pOther());
        assertEquals(1.0, h.effect());
        assertEquals(1.0, h.lower());
        assertEquals(1.0, h.upper());
        assertTrue(Double.isNaN(h.detectableEffect()));
        Statistics.DirectionTest c = Statistics.lessPaired(new double[] {3, 3}, new double[] {2, 2}, 0.05);
        assertEquals(Verdict.CONTRADICTED, c.unadjusted());
        assertEquals(Double.NEGATIVE_INFINITY, c.statistic());
        assertEquals(1.0, c.pPaper());
        assertEquals(0.0, c.pOther());
        // a zero difference with zero spread: p = 0.5 on each side, p = 1 two-sided
        Statistics.DirectionTest n = Statistics.lessPaired(new double[] {2, 2}, new double[] {2, 2}, 0.05);
        assertEquals(Verdict.NOT_SIGNIFICANT, n.unadjusted());
        assertEquals(0.0, n.statistic());
        assertEquals(0.5, n.pPaper());
        assertEquals(0.5, n.pOther());
        assertEquals(1.0, n.pPaper() + n.pOther(), "two-sided p = 1");
        assertTrue(n.test().contains("zero spread"), n.test());
        assertEquals(Verdict.HOLDS, Statistics.below(new double[] {0.5, 0.5}, 1, 0.05).unadjusted());
        assertEquals(0.5, Statistics.below(new double[] {0.5, 0.5}, 1, 0.05).effect(), "below: effect mu - mean");
        assertEquals(Verdict.NOT_SIGNIFICANT, Statistics.below(new double[] {1, 1}, 1, 0.05).unadjusted());
    }

    @Test
    void oneSidedPValuesBoundsAndTheirSide() {
        // one-sample t = 2 / (1 / sqrt 3) = 3.464102, df 2, one-sided p = 0.037090; t_{0.95,2} = 2.919986, so
        // the 90 % interval is 2 -/+ 2.919986 / sqrt 3 = [0.314143, 3.685857]
        Statistics.DirectionTest a = Statistics.above(new double[] {1, 2, 3}, 0, 0.05);
        assertEquals(Verdict.HOLDS, a.unadjusted());
        assertEquals(3.464102, a.statistic(), 1e-5);
        assertEquals(0.037090, a.pPaper(), 1e-6);
        assertEquals(1 - 0.037090, a.pOther(), 1e-6);
        assertEquals(2.0, a.effect(), 1e-12);
        assertEquals(0.314143, a.lower(), 1e-5);
        assertEquals(3.685857, a.upper(), 1e-5);
        assertEquals(0.9, a.intervalLevel(), 1e-12);
        assertEquals(3, a.n());
        assertEquals(0.05, a.alpha());
        // detectable effect (t_{0.95,2} + t_{0.8,2}) s / sqrt n = (2.919986 + 1.060660) / sqrt 3
        assertEquals((2.919986 + 1.060660) / Math.sqrt(3), a.detectableEffect(), 1e-5);
        assertTrue(a.test().contains("above 0.0") && a.test().contains("n = 3"), a.test());
        Statistics.DirectionTest b = Statistics.below(new double[] {1, 2, 3}, 0, 0.05);
        assertEquals(Verdict.CONTRADICTED, b.unadjusted());
        assertEquals(0.037090, b.pOther(), 1e-6);
        assertEquals(-2.0, b.effect(), 1e-12);
        assertEquals(-3.685857, b.lower(), 1e-5);
        assertEquals(-0.314143, b.upper(), 1e-5);
        assertEquals(-3.464102, b.statistic(), 1e-5);
        assertTrue(b.test().contains("below 0.0"), b.test());
        assertEquals(Verdict.NOT_SIGNIFICANT, Statistics.above(new double[] {1, 2, 3}, 0, 0.01).unadjusted(),
                "p 0.037 is not below alpha 0.01");
        // paired: differences 3, 4, 2 (mean 3, s 1): t = 5.196152, df 2, p = 0.017549
        Statistics.DirectionTest p = Statistics.lessPaired(new double[] {0, 1, 2}, new double[] {3, 5, 4}, 0.05);
        assertEquals(Verdict.HOLDS, p.unadjusted());
        assertEquals(5.196152, p.statistic(), 1e-5);
        assertEquals(PAIRED_P, p.pPaper(), 1e-6);
        assertEquals(3.0, p.effect(), 1e-12);
        assertTrue(p.test().contains("paired"), p.test());
        // the unadjusted verdict agrees with the interval: holds iff lower > 0, contradicted iff upper < 0
        for (double shift : new double[] {-3, -0.5, 0, 0.5, 3}) {
            Statistics.DirectionTest t = Statistics.above(new double[] {shift - 1, shift, shift + 1.5}, 0, 0.05);
            assertEquals(t.lower() > 0, t.unadjusted() == Verdict.HOLDS, "shift " + shift);
            assertEquals(t.upper() < 0, t.unadjusted() == Verdict.CONTRADICTED, "shift " + shift);
        }
    }

    private static final double PAIRED_P = 0.0175494;

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
