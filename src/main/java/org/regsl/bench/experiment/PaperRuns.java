package org.regsl.bench.experiment;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.regsl.bench.config.PaperBudget;
import org.regsl.bench.config.Settings;
import org.regsl.bench.data.DatasetCatalog;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.DatasetSpec;
import org.regsl.bench.data.paper.ImageFileSet;
import org.regsl.bench.data.paper.ImageTransform;
import org.regsl.bench.data.paper.PaperLayouts;
import org.regsl.bench.data.paper.PaperSplits;
import org.regsl.bench.measure.PerturbedLoss;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.PretrainedWeights;
import org.regsl.bench.model.ResNet;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.noise.LabelNoise;
import org.regsl.bench.noise.NoisyLabels;
import org.regsl.bench.objective.CrossEntropy;
import org.regsl.bench.objective.Objective;
import org.regsl.bench.objective.SelfLabeling;
import org.regsl.bench.regularize.FrobeniusConstraint;
import org.regsl.bench.regularize.Regularization;
import org.regsl.bench.train.Checkpoint;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * Paper-scale fine-tuning runs, computed once per JVM: the official protocol of REGSL-SPEC 6.1
 * (Adam/AMSGrad lr 1e-4, StepLR x0.1 every 10 epochs, batch 32, 30 epochs, best validation
 * accuracy kept, RandomResizedCrop + flip for training, Resize + CenterCrop for evaluation) on a
 * torchvision-layout {@link ResNet} whose head is new and whose backbone is random, ImageNet or
 * adversarially robust weights, followed by the perturbed loss of REGSL-SPEC 4 on the first test
 * images. The budget ({@link PaperBudget}) sets the sizes; {@code tiny} runs on a fixture on CPU.
 */
public final class PaperRuns {

    /** Learning rate of the official fine-tuning (REGSL-SPEC 6.1). */
    public static final double LR = 1e-4;

    /** The sigmas of the poster's perturbed-loss tables. */
    public static final double[] SIGMAS = {1e-2, 1e-3, 1e-4};

    private static PaperRuns shared;

    private final PaperBudget budget;
    private final DatasetCatalog catalog;
    private final Path dataRoot;
    private final Path weightsDir;
    private final Device device;
    private final Path runsDir;
    private final Map<String, PaperRun> memo = new ConcurrentHashMap<>();

    public PaperRuns(PaperBudget budget, DatasetCatalog catalog, Path dataRoot, Path weightsDir, Device device,
            Path runsDir) {
        this.budget = budget;
        this.catalog = catalog;
        this.dataRoot = dataRoot;
        this.weightsDir = weightsDir;
        this.device = device;
        this.runsDir = runsDir;
    }

    /** The runs of this JVM, under the settings of {@link Settings}. */
    public static synchronized PaperRuns shared() {
        if (shared == null) {
            shared = new PaperRuns(Settings.paperBudget(),
                    DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml")), Settings.paperDataRoot(),
                    Settings.weightsDir(), deviceOf(Settings.device()), Settings.reportsDir().resolve("runs"));
        }
        return shared;
    }

    /** The device for a {@code regsl.device} value: cpu, or the first GPU (auto falls back to cpu). */
    public static Device deviceOf(String setting) {
        boolean gpu = Engine.getInstance().getGpuCount() > 0;
        if (setting.equals("gpu") && !gpu) {
            throw new IllegalStateException("regsl.device=gpu but the engine sees no GPU (is a CUDA libtorch"
                    + " loaded? see the README, GPU runners)");
        }
        return setting.equals("cpu") || !gpu ? Device.cpu() : Device.gpu();
    }

    /** The budget of these runs. */
    public PaperBudget budget() {
        return budget;
    }

    /** The weights file for {@code init} of net {@code net}, or null for a random start. */
    public Path weightsFile(String net, String init) {
        return switch (init) {
            case "random" -> null;
            case "pretrained" -> weightsDir == null ? null : weightsDir.resolve(net + "-imagenet.safetensors");
            case "adversarial" -> weightsDir == null ? null : weightsDir.resolve(net + "-robust.safetensors");
            default -> throw new IllegalArgumentException("unknown initialization '" + init + "'");
        };
    }

    /** The net of the label-noise runs (REGSL-SPEC 6.2). */
    public static final String NOISE_NET = "resnet18";

    /** The methods with paper-scale hyper-parameters under label noise (REGSL-SPEC 1.3). */
    public static final List<String> NOISE_METHODS = List.of("regsl", "fine-tuning");

    /** The C1 run of {@code dataset} from {@code init} with {@code seed}. */
    public PaperRun perturbedLossRun(String dataset, String init, int seed) {
        String net = budget.perturbedLossNet();
        String id = "paper/" + budget.name() + "/" + dataset + "/" + net + "/" + init + "/seed=" + seed;
        return memo.computeIfAbsent(id, k -> {
            PaperRun r = train(id, dataset, net, init, seed, null);
            write(r);
            return r;
        });
    }

    /**
     * The C5 run of {@code method} ({@link #NOISE_METHODS}) on {@code dataset} with independent
     * noise of {@code percent} % on the training labels (drawn once from
     * {@link NoiseSetting#NOISE_SEED}; validation and test labels clean, pitfall 1): ResNet-18 from
     * ImageNet weights, REGSL = Frobenius constraint (one radius for every stage) + self-labeling
     * with the settings of REGSL-SPEC 1.3.
     */
    public PaperRun noisyRun(String dataset, int percent, String method, int seed) {
        if (!NOISE_METHODS.contains(method)) {
            throw new IllegalArgumentException("no paper-scale hyper-parameters for '" + method + "' (" + NOISE_METHODS
                    + ")");
        }
        String id = "paper/" + budget.name() + "/" + dataset + "/" + NOISE_NET + "/independent-" + percent + "/"
                + method + "/seed=" + seed;
        return memo.computeIfAbsent(id, k -> {
            PaperRun r = train(id, dataset, NOISE_NET, "pretrained", seed, new Noise(percent, method));
            write(r);
            return r;
        });
    }

