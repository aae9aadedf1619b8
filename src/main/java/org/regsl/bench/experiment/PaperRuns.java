package org.regsl.bench.experiment;

import org.regsl.bench.noise.NoiseSetting;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.regsl.bench.method.Method;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.method.Methods;
import org.regsl.bench.method.ObjectiveInputs;
import org.regsl.bench.method.RegularizationInputs;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.PretrainedWeights;
import org.regsl.bench.model.ResNet;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.noise.LabelNoise;
import org.regsl.bench.noise.NoisyLabels;
import org.regsl.bench.train.Objective;
import org.regsl.bench.regularize.Regularization;
import org.regsl.bench.train.Checkpoint;
import org.regsl.bench.train.Evaluation;
import org.regsl.bench.train.TrainConfig;
import org.regsl.bench.train.TrainingLoop;

/**
 * Paper-scale fine-tuning runs, computed once per JVM through the {@link RunStore}: the official protocol of REGSL-SPEC 6.1
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
    private final RunStore store;

    public PaperRuns(PaperBudget budget, DatasetCatalog catalog, Path dataRoot, Path weightsDir, Device device,
            RunStore store) {
        this.budget = budget;
        this.catalog = catalog;
        this.dataRoot = dataRoot;
        this.weightsDir = weightsDir;
        this.device = device;
        this.store = store;
    }

    /** The runs of this JVM, under the settings of {@link Settings}. */
    public static synchronized PaperRuns shared() {
        if (shared == null) {
            shared = new PaperRuns(Settings.paperBudget(),
                    DatasetCatalog.load(Settings.projectDir().resolve("datasets.yaml")), Settings.paperDataRoot(),
                    Settings.weightsDir(), deviceOf(Settings.device()), RunStore.shared());
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

    /** The C1 run of {@code dataset} from {@code init} with {@code seed}. */
    public PaperRun perturbedLossRun(String dataset, String init, int seed) {
        String net = budget.perturbedLossNet();
        Experiment e = experiment("perturbed-loss", dataset, net, init, "fine-tuning", "", seed);
        return store.get(e, x -> train(x, dataset, net, init, seed, null));
    }

    /** The experiment of a paper-scale run: the budget, the net, the weights and the device with the named fields. */
    private Experiment experiment(String protocol, String dataset, String net, String init, String method,
            String setting, int seed) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("net", net);
        Path weights = weightsFile(net, init);
        config.put("weights", weights == null ? "none" : weights.getFileName().toString());
        config.put("budget", budget);
        config.put("lr", LR);
        config.put("device", device.toString());
        config.put("threads", Settings.threads());
        return new Experiment("paper", budget.name(), protocol, dataset, init, -1, method, setting, seed, config);
    }

    /**
     * The C5 run of {@code method} (one with values in {@code paper-hyperparameters.yaml}) on {@code dataset} with independent
     * noise of {@code percent} % on the training labels (drawn once from
     * {@link NoiseSetting#NOISE_SEED}; validation and test labels clean, pitfall 1): ResNet-18 from
     * ImageNet weights, REGSL = Frobenius constraint (one radius for every stage) + self-labeling
     * with the settings of REGSL-SPEC 1.3.
     */
    public PaperRun noisyRun(String dataset, int percent, String method, int seed) {
        PaperHyperparameters.labelNoise("independent-" + percent, method); // an error naming the field if absent
        Experiment e = experiment("label-noise", dataset, NOISE_NET, "pretrained", method, "independent-" + percent,
                seed);
        return store.get(e, x -> train(x, dataset, NOISE_NET, "pretrained", seed, new Noise(percent, method)));
    }

    /** Label noise of a run: independent at {@code percent} %, trained with {@code method}. */
    private record Noise(int percent, String method) {}

    private PaperRun train(Experiment experiment, String dataset, String netId, String init, int seed, Noise noise) {
        String id = experiment.id();
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
        Method m = Methods.get(noise.method());
        MethodParams hp = PaperHyperparameters.labelNoise("independent-" + noise.percent(), noise.method());
        setting.put("hyperparameters", hp.values());
        try (WeightSnapshot start = WeightSnapshot.of(net);
                Objective objective = m.objective(hp, new ObjectiveInputs(labels.labels(), labels.clean(),
                        train.numClasses(), config.epochs(), null, noise.percent() / 100.0))) {
            Regularization regularization = m.regularization(hp, new RegularizationInputs(start,
                    PaperHyperparameters.STAGES, Map.of()));
            return new TrainingLoop(config, null, regularization).run(net, train, val, objective);
        }
    }
}
