package org.regsl.bench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.regsl.bench.data.TaskData;
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.measure.PerturbedLoss;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * Plain fine-tuning runs of the bench scale, each computed once per JVM and shared by every
 * claim that reads it (C1 reads the perturbed losses, C2 the distances of the same runs), on the
 * {@link Compute} pool. Each run also writes its JSON row to {@code reports/runs/}.
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

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static volatile BenchRuns shared;

    private final Budget budget;
    private final BenchTasks tasks;
    private final DatasetCatalog catalog;
    private final Path cacheDir;
    private final Path runsDir;
    private final Map<String, SourceModels> sources = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<FineTuneRun>> done = new ConcurrentHashMap<>();

    BenchRuns(Budget budget, BenchTasks tasks, DatasetCatalog catalog, Path cacheDir, Path runsDir) {
        this.budget = budget;
        this.tasks = tasks;
        this.catalog = catalog;
        this.cacheDir = cacheDir;
        this.runsDir = runsDir;
    }

    /** The runs of this JVM, under the budget and directories of {@link Settings}. */
    public static synchronized BenchRuns shared() {
        if (shared == null) {
            Budget budget = Settings.budget();
            DatasetCatalog catalog = DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml"));
            BenchTasks tasks = new BenchTasks(new BenchDataRepository(catalog, Settings.cacheDir(), new NpmPackSource()));
            shared = new BenchRuns(budget, tasks, catalog, Settings.cacheDir(), Settings.reportsDir().resolve("runs"));
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
        return sources.computeIfAbsent(task, t -> new SourceModels(tasks.source(t, budget), cacheDir, budget,
                catalog.get(BenchTasks.datasetOf(t)).integrity()));
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
        String id = design.runPrefix() + target + "/" + source.id()
                + (source == SourceKind.RANDOM ? "" : "/source-" + sourceSeed(design, seed))
                + (method.method().equals("fine-tuning") ? "" : "/" + method.id()) + "/seed-" + seed;
        return done.computeIfAbsent(id, k -> Compute.submit(() -> {
            FineTuneRun run;
            try {
                run = compute(id, design, source, target, seed, method);
            } catch (IOException e) {
                throw new UncheckedIOException(id + ": " + e, e);
            }
            writeRow(run);
            return run;
        }));
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

    private FineTuneRun compute(String id, Design design, SourceKind source, String target, int seed,
            MethodSpec method) throws IOException {
        long start = System.nanoTime();
        Budget budget = design.budget(this.budget);
        TaskData task = tasks.target(target, budget);
        SourceModels models = sources(design.sourceOf(target));
        TrainConfig cfg = new TrainConfig(budget.epochs(), BATCH, LR, budget.lrStepEvery(), 0.1, seed,
                design.checkpoint(), id);
        try (Net net = Net.create(task.numClasses(), 1000L + seed)) {
            if (source != SourceKind.RANDOM) {
                try (Net pretrained = models.load(source, sourceSeed(design, seed))) {
                    net.loadBackboneFrom(pretrained);
                }
            }
            try (WeightSnapshot init = WeightSnapshot.of(net)) {
                TrainingLoop.Result r = new TrainingLoop(cfg, null, method.build(init)).run(net, task.train(),
                        task.val());
                Evaluation val = Evaluation.of(net, task.val());
                Evaluation test = Evaluation.of(net, task.test());
                List<PerturbedLoss.Result> perturbed = new ArrayList<>();
                boolean perturb = design.perturbedLoss() && method.method().equals("fine-tuning");
                for (int i = 0; perturb && i < SIGMAS.size(); i++) {
                    perturbed.add(PerturbedLoss.measure(net, task.test(), budget.perturbSamples(), SIGMAS.get(i),
                            budget.perturbDraws(), 100_000L * (seed + 1) + i));
                }
                List<LayerDistances.Layer> layers = LayerDistances.measure(net, init);
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("design", design.name());
                config.put("method", method.id());
                config.put("epochs", cfg.epochs());
                config.put("batch", cfg.batchSize());
                config.put("optimizer", "Adam (AMSGrad), weight decay 0");
                config.put("lr", cfg.lr());
                config.put("lrStepEvery", cfg.lrStepEvery());
                config.put("lrGamma", cfg.lrGamma());
                config.put("checkpoint", cfg.checkpoint().name());
                config.put("trainPerClass", budget.trainPerClass());
                config.put("valPerClass", budget.valPerClass());
                config.put("testImages", task.test().size());
                config.put("perturbDraws", budget.perturbDraws());
                config.put("perturbSamples", budget.perturbSamples());
                config.put("initSeed", 1000L + seed);
                config.put("threads", Settings.threads());
                if (source != SourceKind.RANDOM) {
                    config.put("sourceSeed", sourceSeed(design, seed));
                    config.put("sourceModel", models.file(source, sourceSeed(design, seed)).getFileName().toString());
                }
                return new FineTuneRun(id, budget.name(), target, source.id(), seed, task.splitSeed(), config,
                        r.bestEpoch(), val.accuracy(), val.loss(), test.accuracy(), test.loss(), perturbed, layers,
                        r.curve(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private void writeRow(FineTuneRun run) {
        try {
            Files.createDirectories(runsDir);
            Files.writeString(runsDir.resolve(run.id().replace('/', '_') + ".json"), toJson(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON row of a run (any run record). */
    public static String toJson(Object run) {
        try {
            return JSON.writeValueAsString(run);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
