package org.regsl.bench.train;

import org.regsl.bench.nn.AmsGrad;
import org.regsl.bench.nn.Optimizer;
import org.regsl.bench.nn.Batches;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.regsl.bench.data.ImageSet;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.regularize.Regularization;

/**
 * Mini-batch training with {@link AmsGrad} and a step schedule (or another {@link Optimizer} and
 * {@link LrPolicy}, as ChestX-ray14's SGD with its plateau rule): the official code's loop
 * (REGSL-SPEC 6.1, 2.3). Per epoch: shuffle with {@code seed + epoch}; per batch: forward in train
 * mode, the {@link Objective} (mean cross-entropy unless told otherwise) plus every penalty, backward, step, then every
 * constraint in order (projected gradient descent, one {@link TrainingStep}). Every
 * per-step tensor lives in a sub-manager and an NDScope that are closed after the step, so memory
 * stays flat. A non-finite loss aborts the run with {@link TrainingDivergedException}.
 */
public final class TrainingLoop {

    /** What one run produced. */
    public record Result(int bestEpoch, double bestValAccuracy, List<double[]> curve,
            List<Map<String, Double>> objectiveLog, double seconds) {}

    /** Columns of a curve row. */
    public static final List<String> CURVE_COLUMNS = List.of("epoch", "lr", "trainLoss", "valAccuracy", "valLoss");

    private final TrainConfig config;
    private final BatchAugmenter augmenter;
    private final Regularization regularization;
    private final List<TrainingListener> listeners;
    private final Validator validator;
    private final Optimizer.Factory optimizer;
    private final java.util.function.Supplier<LrPolicy> policy;

    /**
     * A loop; {@code augmenter} (may be null) replaces each batch before the step,
     * {@code regularization} adds penalties to the loss and constraints after each step.
     */
    public TrainingLoop(TrainConfig config, BatchAugmenter augmenter, Regularization regularization) {
        this(config, augmenter, regularization, List.of(), Validator.ACCURACY, Optimizer.AMSGRAD, null);
    }

    private TrainingLoop(TrainConfig config, BatchAugmenter augmenter, Regularization regularization,
            List<TrainingListener> listeners, Validator validator, Optimizer.Factory optimizer,
            java.util.function.Supplier<LrPolicy> policy) {
        this.config = config;
        this.augmenter = augmenter;
        this.regularization = regularization;
        this.listeners = List.copyOf(listeners);
        this.validator = validator;
        this.optimizer = optimizer;
        this.policy = policy;
    }

    /** This loop with validation by {@code validator} (multi-label tasks: mean AUC and BCE) instead of accuracy. */
    public TrainingLoop validatedBy(Validator validator) {
        return new TrainingLoop(config, augmenter, regularization, listeners, validator, optimizer, policy);
    }

    /**
     * This loop with another optimizer and learning-rate policy (ChestX-ray14: SGD with momentum and
     * the plateau rule) instead of AMSGrad and the config's step schedule.
     */
    public TrainingLoop optimizedBy(Optimizer.Factory optimizer, java.util.function.Supplier<LrPolicy> policy) {
        return new TrainingLoop(config, augmenter, regularization, listeners, validator, optimizer, policy);
    }

    public TrainingLoop(TrainConfig config, BatchAugmenter augmenter) {
        this(config, augmenter, Regularization.NONE);
    }

    public TrainingLoop(TrainConfig config) {
        this(config, null, Regularization.NONE);
    }

    /**
     * Trains {@code net} on {@code train}; unless the checkpoint rule is {@link Checkpoint#LAST},
     * restores the epoch the rule picks on {@code val} at the end. The curve holds, per epoch,
     * {@link #CURVE_COLUMNS}: epoch, lr, mean training loss, validation accuracy and mean
     * validation loss (NaN without validation data).
     */
    public Result run(Net net, ImageSet train, ImageSet val) {
        return run(net, train, val, new CrossEntropy(train.labels()));
    }

