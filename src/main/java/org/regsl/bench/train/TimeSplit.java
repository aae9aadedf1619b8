package org.regsl.bench.train;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Where runs' wall time goes, by phase of the protocol: training steps (batch assembly included),
 * validation passes, checkpoint copies (the best epoch's snapshot and its restore), the final
 * evaluation of validation and test sets, the perturbed-loss draws. A split is bound to the thread
 * that computes a run ({@code experiment.Progress} binds its claim's); time spent on a thread with
 * no split bound is not counted.
 */
public final class TimeSplit {

    /** The phases, in protocol order. */
    public enum Phase {
        TRAINING_STEPS("training steps"), VALIDATION("validation passes"), CHECKPOINTS("checkpoint copies"),
        TEST_EVALUATION("final evaluation"), PERTURBED_DRAWS("perturbed draws");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** How reports name it. */
        public String label() {
            return label;
        }
    }

    private static final ThreadLocal<TimeSplit> BOUND = new ThreadLocal<>();

    private final AtomicLongArray nanos = new AtomicLongArray(Phase.values().length);

    /** Binds {@code split} (null: none) to this thread; returns the split bound before. */
    public static TimeSplit bind(TimeSplit split) {
        TimeSplit previous = BOUND.get();
        BOUND.set(split);
        return previous;
    }

    /** Runs {@code work}, adding its wall time to {@code phase} of this thread's split. */
    public static <T> T timed(Phase phase, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(phase, System.nanoTime() - t0);
        }
    }

    /** Runs {@code work}, adding its wall time to {@code phase} of this thread's split. */
    public static void timed(Phase phase, Runnable work) {
        timed(phase, () -> {
            work.run();
            return null;
        });
    }

    /** Adds {@code ns} to {@code phase} of this thread's split, if one is bound. */
    public static void add(Phase phase, long ns) {
        TimeSplit s = BOUND.get();
        if (s != null) {
            s.nanos.addAndGet(phase.ordinal(), ns);
        }
    }

    /** Seconds in {@code phase}. */
    public double seconds(Phase phase) {
        return nanos.get(phase.ordinal()) / 1e9;
    }

    /** "training steps 812 s (74 %), validation passes 96 s (9 %), ..." of {@code total} seconds. */
    public String describe(double total) {
        StringBuilder sb = new StringBuilder();
        double counted = 0;
        for (Phase p : Phase.values()) {
            double s = seconds(p);
            counted += s;
            if (s > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%s %.0f s (%.0f %%)", p.label(), s,
                        total > 0 ? 100 * s / total : 0));
            }
        }
        double rest = total - counted;
        if (rest > 0.5) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format("rest %.0f s (%.0f %%)", rest,
                    100 * rest / total));
        }
        return sb.toString();
    }
}
