package org.regsl.bench.claim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.regsl.bench.config.Settings;

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
        return suiteFailureRate(claims, java.util.Collections.nCopies(m, n), shift, shifted, seed);
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

    /** Share of simulated suites that fail: one cell per entry of {@code seeds} (its seed count), alpha / M each. */
    static double suiteFailureRate(int suites, List<Integer> seeds, double shift, int shifted, long seed) {
        Random rng = new Random(seed);
        int m = seeds.size();
        int failed = 0;
        for (int s = 0; s < suites; s++) {
            boolean fails = false;
            for (int cell = 0; cell < m && !fails; cell++) {
                int n = seeds.get(cell);
                double[] recorded = new double[n];
                double[] measured = new double[n];
                double mu = 10 * rng.nextGaussian();
                for (int i = 0; i < n; i++) {
                    recorded[i] = mu + rng.nextGaussian();
                    measured[i] = mu + rng.nextGaussian() + (cell < shifted ? shift : 0);
                }
                fails = !Statistics.portable(measured, recorded, 0.05, m, 1e-9, 1e-6).pass();
            }
            failed += fails ? 1 : 0;
        }
        return (double) failed / suites;
    }

    /**
     * The whole suite as portable mode judges it on another machine: every recorded bench cell of
     * every claim file (with its own seed count) tested at alpha / M, M the suite's cell count
     * ({@link ExpectedResultsFile#suiteCellCount}). A clean run must fail the suite in at most 5 %
     * of simulated suites (plus simulation noise), whatever the number of claims; a shift of every
     * cell must be caught.
     */
    @Test
    void theSuitesFalseAlarmRateIsHeldAtFivePercent() {
        java.nio.file.Path dir = Settings.projectDir().resolve("expected-results");
        List<Integer> seeds = new java.util.ArrayList<>();
        for (java.nio.file.Path f : ExpectedResultsFile.claimFiles(dir)) {
            for (ExpectedResults.Cell c : ExpectedResultsFile.load(f).data().cells) {
                if (c.measured != null && c.measured.containsKey("bench")) {
                    seeds.add(c.measured.get("bench").values.size());
                }
            }
        }
        assertTrue(seeds.size() == ExpectedResultsFile.suiteCellCount(dir, "bench"), "the family is the suite's cells");
        int suites = 4000;
        double none = suiteFailureRate(suites, seeds, 0, 0, 11);
        double all = suiteFailureRate(500, seeds, 3, seeds.size(), 12);
        double one = suiteFailureRate(2000, seeds, 6, 1, 13);
        System.out.printf("portable mode, the suite's %d bench cells (alpha 0.05 / %d each): fails %.3f with no change,"
                + " %.3f with every cell shifted 3 sd, %.3f with one cell shifted 6 sd%n", seeds.size(), seeds.size(),
                none, all, one);
        double bound = 0.05 + 3 * Math.sqrt(0.05 * 0.95 / suites);
        assertTrue(none <= bound, "the suite's false alarms " + none + " > " + bound);
        assertTrue(all >= 0.80, "power against a shift everywhere " + all);
        assertTrue(one > none, "one shifted cell must raise the failure rate");
    }
}
