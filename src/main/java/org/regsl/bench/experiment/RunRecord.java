package org.regsl.bench.experiment;

/** What every run shares, at every scale: its id, budget, seed, the epoch it kept and that epoch's test score. */
public interface RunRecord {

    /** The run id (also its JSON file name). */
    String id();

    /** The budget the run ran under. */
    String budget();

    /** The training seed. */
    int seed();

    /** The epoch the run kept. */
    int bestEpoch();

    /** The headline test metric of the kept epoch: accuracy, or the mean AUC of a multi-label run. */
    double testScore();

    /** What {@link #testScore()} is, for reports ("test accuracy", "test mean AUC"). */
    default String testScoreName() {
        return "test accuracy";
    }
}
