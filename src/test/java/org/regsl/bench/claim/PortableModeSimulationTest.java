package org.regsl.bench.claim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Portable mode as a procedure, simulated: m cells of n recorded and n new values from normal
 * distributions; a claim fails when any cell fails {@link Statistics#portable}. With no change it
 * must fail in at most 5 % of simulated claims (family-wise error); with every cell shifted by 3
 * standard deviations in at least 80 %. The power against a shift in a single cell is printed
 * (it is what one changed cell among many can expect). Fixed seeds: the same counts every run.
 * Bonferroni's family-wise error is 1 - (1 - 0.05/m)^m, about 4.9 %, just under 5 %, so the
 * simulated false-alarm rate is held to 5 % plus three standard errors of the simulation.
 */
class PortableModeSimulationTest {

    /** Simulated claims with no change: the false-alarm estimate's standard error is 0.22 %-points. */
    private static final int NULL_CLAIMS = 10000;


    /** Share of simulated claims that fail: m cells, n seeds a side, shifts in sds on the first {@code shifted} cells. */
    static double failureRate(int claims, int m, int n, double shift, int shifted, long seed) {
        Random rng = new Random(seed);
        int failed = 0;
        for (int c = 0; c < claims; c++) {
            boolean fails = false;
            for (int cell = 0; cell < m; cell++) {
                double[] recorded = new double[n];
                double[] measured = new double[n];
                double mu = 10 * rng.nextGaussian();
                for (int i = 0; i < n; i++) {
                    recorded[i] = mu + rng.nextGaussian();
                    measured[i] = mu + rng.nextGaussian() + (cell < shifted ? shift : 0);
                }
                fails |= !Statistics.portable(measured, recorded, 0.05, m, 1e-9, 1e-6).pass();
            }
            failed += fails ? 1 : 0;
        }
        return (double) failed / claims;
    }

    @Test
    void familyWiseErrorAndPower() {
        int[][] shapes = {{18, 3}, {39, 3}, {12, 5}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            double none = failureRate(NULL_CLAIMS, m, n, 0, 0, 1);
            double all = failureRate(2000, m, n, 3, m, 2);
            double one = failureRate(2000, m, n, 3, 1, 3);
            double oneBig = failureRate(2000, m, n, 6, 1, 4);
            System.out.printf("portable mode, %d cells x %d seeds: fails %.3f with no change, %.3f with every cell"
                    + " shifted 3 sd, %.3f with one cell shifted 3 sd, %.3f with one cell shifted 6 sd%n", m, n, none,
                    all, one, oneBig);
            // at most 5 %: the estimate may exceed 0.05 by simulation noise only (3 standard errors)
            double bound = 0.05 + 3 * Math.sqrt(0.05 * 0.95 / NULL_CLAIMS);
            assertTrue(none <= bound, m + "x" + n + ": false alarms " + none + " > " + bound);
            assertTrue(all >= 0.80, m + "x" + n + ": power against a shift everywhere " + all);
            assertTrue(one > none, m + "x" + n + ": one shifted cell must raise the failure rate");
        }
    }
}
