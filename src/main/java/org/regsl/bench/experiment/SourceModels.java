package org.regsl.bench.experiment;

import org.regsl.bench.measure.RobustAccuracy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.regsl.bench.cache.CacheEntry;
import org.regsl.bench.cache.ConfigHash;
import org.regsl.bench.config.Budget;
import org.regsl.bench.data.SourceTask;
import org.regsl.bench.data.TaskData;
import org.regsl.bench.model.BenchArchitecture;
import org.regsl.bench.model.Net;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.PgdAttack;
import org.regsl.bench.train.Checkpoint;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * The bench source models, pretrained on the source task and cached on disk under a hash of their
 * full configuration ({@code models/<task>-<kind>-<hash>.params} plus a JSON sidecar with the
 * configuration and source metrics), one {@link CacheEntry}: written atomically, verified (length,
 * SHA-256, configuration) before use, and retrained when damaged. A changed recipe gets a new
 * hash, so a stale model is never reused.
 *
 * One instance per source task ({@code BenchTasks.SOURCES}).
 *
 * <ul>
 *   <li>{@code standard}: {@code sourceEpochs} epochs (scaled up for small source tasks) of
 *       cross-entropy, AMSGrad lr 1e-3, batch 64;
 *   <li>{@code adversarial}: the standard model, then {@code adversarialEpochs} epochs of PGD
 *       adversarial training (L-inf, eps = 0.1, 3 steps of 2.5 eps / 3, no random start), the
 *       cheaper recipe of the pilot study (BENCH.md).
 * </ul>
 */
public final class SourceModels {

    /** Bump when the recipe changes in a way the configuration does not show. */
    static final int RECIPE_VERSION = 2; // 2: PyTorch's initialization, source seeds

    static final long SOURCE_SEED = 7;
    static final double LR = 1e-3;
    static final int BATCH = 64;
    static final float PGD_EPSILON = 0.1f;
    static final int PGD_STEPS = 3;
    static final int ROBUST_EVAL_STEPS = 10;
    static final int ROBUST_EVAL_IMAGES = 500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final java.util.Map<Path, ReentrantLock> locks = new java.util.concurrent.ConcurrentHashMap<>();
    /** Models queued by {@link #prepare}. */
    private final java.util.Set<Path> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Models this JVM has loaded or pretrained: a preparation that comes after a run has nothing to do. */
    private final java.util.Set<Path> available = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final SourceTask source;
    private final Path dir;
    private final Budget budget;
    private final String dataDigest;
    private final BenchArchitecture architecture;
    private final int fixedEpochs;

    /** Bench ResNet source models of {@code source} cached in {@code cacheDir/models}. */
    public SourceModels(TaskData source, Path cacheDir, Budget budget, String dataDigest) {
        this(source, cacheDir, budget, dataDigest, BenchArchitecture.RESNET);
    }

    /**
     * Source models of {@code architecture} on {@code source} cached in {@code cacheDir/models}; the ViT
     * (C7) has standard source models only.
     */
    public SourceModels(TaskData source, Path cacheDir, Budget budget, String dataDigest,
            BenchArchitecture architecture) {
        this(source, cacheDir, budget, dataDigest, architecture, 0);
    }

    /**
     * As above with {@code epochs} epochs of standard pretraining whatever the budget's rule (0: the rule), for a
     * source task whose claim fixes its own recipe (C8's base categories).
     */
    public SourceModels(TaskData source, Path cacheDir, Budget budget, String dataDigest,
            BenchArchitecture architecture, int epochs) {
        this(SourceTask.of(source), cacheDir, budget, dataDigest, architecture, epochs);
    }

    /** As above for any source task (C9's text embeddings). */
    public SourceModels(SourceTask source, Path cacheDir, Budget budget, String dataDigest,
            BenchArchitecture architecture, int epochs) {
        this.fixedEpochs = epochs;
        this.source = source;
        this.dir = cacheDir.resolve("models");
        this.budget = budget;
        this.dataDigest = dataDigest;
        this.architecture = architecture;
    }

    /** The architecture of these source models. */
    public BenchArchitecture architecture() {
        return architecture;
    }

