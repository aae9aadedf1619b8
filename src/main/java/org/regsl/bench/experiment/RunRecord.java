package org.regsl.bench.experiment;

/** What every run shares, at every scale: its id, budget, seed, the epoch it kept and that epoch's test accuracy. */
public interface RunRecord {

    /** The run id (also its JSON file name). */
    String id();

    /** The budget the run ran under. */
    String budget();

    /** The training seed. */
    int seed();

    /** The epoch the run kept. */
    int bestEpoch();

    /** Test accuracy of the kept epoch. */
    double testAccuracy();
}
