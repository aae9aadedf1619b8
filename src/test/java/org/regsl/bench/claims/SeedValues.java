package org.regsl.bench.claims;

import java.util.List;

/**
 * The per-seed values of one cell, measured by a claim test.
 *
 * @param seeds the seeds, in order
 * @param values one value per seed
 * @param wallSeconds wall time spent obtaining them (training included, when it happened here)
 */
record SeedValues(List<Integer> seeds, double[] values, double wallSeconds) {}
