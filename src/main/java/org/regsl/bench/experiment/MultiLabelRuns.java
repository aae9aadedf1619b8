package org.regsl.bench.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.regsl.bench.config.Budget;
import org.regsl.bench.data.Mosaics;
import org.regsl.bench.data.TaskData;
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.measure.MultiLabelEvaluation;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.objective.BinaryCrossEntropy;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * The multi-label runs of C4 at bench scale, the analog of fine-tuning ResNet-18 on ChestX-ray14:
 * the mosaics of {@link Design#MULTI_LABEL} ({@link Mosaics} of the digits-novel task, five
 * findings), fine-tuned from the digits 0-4 standard source with a new five-output head, binary
 * cross-entropy, AMSGrad at the bench learning rate, the minimum-validation-BCE epoch kept, then
 * the test mean AUC. The regularization of each method comes from the registry with C3's values
 * chosen for digits-novel (same source, same digits: C4 has no search of its own; the notes say so).
 */
public final class MultiLabelRuns {

    /** The single-label task whose images make the mosaics. */
    static final String DIGITS = "digits-novel";

    private static volatile MultiLabelRuns shared;

    private final BenchRuns bench;
    private final RunStore store;
    private final Design design = Design.MULTI_LABEL;

    MultiLabelRuns(BenchRuns bench, RunStore store) {
        this.bench = bench;
        this.store = store;
    }

    /** The runs of this JVM, on the shared bench data and sources. */
    public static synchronized MultiLabelRuns shared() {
        if (shared == null) {
            shared = new MultiLabelRuns(BenchRuns.shared(), RunStore.shared());
        }
        return shared;
    }

    private String target() {
        return design.targets().get(0);
    }

    /** The budget of these runs (the bench budget refined by the design). */
    public Budget budget() {
        return design.budget(bench.budget());
    }

    private volatile TaskData task;

    /** The mosaic task (train, validation and test mosaics), built once. */
    public TaskData task() {
        TaskData t = task;
        if (t == null) {
            synchronized (this) {
                if (task == null) {
                    task = Mosaics.task(bench.tasks().target(DIGITS, budget()), target());
                }
                t = task;
            }
        }
        return t;
    }

    /** Starts the run of {@code method} with {@code seed} on the pool unless started; returns at once. */
    public CompletableFuture<MultiLabelRun> start(MethodSpec method, int seed) {
        sources().prepare(SourceKind.STANDARD, 0);
        return store.start(experiment(method, seed), e -> compute(e, method, seed));
    }

    /** The run of {@code method} with {@code seed}, computed on first use. */
    public MultiLabelRun get(MethodSpec method, int seed) {
        return Compute.join(start(method, seed));
    }

    /** The experiment of a run: everything its result depends on. */
    public Experiment experiment(MethodSpec method, int seed) {
        Budget budget = budget();
        TaskData task = task();
        Map<String, Object> config = BenchRuns.protocol(budget, design, task, seed);
        config.put("checkpoint", design.checkpoint().name() + " (validation BCE)");
        config.put("mosaics", "2x2 digits of " + DIGITS + " shrunk to 14x14; train " + task.train().size() + ", val "
                + task.val().size() + ", test " + task.test().size());
        config.put("findings", task.numClasses());
        config.put("sourceModel", sources().file(SourceKind.STANDARD, 0).getFileName().toString());
        config.put("loss", "binary cross-entropy with logits");

        return new Experiment("bench", budget.name(), design.name(), target(), SourceKind.STANDARD.id(), -1,
                method.id(), "", seed, config);
    }

    private SourceModels sources() {
        return bench.sources(design.sourceOf(target()));
    }

    private MultiLabelRun compute(Experiment e, MethodSpec method, int seed) {
        long start = System.nanoTime();
        Budget budget = budget();
        TaskData task = task();
        int findings = task.numClasses();
        TrainConfig cfg = new TrainConfig(budget.epochs(), BenchRuns.BATCH, BenchRuns.LR, budget.lrStepEvery(),
                BenchRuns.LR_GAMMA, seed, design.checkpoint(), e.id());
        try (Net net = Net.create(findings, 1000L + seed)) {
            try (Net pretrained = sources().load(SourceKind.STANDARD, 0)) {
                net.loadBackboneFrom(pretrained);
            } catch (IOException io) {
                throw new UncheckedIOException(e.id() + ": " + io, io);
            }
            try (WeightSnapshot init = WeightSnapshot.of(net);
                    BinaryCrossEntropy bce = new BinaryCrossEntropy(task.train().labels(), findings)) {
                TrainingLoop.Result r = new TrainingLoop(cfg, null, method.build(init, net,
                        () -> BenchRuns.attention(e, net, task.train(), bce)))
                        .validatedBy(MultiLabelEvaluation.validator(findings))
                        .run(net, task.train(), task.val(), bce);
                MultiLabelEvaluation val = MultiLabelEvaluation.of(net, task.val(), findings);
                MultiLabelEvaluation test = MultiLabelEvaluation.of(net, task.test(), findings);
                return new MultiLabelRun(e.id(), budget.name(), method.id(), seed, e.fullConfig(), r.bestEpoch(),
                        val.meanAuc(), test.meanAuc(), test.auc(), test.loss(), LayerDistances.measure(net, init),
                        r.curve(), (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
