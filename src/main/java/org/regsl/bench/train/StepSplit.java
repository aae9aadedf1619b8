package org.regsl.bench.train;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where training steps' time went, summed over the steps timed: the pieces of a
 * {@link TrainingStep} (forward, loss with its hooks and penalties, backward, optimizer,
 * constraints, rest: reading the loss and the after-step hooks) and what the caller adds around it
 * (batch assembly, the scope closing). Wall-clock nanoseconds from {@link System#nanoTime()}: on
 * the CPU every native call returns when its work is done, so the pieces are real; on a GPU they
 * are launch times, and only the total is.
 */
public final class StepSplit {

    /** The pieces, in step order. */
    public enum Piece { BATCH, FORWARD, LOSS, BACKWARD, OPTIMIZER, CONSTRAINTS, REST, SCOPE }

    private final EnumMap<Piece, Long> nanos = new EnumMap<>(Piece.class);
    private int steps;

    /** Adds {@code ns} nanoseconds to {@code piece}. */
    public void add(Piece piece, long ns) {
        nanos.merge(piece, ns, Long::sum);
    }

    void countStep() {
        steps++;
    }

    /** The number of steps timed. */
    public int steps() {
        return steps;
    }

    /** Total nanoseconds of {@code piece}. */
    public long nanos(Piece piece) {
        return nanos.getOrDefault(piece, 0L);
    }

    /** Milliseconds per step of each piece, in step order (0 for a piece never timed). */
    public Map<Piece, Double> millisPerStep() {
        Map<Piece, Double> out = new LinkedHashMap<>();
        for (Piece p : Piece.values()) {
            out.put(p, steps == 0 ? 0 : nanos(p) / 1e6 / steps);
        }
        return out;
    }

    /** Clears the figures (after warm-up). */
    public void reset() {
        nanos.clear();
        steps = 0;
    }
}
