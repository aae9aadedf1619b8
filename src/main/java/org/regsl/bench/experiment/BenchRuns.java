package org.regsl.bench.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.regsl.bench.config.Budget;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.BenchDataRepository;
import org.regsl.bench.data.BenchTasks;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.NpmPackSource;
import org.regsl.bench.data.ImageSet;
import org.regsl.bench.data.TaskData;
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.measure.PerturbedLoss;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.regularize.LayerRadii;
import org.regsl.bench.train.CrossEntropy;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * Plain fine-tuning runs of the bench scale, each computed once per JVM and shared by every
 * claim that reads it (C1 reads the perturbed losses, C2 the distances of the same runs), through
 * the {@link RunStore} (compute pool, JSON rows in {@code reports/runs/}).
 *
 * <p>Protocol (BENCH.md, REGSL-SPEC 6.1 scaled down): new head, backbone from the source model
 * (or random), AMSGrad lr 1e-3 (the official 1e-4 under-fits this small net, BENCH.md), batch 32,
 * StepLR x0.1 every {@code lrStepEvery} epochs, {@code epochs} epochs, best validation accuracy
 * kept; then test accuracy, the perturbed loss at {@link #SIGMAS} and the layer distances.
 */
public final class BenchRuns {

    /** The noise levels of the poster's perturbed-loss tables. */
    public static final List<Double> SIGMAS = List.of(1e-2, 1e-3, 1e-4);

    static final double LR = 1e-3;
    static final int BATCH = 32;
    static final double LR_GAMMA = 0.1;

    private static volatile BenchRuns shared;

    private final Budget budget;
    private final BenchTasks tasks;
    private final DatasetCatalog catalog;
    private final Path cacheDir;
    private final RunStore store;
    private final Map<String, SourceModels> sources = new ConcurrentHashMap<>();
    private org.regsl.bench.data.FewShotSplit fewShot;

    BenchRuns(Budget budget, BenchTasks tasks, DatasetCatalog catalog, Path cacheDir, RunStore store) {
        this.budget = budget;
        this.tasks = tasks;
        this.catalog = catalog;
        this.cacheDir = cacheDir;
        this.store = store;
    }

    /** The runs of this JVM, under the budget and directories of {@link Settings}. */
    public static synchronized BenchRuns shared() {
        if (shared == null) {
            Budget budget = Settings.budget();
            DatasetCatalog catalog = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml"));
            BenchTasks tasks = new BenchTasks(new BenchDataRepository(catalog, Settings.cacheDir(), new NpmPackSource()));
            shared = new BenchRuns(budget, tasks, catalog, Settings.cacheDir(), RunStore.shared());
        }
        return shared;
    }

    /** The budget these runs use. */
    public Budget budget() {
        return budget;
    }

    /** The bench tasks these runs read. */
    public BenchTasks tasks() {
        return tasks;
    }

    /** The source models of the default source task (Fashion 0-4). */
    public SourceModels sources() {
        return sources(BenchTasks.DEFAULT_SOURCE);
    }

    /** The source models of the source task {@code task}, built on first use. */
    public SourceModels sources(String task) {
        return sources(task, org.regsl.bench.model.BenchArchitecture.RESNET);
    }

    /** The source models of {@code architecture} on the source task {@code task}, built on first use. */
    public SourceModels sources(String task, org.regsl.bench.model.BenchArchitecture architecture) {
        String key = architecture == org.regsl.bench.model.BenchArchitecture.RESNET ? task
                : task + "@" + architecture.id();
        return sources.computeIfAbsent(key, k -> new SourceModels(tasks.source(task, budget), cacheDir, budget,
                catalog.get(BenchTasks.datasetOf(task)).integrity(), architecture));
    }

    /** C8's few-shot split of QuickDraw (built once). */
    public synchronized org.regsl.bench.data.FewShotSplit fewShotSplit() {
        if (fewShot == null) {
            fewShot = org.regsl.bench.data.FewShotSplit.of(tasks.dataset("quickdraw"));
        }
        return fewShot;
    }

    /** C8's source models: the ResNet-12 on the base categories, pretrained for {@code epochs} epochs. */
    public SourceModels fewShotSources(TaskData base, int epochs) {
        String key = base.name() + "@" + org.regsl.bench.model.BenchArchitecture.RESNET12.id();
        return sources.computeIfAbsent(key, t -> new SourceModels(base, cacheDir, budget,
                catalog.get("quickdraw").integrity(), org.regsl.bench.model.BenchArchitecture.RESNET12, epochs));
    }

    /** The plain fine-tuning run (source, target, seed) of the pilot design, computed on first use. */
    public FineTuneRun get(SourceKind source, String target, int seed) {
        return get(Design.PILOT, source, target, seed, MethodSpec.FINE_TUNING);
    }

    /** The run (source, target, seed, method) of the pilot design, computed on first use. */
    public FineTuneRun get(SourceKind source, String target, int seed, MethodSpec method) {
        return get(Design.PILOT, source, target, seed, method);
    }

    /**
     * The run (design, source, target, seed, method), computed on first use. Plain fine-tuning
     * runs of a design that asks for it also measure the perturbed loss (C1); others do not.
     */
    public FineTuneRun get(Design design, SourceKind source, String target, int seed, MethodSpec method) {
        return Compute.join(start(design, source, target, seed, method));
    }

    /**
     * Starts the run on the compute pool unless it is started or done, and returns at once: a
     * claim starts every run it will read before its first cell, so the pool trains ahead.
     */
    public CompletableFuture<FineTuneRun> start(Design design, SourceKind source, String target, int seed,
            MethodSpec method) {
        Experiment e = experiment(design, source, target, seed, method);
        if (source != SourceKind.RANDOM) {
            sources(design.sourceOf(target)).prepare(source, e.sourceSeed());
        }
        return store.start(e, x -> {
            try {
                return compute(x, design, source, target, seed, method);
            } catch (IOException io) {
                throw new UncheckedIOException(x.id() + ": " + io, io);
            }
        });
    }

    /** The experiment of the run (design, source, target, seed, method): everything its result depends on. */
    public Experiment experiment(Design design, SourceKind source, String target, int seed, MethodSpec method) {
        Budget budget = design.budget(this.budget);
        TaskData task = tasks.target(target, budget);
        Map<String, Object> config = protocol(budget, design, task, seed);
        if (measuresPerturbedLoss(design, method)) {
            config.put("perturbDraws", budget.perturbDraws());
            config.put("perturbSamples", budget.perturbSamples());
        }
        int sourceSeed = -1;
        if (source != SourceKind.RANDOM) {
            sourceSeed = sourceSeed(design, seed);
            config.put("sourceModel", sources(design.sourceOf(target)).file(source, sourceSeed).getFileName().toString());
        }
        return new Experiment("bench", budget.name(), design.name(), target, source.id(), sourceSeed, method.id(), "",
                seed, config);
    }

    /**
     * The bench fine-tuning protocol of a run, as its configuration shows it: epochs, batch,
     * optimizer, learning rate and its steps, checkpoint rule, split sizes and seed, init seed
     * ({@code 1000 + seed}) and threads. Every bench runner starts its configuration from it.
     */
    static Map<String, Object> protocol(Budget budget, Design design, TaskData task, int seed) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("epochs", budget.epochs());
        config.put("batch", BATCH);
        config.put("optimizer", "Adam (AMSGrad), weight decay 0");
        config.put("lr", LR);
        config.put("lrStepEvery", budget.lrStepEvery());
        config.put("lrGamma", LR_GAMMA);
        config.put("checkpoint", design.checkpoint().name());
        config.put("trainPerClass", budget.trainPerClass());
        config.put("valPerClass", budget.valPerClass());
        config.put("splitSeed", task.splitSeed());
        config.put("testImages", task.test().size());
        config.put("initSeed", 1000L + seed);
        config.put("threads", Settings.threads());
        return config;
    }

    private static boolean measuresPerturbedLoss(Design design, MethodSpec method) {
        return design.perturbedLoss() && method.method().equals("fine-tuning");
    }

    /**
     * Which independently pretrained source model run {@code seed} starts from: C1 and C2 compare
     * source models, so the pilot design cycles through {@code budget.sourceSeeds()} of them
     * (seed mod count); designs that compare fine-tuning methods from one source use source 0, as
     * the paper uses one ImageNet model.
     */
    public int sourceSeed(Design design, int seed) {
        return design.equals(Design.PILOT) ? Math.floorMod(seed, budget.sourceSeeds()) : 0;
    }

    /**
     * DELTA's channel attention of the run's start {@code net} (its source model) on {@code train}
     * under {@code loss}, cached per source model and task ({@link ChannelAttentions}).
     */
    static org.regsl.bench.regularize.ChannelAttention attention(Experiment e, Net net, ImageSet train,
            org.regsl.bench.train.Objective loss) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("sourceModel", e.fullConfig().getOrDefault("sourceModel", "random initialization"));
        key.put("task", e.task());
        key.put("splitSeed", e.fullConfig().get("splitSeed"));
        key.put("architecture", org.regsl.bench.model.BenchArchitecture.RESNET.description());
        return ChannelAttentions.shared().of(key, net, train, train.labels(), loss, LayerRadii.STAGES);
    }

    private FineTuneRun compute(Experiment e, Design design, SourceKind source, String target, int seed,
            MethodSpec method) throws IOException {
        long start = System.nanoTime();
        Budget budget = design.budget(this.budget);
        TaskData task = tasks.target(target, budget);
        TrainConfig cfg = new TrainConfig(budget.epochs(), BATCH, LR, budget.lrStepEvery(), LR_GAMMA, seed,
                design.checkpoint(), e.id());
        try (Net net = Net.create(task.numClasses(), 1000L + seed)) {
            if (source != SourceKind.RANDOM) {
                try (Net pretrained = sources(design.sourceOf(target)).load(source, e.sourceSeed())) {
                    net.loadBackboneFrom(pretrained);
                }
            }
            try (WeightSnapshot init = WeightSnapshot.of(net)) {
                TrainingLoop.Result r = new TrainingLoop(cfg, null, method.build(init, net, () -> attention(e, net,
                        task.train(), new CrossEntropy(task.train().labels())))).run(net, task.train(),
                        task.val());
                Evaluation val = Evaluation.afterTraining(net, task.val());
                Evaluation test = Evaluation.afterTraining(net, task.test());
                List<PerturbedLoss.Result> perturbed = new ArrayList<>();
                for (int i = 0; measuresPerturbedLoss(design, method) && i < SIGMAS.size(); i++) {
                    perturbed.add(PerturbedLoss.measure(net, task.test(), budget.perturbSamples(), SIGMAS.get(i),
                            budget.perturbDraws(), 100_000L * (seed + 1) + i));
                }
                List<LayerDistances.Layer> layers = LayerDistances.measure(net, init);
                return new FineTuneRun(e.id(), budget.name(), target, source.id(), seed, task.splitSeed(),
                        e.fullConfig(), r.bestEpoch(), val.accuracy(), val.loss(), test.accuracy(), test.loss(),
                        perturbed, layers, r.curve(), (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
