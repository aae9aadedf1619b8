package org.regsl.bench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.Net;
import org.regsl.bench.nn.Optimizer;
import org.regsl.bench.regularize.Constraint;
import org.regsl.bench.regularize.Penalty;
import org.regsl.bench.regularize.Regularization;

/**
 * One step of projected gradient descent, the official trainers' step (REGSL-SPEC 6.1): forward in
 * train mode, the {@link Objective} plus every {@link Penalty}, backward, one {@link Optimizer}
 * update, then every {@link Constraint} in order, then the listeners' {@code afterStep}. The
 * {@link TrainingLoop} runs it per batch, the golden step test and {@code regsl bench-step} run it
 * as it is; with a {@link StepSplit} it also says where the step's time went.
 */
public final class TrainingStep {

    /** What one step returns: the objective's loss and the loss with the penalties. */
    public record Loss(float objective, float total) {}

    private final Objective objective;
    private final List<TrainingListener> hooks;
    private final Regularization regularization;
    private final Optimizer optimizer;

    /**
     * A step minimizing {@code objective} (with {@code regularization}) by {@code optimizer};
     * {@code hooks} (the objective first) see every batch and every step.
     */
    public TrainingStep(Objective objective, List<TrainingListener> hooks, Regularization regularization,
            Optimizer optimizer) {
        this.objective = objective;
        this.hooks = List.copyOf(hooks);
        this.regularization = regularization;
        this.optimizer = optimizer;
    }

    /**
     * Runs one step on batch {@code x} (its samples at {@code positions} of the training set) in
     * {@code epoch} with learning rate {@code lr}; the caller owns the scope the step's tensors live
     * in. {@code split} (may be null) receives the time of each piece.
     */
    public Loss run(Net net, NDArray x, int[] positions, int epoch, double lr, StepSplit split) {
        long t0 = System.nanoTime();
        float loss;
        float total;
        long t1;
        long t2;
        long t3;
        try (GradientCollector gc = Gradients.collect()) {
            Features features = new Features(x);
            NDArray logits = net.forward(x, true, features);
            t1 = System.nanoTime();
            Objective.Batch batch = new Objective.Batch(x, logits, positions, epoch, features);
            for (TrainingListener h : hooks) {
                h.onBatch(batch);
            }
            NDArray l = objective.loss(batch);
            NDArray withPenalties = l;
            for (Penalty p : regularization.penalties()) {
                withPenalties = withPenalties.add(p.term(net, features));
            }
            t2 = System.nanoTime();
            gc.backward(withPenalties);
            t3 = System.nanoTime();
            loss = l.getFloat();
            total = withPenalties.getFloat();
        }
        if (!Float.isFinite(loss) || !Float.isFinite(total)) {
            return new Loss(loss, total); // the loop reports the divergence; nothing is updated
        }
        long t4 = System.nanoTime();
        optimizer.step(lr);
        long t5 = System.nanoTime();
        for (Constraint c : regularization.constraints()) {
            c.project(net);
        }
        long t6 = System.nanoTime();
        for (TrainingListener h : hooks) {
            h.afterStep(lr);
        }
        if (split != null) {
            long t7 = System.nanoTime();
            split.add(StepSplit.Piece.FORWARD, t1 - t0);
            split.add(StepSplit.Piece.LOSS, t2 - t1);
            split.add(StepSplit.Piece.BACKWARD, t3 - t2);
            split.add(StepSplit.Piece.OPTIMIZER, t5 - t4);
            split.add(StepSplit.Piece.CONSTRAINTS, t6 - t5);
            split.add(StepSplit.Piece.REST, (t4 - t3) + (t7 - t6));
            split.countStep();
        }
        return new Loss(loss, total);
    }
}