    /**
     * The init and batch-order seed of the source model of replicate {@code sourceSeed} (0, 1, ...):
     * independently pretrained source models of one kind differ only in it.
     */
    static long seedOf(int sourceSeed) {
        return SOURCE_SEED + 1000L * sourceSeed;
    }

    /** The configuration of a source model: everything its weights depend on. */
    public Map<String, Object> config(SourceKind kind, int sourceSeed) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("kind", kind.id());
        c.put("task", source.name());
        c.put("recipe", RECIPE_VERSION);
        c.put("architecture", architecture.description());
        if (architecture == BenchArchitecture.VIT) {
            c.put("dropout", "DropoutRandom: masks from the training thread's seeded generator");
        }
        c.put("data", dataDigest);
        c.put("splitSeed", source.splitSeed());
        c.put("sourcePerClass", source.train().size() / source.numClasses());
        c.put("epochs", epochs());
        c.put("lr", LR);
        c.put("batch", BATCH);
        c.put("sourceSeed", sourceSeed);
        c.put("seed", seedOf(sourceSeed));
        c.put("threads", org.regsl.bench.config.Settings.threads());
        if (kind == SourceKind.ADVERSARIAL) {
            Map<String, Object> pgd = new LinkedHashMap<>();
            pgd.put("norm", "linf");
            pgd.put("epsilon", PGD_EPSILON);
            pgd.put("steps", PGD_STEPS);
            pgd.put("epochs", budget.adversarialEpochs());
            c.put("pgd", pgd);
        }
        return c;
    }

    /**
     * Standard pretraining epochs: the budget's, scaled up when the task holds fewer images per
     * class than the budget asks for (digits-0-4), so every source sees about as many images.
     */
    int epochs() {
        if (fixedEpochs > 0) {
            return fixedEpochs;
        }
        int perClass = source.train().size() / source.numClasses();
        return budget.sourceEpochs() * Math.max(1, (int) Math.round((double) budget.sourcePerClass() / perClass));
    }

    /** The source task these models are trained on. */
    public SourceTask task() {
        return source;
    }

    /** The cache file of a source model (the source seed is in the configuration, hence in the hash). */
    public Path file(SourceKind kind, int sourceSeed) {
        String arch = architecture == BenchArchitecture.RESNET ? "" : architecture.id() + "-";
        return dir.resolve(source.name() + "-" + arch + kind.id() + "-s" + sourceSeed + "-" + hash(config(kind, sourceSeed))
                + ".params");
    }

    /**
     * A new net holding the source model of {@code kind} (trained now if not cached); the caller
     * closes it. {@code random} has no source model and is an error here.
     */
    public Net load(SourceKind kind, int sourceSeed) throws IOException {
        try {
            return Compute.inSlot(() -> {
                try {
                    return loadInSlot(kind, sourceSeed);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Queues the source model of {@code kind} ahead of every run ({@link Compute#ahead}), once per model: a
     * runner calls it when it starts a run that will load the model, so the model is pretrained (or read and
     * verified, when cached) while other runs train, not by the first run that needs it with the runs queued
     * behind it waiting. A failure here is left to the runs: each loads the model again and fails as before.
     */
    public void prepare(SourceKind kind, int sourceSeed) {
        Path f = file(kind, sourceSeed);
        if (kind != SourceKind.RANDOM && queued.add(f)) {
            Compute.ahead(() -> Compute.locked(lock(f), () -> {
                if (!available.contains(f)) {
                    try (Net net = loadLocked(kind, sourceSeed)) {
                        // pretrained and cached if it was not: the runs load it from the cache
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return null;
            }));
        }
    }

    private ReentrantLock lock(Path model) {
        return locks.computeIfAbsent(model, m -> new ReentrantLock());
    }

    /**
     * {@link #load} in a compute slot. One lock per model file: two source seeds pretrain at the same
     * time, and a run needing a model another run is pretraining waits for it without its slot
     * ({@link Compute#locked}), which meanwhile trains the next run or the next source seed.
     */
    private Net loadInSlot(SourceKind kind, int sourceSeed) throws IOException {
        try {
            return Compute.locked(lock(file(kind, sourceSeed)), () -> {
                try {
                    return loadLocked(kind, sourceSeed);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Net loadLocked(SourceKind kind, int sourceSeed) throws IOException {
        if (kind == SourceKind.RANDOM) {
            throw new IllegalArgumentException("the random initialization has no source model");
        }
        if (kind == SourceKind.ADVERSARIAL && architecture != BenchArchitecture.RESNET) {
            throw new IllegalArgumentException("adversarial source models are bench ResNets only (C1), not " + architecture);
        }
        CacheEntry entry = entry(kind, sourceSeed);
        Net net = architecture.create(source.numClasses(), 0, seedOf(sourceSeed));
        if (entry.isValid()) {
            try {
                net.load(entry.files().get(0));
                available.add(file(kind, sourceSeed));
                return net;
            } catch (RuntimeException | IOException e) {
                net.close();
                throw e;
            }
        }
        try {
            if (kind == SourceKind.STANDARD) {
                train(net, null, epochs(), sourceSeed, source.name() + " standard s" + sourceSeed);
            } else {
                try (Net standard = loadInSlot(SourceKind.STANDARD, sourceSeed)) {
                    net.loadBackboneFrom(standard);
                    copyHead(standard, net);
                }
                train(net, PgdAttack.of(PGD_EPSILON, PGD_STEPS), budget.adversarialEpochs(), sourceSeed,
                        source.name() + " adversarial s" + sourceSeed);
            }
            byte[] sidecar = sidecarJson(kind, sourceSeed, net);
            entry.write(List.of(net::save, out -> out.write(sidecar)));
            CacheEntry.sweepTemporaries(dir);
            available.add(file(kind, sourceSeed));
            return net;
        } catch (RuntimeException | IOException e) {
            net.close();
            throw e;
        }
    }

    /** The metrics sidecar of a cached source model (source accuracy, robust accuracy). */
    public Path sidecar(SourceKind kind, int sourceSeed) {
        Path f = file(kind, sourceSeed);
        return f.resolveSibling(f.getFileName().toString().replace(".params", ".json"));
    }

    private void train(Net net, PgdAttack attack, int epochs, int sourceSeed, String label) {
        TrainConfig cfg = new TrainConfig(epochs, BATCH, LR, Integer.MAX_VALUE, 1.0, seedOf(sourceSeed), Checkpoint.LAST,
                label);
        new TrainingLoop(cfg, attack).run(net, source.train(), null);
    }

    private byte[] sidecarJson(SourceKind kind, int sourceSeed, Net net) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("config", config(kind, sourceSeed));
        s.put("sourceTestAccuracy", Evaluation.of(net, source.test()).accuracy());
        if (architecture.readsImages()) { // an L-inf ball in [0, 1] pixels means nothing for an embedding
            s.put("robustAccuracy", RobustAccuracy.of(net, source.test(), ROBUST_EVAL_IMAGES,
                    PgdAttack.of(PGD_EPSILON, ROBUST_EVAL_STEPS)));
            s.put("robustAttack", "PGD L-inf eps " + PGD_EPSILON + ", " + ROBUST_EVAL_STEPS + " steps, first "
                    + ROBUST_EVAL_IMAGES + " source test images");
        }
        return JSON.writeValueAsBytes(s);
    }

    /**
     * The cache entry of a source model: its parameters and its metrics sidecar, valid only for
     * this configuration and with both files' lengths and checksums as recorded.
     */
    CacheEntry entry(SourceKind kind, int sourceSeed) {
        return CacheEntry.of(config(kind, sourceSeed), file(kind, sourceSeed), sidecar(kind, sourceSeed));
    }

    private static void copyHead(Net from, Net to) {
        for (int i = 0; i < to.parameters().size(); i++) {
            var mine = to.parameters().get(i);
            if (mine.getKey().contains("head")) {
                mine.getValue().getArray().set(new ai.djl.ndarray.index.NDIndex("..."),
                        from.parameters().get(i).getValue().getArray());
            }
        }
    }

    static String hash(Map<String, Object> config) {
        return ConfigHash.of(config, 12);
    }
}
