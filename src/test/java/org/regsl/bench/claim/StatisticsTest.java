package org.regsl.bench.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Acceptance and direction verdicts on hand-made samples. */
class StatisticsTest {

    @Test
    void identicalValuesPassThroughTheFloor() {
        double[] v = {0.41, 0.44, 0.39};
        Statistics.Acceptance a = Statistics.accept(v, v.clone(), 0.05, 1e-9, 1e-6);
        assertTrue(a.pass());
        assertEquals(1.0, a.pValue());
    }

    @Test
    void aShiftedSampleFailsWelch() {
        Statistics.Acceptance a = Statistics.accept(new double[] {1.01, 1.02, 1.00}, new double[] {0.41, 0.44, 0.39},
                0.05, 1e-9, 1e-6);
        assertFalse(a.pass());
        assertTrue(a.pValue() < 0.05);
    }

    @Test
    void seedNoiseWithinSpreadPasses() {
        Statistics.Acceptance a = Statistics.accept(new double[] {0.40, 0.45, 0.38}, new double[] {0.41, 0.44, 0.39},
                0.05, 1e-9, 1e-6);
        assertTrue(a.pass(), a.reason());
    }

    @Test
    void zeroVarianceBeyondTheFloorFails() {
        assertFalse(Statistics.accept(new double[] {1, 1}, new double[] {2, 2}, 0.05, 1e-9, 1e-6).pass());
    }

    @Test
    void directionVerdicts() {
        double[] low = {0.10, 0.12, 0.11};
        double[] high = {0.30, 0.33, 0.31};
        assertEquals(Verdict.HOLDS, Statistics.lessPaired(low, high, 0.05).unadjusted());
        assertEquals(Verdict.CONTRADICTED, Statistics.lessPaired(high, low, 0.05).unadjusted());
        assertEquals(Verdict.NOT_SIGNIFICANT, Statistics.lessPaired(new double[] {0.1, 0.3, 0.2},
                new double[] {0.15, 0.35, 0.12}, 0.05).unadjusted());
    }

    @Test
    void oneSampleVerdicts() {
        assertEquals(Verdict.HOLDS, Statistics.below(new double[] {0.5, 0.6, 0.55}, 1.0, 0.05).unadjusted());
        assertEquals(Verdict.HOLDS, Statistics.above(new double[] {0.8, 0.9, 0.85}, 0.0, 0.05).unadjusted());
        assertEquals(Verdict.CONTRADICTED, Statistics.above(new double[] {-0.8, -0.9, -0.85}, 0.0, 0.05).unadjusted());
    }

    @Test
    void confidenceIntervalByHand() {
        // mean 2, s = 1, n = 3: t_{0.975, 2} = 4.302653 -> half width 4.302653 / sqrt(3) = 2.484138
        double[] ci = Statistics.confidenceInterval(new double[] {1, 2, 3}, 0.95);
        assertEquals(2 - 2.484138, ci[0], 1e-5);
        assertEquals(2 + 2.484138, ci[1], 1e-5);
    }
}