    /**
     * As {@link #run(Net, ImageSet, ImageSet)}, minimizing {@code objective} (which owns
     * the training labels it uses, e.g. noisy or self-corrected ones) instead of the cross-entropy
     * against {@code train}'s labels. The result's objective log holds its per-epoch log rows.
     */
    public Result run(Net net, ImageSet train, ImageSet val, Objective objective) {
        Gradients.offOnThisThread(); // whichever thread trains: weights are updated in place outside the recorder
        org.regsl.bench.model.DropoutRandom.seed(dropoutSeed(config.seed())); // this run's masks, whatever runs beside it
        long start = System.nanoTime();
        List<Map<String, Double>> log = new ArrayList<>();
        List<double[]> curve = new ArrayList<>();
        WeightSnapshot best = null;
        int bestEpoch = 0;
        double bestAcc = -1;
        double bestLoss = Double.POSITIVE_INFINITY;
        List<TrainingListener> hooks = new ArrayList<>();
        hooks.add(objective);
        hooks.addAll(listeners);
        LrPolicy lrs = policy == null ? LrPolicy.steps(config) : policy.get(); // a fresh policy per run
        Optimizer opt = optimizer.create(net.trainable());
        try {
            for (int e = 1; e <= config.epochs(); e++) {
                double lr = lrs.lr(e);
                final Optimizer stepping = opt;
                final int epoch = e;
                double lossSum = TimeSplit.timed(TimeSplit.Phase.TRAINING_STEPS,
                        () -> epoch(net, train, objective, hooks, stepping, lr, epoch));
                Evaluation v = val == null ? null
                        : TimeSplit.timed(TimeSplit.Phase.VALIDATION, () -> validator.evaluate(net, val));
                double valAcc = v == null ? Double.NaN : v.accuracy();
                double valLoss = v == null ? Double.NaN : v.loss();
                curve.add(new double[] {e, lr, lossSum, valAcc, valLoss});
                if (v != null && config.checkpoint().improves(valAcc, valLoss, bestAcc, bestLoss)) {
                    bestAcc = valAcc;
                    bestLoss = valLoss;
                    bestEpoch = e;
                    if (best != null) {
                        best.close();
                    }
                    best = TimeSplit.timed(TimeSplit.Phase.CHECKPOINTS, () -> WeightSnapshot.of(net));
                }
                Map<String, Double> row = new java.util.LinkedHashMap<>();
                for (TrainingListener l : hooks) {
                    row.putAll(l.epochLog());
                }
                log.add(row);
                for (TrainingListener l : hooks) {
                    l.endEpoch(e);
                }
                progress(e, lossSum, valAcc, start);
                LrPolicy.Decision d = lrs.afterEpoch(e, valLoss);
                if (d == LrPolicy.Decision.STOP) {
                    break;
                }
                if (d == LrPolicy.Decision.NEW_OPTIMIZER) {
                    opt.close();
                    opt = optimizer.create(net.trainable());
                }
            }
        } finally {
            opt.close();
        }
        if (best != null) {
            WeightSnapshot kept = best;
            TimeSplit.timed(TimeSplit.Phase.CHECKPOINTS, () -> kept.restoreInto(net));
            best.close();
        } else {
            bestEpoch = config.epochs();
        }
        return new Result(bestEpoch, bestAcc, curve, log, (System.nanoTime() - start) / 1e9);
    }

    /** The seed of a run's dropout masks ({@code DropoutRandom}), derived from its training seed. */
    static long dropoutSeed(long seed) {
        return seed * 1_000_033L + 17;
    }

    private double epoch(Net net, ImageSet train, Objective objective, List<TrainingListener> hooks, Optimizer opt,
            double lr, int e) {
        int n = train.size();
        int[] order = Batches.identity(n);
        long epochSeed = config.seed() * 1_000_003L + e;
        shuffle(order, new Random(epochSeed));
        double lossSum = 0;
        int batches = 0;
        TrainingStep step = new TrainingStep(objective, hooks, regularization, opt);
        for (int from = 0; from < n; from += config.batchSize()) {
            int to = Math.min(n, from + config.batchSize());
            if (to - from < 2) {
                break; // batch norm needs two samples
            }
            try (NDManager sub = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = train.images(sub, order, from, to, epochSeed * 65_537L + from);
                NDArray y = Batches.labels(sub, train.labels(), order, from, to);
                if (augmenter != null) {
                    x = augmenter.apply(net, x, y);
                }
                TrainingStep.Loss l = step.run(net, x, Arrays.copyOfRange(order, from, to), e, lr, null);
                float loss = l.objective();
                if (!Float.isFinite(loss) || !Float.isFinite(l.total())) {
                    throw new TrainingDivergedException(config.label() + ": diverged at epoch " + e + ", batch "
                            + batches + ": loss " + loss + " (lr " + lr + "); the run is discarded, nothing is cached");
                }
                lossSum += loss;
                batches++;
            }
        }
        return lossSum / Math.max(1, batches);
    }

    private void progress(int e, double loss, double valAcc, long start) {
        if (e == config.epochs() || e % 10 == 0 || config.epochs() <= 5) {
            System.out.printf("[%s] epoch %d/%d loss %.4f%s (%.1f s)%n", config.label(), e, config.epochs(), loss,
                    Double.isNaN(valAcc) ? "" : String.format(" val acc %.4f", valAcc),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Fisher-Yates with the given generator (java.util.Random: same seed, same order everywhere). */
    static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
