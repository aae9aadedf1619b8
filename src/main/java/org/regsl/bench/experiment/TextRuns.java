package org.regsl.bench.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.regsl.bench.config.Budget;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.EmbeddingSet;
import org.regsl.bench.data.NpmPackSource;
import org.regsl.bench.data.text.TextRecipe;
import org.regsl.bench.data.text.TextTask;
import org.regsl.bench.data.text.TextTasks;
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.method.Methods;
import org.regsl.bench.method.RegularizationInputs;
import org.regsl.bench.model.BenchArchitecture;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.train.Checkpoint;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * C9's runs at bench scale (sentence classification on frozen embeddings, Li and Zhang's extension): the three-layer
 * MLP ({@link BenchArchitecture#MLP}) pretrained on the source text task ({@link TextRecipe#SOURCE}, a cached source
 * model) or randomly initialized, a new head (PyTorch's default Linear, init seed {@code 1000 + seed}), fine-tuned on
 * {@code labels} labels per class of a target task for {@code epochs} epochs (AMSGrad lr 1e-3, batch 32, the
 * checkpoint of the best validation accuracy, as C3's runs), under the method's regularization over
 * {@code layer1..2}; then validation and test accuracy and the layer distances. Each run goes through the
 * {@link RunStore}.
 */
public final class TextRuns {

    /** The methods C9 compares, in table order. */
    public static final List<String> METHODS = List.of("layer-wise", "fine-tuning", "l2-sp", "constant-frobenius");

    /** Pretraining epochs of the source model (the whole source pool each epoch). */
    public static final int SOURCE_EPOCHS = 30;

    private static volatile TextRuns shared;

    private final Budget budget;
    private final TextTasks tasks;
    private final DatasetCatalog catalog;
    private final java.nio.file.Path cacheDir;
    private final RunStore store;
    private SourceModels sources;

    TextRuns(Budget budget, TextTasks tasks, DatasetCatalog catalog, java.nio.file.Path cacheDir, RunStore store) {
        this.budget = budget;
        this.tasks = tasks;
        this.catalog = catalog;
        this.cacheDir = cacheDir;
        this.store = store;
    }

    /** The runs of this JVM. */
    public static synchronized TextRuns shared() {
        if (shared == null) {
            shared = create(Settings.budget());
        }
        return shared;
    }

    /** The budget these runs use. */
    public Budget budget() {
        return budget;
    }

    /** The task {@code name} (embedded in a compute slot on first use: the encoder's thread is the slot's). */
    public TextTask task(String name) {
        TextRecipe r = TextRecipe.of(name);
        return Compute.inSlot(() -> tasks.get(r));
    }

    /** The source models: the MLP on {@code sotu-era}, built once. */
    public synchronized SourceModels sources() {
        if (sources == null) {
            String digest = catalog.get(TextRecipe.SOURCE.dataset()).integrity() + " " + TextTasks.encoder();
            sources = new SourceModels(task(TextRecipe.SOURCE.name()).asSource(), cacheDir, budget, digest,
                    BenchArchitecture.MLP, SOURCE_EPOCHS);
        }
        return sources;
    }

    /** The run (target, start, labels per class, epochs, method with its values, seed), computed once. */
    public FineTuneRun get(String target, SourceKind start, int labels, int epochs, MethodParams params, int seed) {
        return Compute.join(start(target, start, labels, epochs, params, seed));
    }

    /** Starts that run on the compute pool unless it is started or done; returns at once. */
    public CompletableFuture<FineTuneRun> start(String target, SourceKind start, int labels, int epochs,
            MethodParams params, int seed) {
        if (start != SourceKind.RANDOM) {
            sources().prepare(start, 0);
        }
        return store.start(experiment(target, start, labels, epochs, params, seed), e -> compute(e, target, start,
                labels, epochs, params, seed));
    }

    /** The experiment of that run: everything its result depends on. */
    public Experiment experiment(String target, SourceKind start, int labels, int epochs, MethodParams params,
            int seed) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("task", TextRecipe.of(target).config());
        config.put("encoder", TextTasks.encoder());
        config.put("architecture", BenchArchitecture.MLP.description());
        config.put("labelsPerClass", labels);
        putTraining(config, epochs, params, seed);
        if (start != SourceKind.RANDOM) {
            config.put("sourceModel", sources().file(start, 0).getFileName().toString());
        }
        config.put("threads", Settings.threads());
        return new Experiment("bench", budget.name(), "text", target, start.id(), start == SourceKind.RANDOM ? -1 : 0,
                params.method(), labels + "-per-class", seed, config);
    }

    /** What {@link #fineTune} trains with, into a run's configuration (both scales, in this order). */
    static void putTraining(Map<String, Object> config, int epochs, MethodParams params, int seed) {
        config.put("epochs", epochs);
        config.put("batch", BenchRuns.BATCH);
        config.put("optimizer", "Adam (AMSGrad), weight decay 0");
        config.put("lr", BenchRuns.LR);
        config.put("checkpoint", Checkpoint.BEST_VAL_ACCURACY.name());
        config.put("initSeed", 1000L + seed);
        config.put("hyperparameters", params.values());
    }

    /** This JVM's text runs under {@code budget} (the bench's, or the paper scale's source models). */
    static TextRuns create(Budget budget) {
        DatasetCatalog catalog = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml"));
        return new TextRuns(budget, new TextTasks(catalog, Settings.cacheDir(), new NpmPackSource()), catalog,
                Settings.cacheDir(), RunStore.shared());
    }

    private FineTuneRun compute(Experiment e, String target, SourceKind start, int labels, int epochs,
            MethodParams params, int seed) {
        TextTask task = task(target);
        return fineTune(e, target, start, task.train(labels), task.val(), task.test(), task.numClasses(),
                task.splitSeed(), epochs, params, seed);
    }

    /**
     * One C9 run at either scale: the MLP from {@code start} (the source model's backbone, or random) with a new head
     * (init seed {@code 1000 + seed}), {@code epochs} epochs on {@code train} (AMSGrad lr 1e-3, batch 32, the
     * checkpoint of the best {@code val} accuracy) under the method's regularization; validation and test accuracy
     * and the layer distances.
     */
    FineTuneRun fineTune(Experiment e, String target, SourceKind start, EmbeddingSet train, EmbeddingSet val,
            EmbeddingSet test, int classes, long splitSeed, int epochs, MethodParams params, int seed) {
        long t0 = System.nanoTime();
        TrainConfig cfg = new TrainConfig(epochs, BenchRuns.BATCH, BenchRuns.LR, Integer.MAX_VALUE, 1.0, seed,
                Checkpoint.BEST_VAL_ACCURACY, e.id());
        try (Net net = BenchArchitecture.MLP.create(classes, 0, 1000L + seed)) {
            if (start != SourceKind.RANDOM) {
                try (Net source = sources().load(start, 0)) {
                    net.loadBackboneFrom(source);
                }
            }
            try (WeightSnapshot init = WeightSnapshot.of(net)) {
                TrainingLoop.Result r = new TrainingLoop(cfg, null, Methods.get(params.method()).regularization(params,
                        new RegularizationInputs(init, BenchArchitecture.MLP.stages(), Map.of()))).run(net, train, val);
                Evaluation v = Evaluation.afterTraining(net, val);
                Evaluation t = Evaluation.afterTraining(net, test);
                return new FineTuneRun(e.id(), e.budget(), target, start.id(), seed, splitSeed, e.fullConfig(),
                        r.bestEpoch(), v.accuracy(), v.loss(), t.accuracy(), t.loss(), List.of(),
                        LayerDistances.measure(net, init), r.curve(), (System.nanoTime() - t0) / 1e9);
            }
        } catch (IOException io) {
            throw new UncheckedIOException(e.id() + ": " + io, io);
        }
    }
}
