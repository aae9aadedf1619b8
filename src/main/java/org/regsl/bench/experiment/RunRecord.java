package org.regsl.bench.experiment;

/** What every run row shows in reports: its id, the epoch it kept and that epoch's test accuracy. */
public interface RunRecord {

    /** The run id (also its JSON file name). */
    String id();

    /** The epoch the run kept. */
    int bestEpoch();

    /** Test accuracy of the kept epoch. */
    double testAccuracy();
}