    /** Label noise of a run: independent at {@code percent} %, trained with {@code method}. */
    private record Noise(int percent, String method) {}

    private PaperRun train(String id, String dataset, String netId, String init, int seed, Noise noise) {
        DatasetSpec spec = catalog.get(dataset);
        PaperSplits splits = PaperLayouts.load(dataset, spec.format(), dataRoot.resolve(spec.layoutString("folder")));
        if (splits.val().isEmpty() || splits.train().size() < 2) {
            throw new DatasetException(dataRoot.resolve(spec.layoutString("folder")) + ": " + dataset + " has "
                    + splits.train().size() + " training and " + splits.val().size() + " validation images; too few");
        }
        int size = budget.imageSize();
        int classes = splits.numClasses();
        ImageFileSet train = new ImageFileSet(dataset + "/train", splits.train(), classes, new ImageTransform(size, true));
        ImageFileSet val = new ImageFileSet(dataset + "/val", splits.val(), classes, new ImageTransform(size, false));
        ImageFileSet test = new ImageFileSet(dataset + "/test", splits.test(), classes, new ImageTransform(size, false));
        ResNet resnet = new ResNet(ResNet.Depth.of(netId), classes);
        try (Net net = Net.of(resnet, new Shape(1, 3, size, size), classes, device, seed)) {
            Map<String, Object> weights = new LinkedHashMap<>();
            Path file = weightsFile(netId, init);
            if (file == null && !init.equals("random")) {
                throw new IllegalStateException(id + ": no weights folder (REGSL_WEIGHTS) for the " + init + " start");
            }
            if (file != null) {
                PretrainedWeights.Report rep;
                try {
                    rep = PretrainedWeights.importInto(resnet, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                weights.put("file", file.toString());
                weights.put("tensorsLoaded", rep.loaded());
                weights.put("keysIgnored", rep.ignored().size());
            } else {
                weights.put("file", "none (random initialization as torchvision, seed " + seed + ")");
            }
            TrainConfig config = new TrainConfig(budget.epochs(), budget.batchSize(), LR, budget.lrStepEvery(), 0.1,
                    seed, Checkpoint.BEST_VAL_ACCURACY, id);
            Map<String, Object> setting = new LinkedHashMap<>();
            TrainingLoop.Result fit;
            List<PerturbedLoss.Result> perturbed = new ArrayList<>();
            if (noise == null) {
                fit = new TrainingLoop(config).run(net, train, val);
            } else {
                fit = trainNoisy(net, train, val, config, noise, setting);
            }
            Evaluation ev = Evaluation.of(net, test);
            if (noise == null) {
                for (double sigma : SIGMAS) {
                    perturbed.add(PerturbedLoss.measure(net, test, budget.perturbSamples(), sigma,
                            budget.perturbDraws(), seed * 7919L + Math.round(-Math.log10(sigma))));
                }
            }
            return new PaperRun(id, dataset, netId, init, weights, setting, seed, budget.name(), device.toString(),
                    new int[] {train.size(), val.size(), test.size()}, fit.bestEpoch(), fit.bestValAccuracy(),
                    ev.accuracy(), ev.loss(), fit.curve(), perturbed, fit.seconds());
        }
    }

    private static TrainingLoop.Result trainNoisy(Net net, ImageFileSet train, ImageFileSet val, TrainConfig config,
            Noise noise, Map<String, Object> setting) {
        NoisyLabels labels = LabelNoise.independentAsOfficial(train.labels(), train.numClasses(), noise.percent() / 100.0,
                NoiseSetting.NOISE_SEED);
        setting.put("noise", "independent");
        setting.put("nominalRate", noise.percent() / 100.0);
        setting.put("realisedRate", labels.realisedRate());
        setting.put("noiseSeed", NoiseSetting.NOISE_SEED);
        setting.put("method", noise.method());
        if (noise.method().equals("fine-tuning")) {
            try (Objective ce = new CrossEntropy(labels.labels())) {
                return new TrainingLoop(config).run(net, train, val, ce);
            }
        }
        PaperHyperparameters.NoiseSettings hp = PaperHyperparameters.labelNoise(noise.percent());
        setting.put("hyperparameters", hp);
        try (WeightSnapshot start = WeightSnapshot.of(net);
                Objective sl = new SelfLabeling(SelfLabeling.Params.of(hp.correctEpoch(), hp.threshold(),
                        hp.reweightEpoch(), hp.temperature()), labels.labels(), labels.clean())) {
            Regularization constraint = Regularization.of(new FrobeniusConstraint(start, hp.radii()));
            return new TrainingLoop(config, null, constraint).run(net, train, val, sl);
        }
    }

    private void write(PaperRun r) {
        try {
            Files.createDirectories(runsDir);
            Files.writeString(runsDir.resolve(r.id().replace('/', '_') + ".json"), BenchRuns.toJson(r));
        } catch (IOException e) {
            throw new UncheckedIOException(runsDir + ": cannot write the run row of " + r.id(), e);
        }
    }
}
