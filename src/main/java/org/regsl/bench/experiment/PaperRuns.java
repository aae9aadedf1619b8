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
import org.regsl.bench.measure.LayerDistances;
import org.regsl.bench.measure.PerturbedLoss;
import org.regsl.bench.method.Method;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.method.Methods;
import org.regsl.bench.method.ObjectiveInputs;
import org.regsl.bench.method.RegularizationInputs;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.PretrainedWeights;
import org.regsl.bench.model.ResNet;
import org.regsl.bench.model.VisionTransformer;
import org.regsl.bench.model.VitCheckpoint;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.noise.NoisyLabels;
import org.regsl.bench.train.Objective;
import org.regsl.bench.regularize.ChannelAttention;
import org.regsl.bench.regularize.Regularization;
import org.regsl.bench.train.CrossEntropy;
import org.regsl.bench.data.ImageSet;
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
    private final PaperMultiLabelTraining multiLabel = new PaperMultiLabelTraining(this);
    private final PaperNoisyLabels noisyLabels = new PaperNoisyLabels(this);

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

    /** The data sets' catalog. */
    DatasetCatalog catalog() {
        return catalog;
    }

    /** The root of the paper-scale data sets. */
    Path dataRoot() {
        return dataRoot;
    }

    /** The device these runs train on. */
    Device device() {
        return device;
    }

    /** The budget of these runs. */
    public PaperBudget budget() {
        return budget;
    }

    /** The weights file for {@code init} of net {@code net}, or null for a random start. */
    public Path weightsFile(String net, String init) {
        if (net.equals(VIT_NET) && init.equals("pretrained")) {
            return weightsDir == null ? null : weightsDir.resolve(VIT_WEIGHTS);
        }
        if (net.equals(PaperFewShotRuns.NET) && init.equals("pretrained")) {
            return weightsDir == null ? null : weightsDir.resolve(PaperFewShotRuns.CHECKPOINT);
        }
        return switch (init) {
            case "random" -> null;
            case "pretrained" -> weightsDir == null ? null : weightsDir.resolve(net + "-imagenet.safetensors");
            case "adversarial" -> weightsDir == null ? null : weightsDir.resolve(net + "-robust.safetensors");
            default -> throw new IllegalArgumentException("unknown initialization '" + init + "'");
        };
    }

    /** The net of C7's runs: ViT-B/16 at the paper budget ({@link #vitConfig}). */
    public static final String VIT_NET = "vit-b16";

    /**
     * Google's ImageNet-21k ViT-B/16 checkpoint the official C7 runs start from (REGSL-SPEC 6.4), under
     * REGSL_WEIGHTS; the fixture writes a tiny stand-in in the same layout.
     */
    public static final String VIT_WEIGHTS = "imagenet21k_ViT-B_16.npz";

    /**
     * The ViT of this budget: ViT-B/16 at 224 px (the paper budget), else a tiny ViT with the same structure for
     * the budget's image size (patch a quarter of the side: 16 patches), which the fixture's checkpoint fits.
     */
    public VisionTransformer.Config vitConfig() {
        return vitConfig(budget.imageSize());
    }

    /** The ViT for images of {@code size} px (see {@link #vitConfig()}). */
    public static VisionTransformer.Config vitConfig(int size) {
        VisionTransformer.Config b16 = VisionTransformer.Config.B16;
        return size == b16.image() ? b16 : new VisionTransformer.Config(32, 2, 64, 2, size / 4, size, 3, b16.dropout());
    }

    /**
     * The C7 run of {@code method} on {@code dataset} under the noise {@code setting}: the budget's ViT
     * ({@link #vitConfig}) from {@link #VIT_WEIGHTS} with a new head, the official protocol and transforms of the
     * ResNet runs (ImageNet normalization, as the official ViT script), the noise of {@link #noisyRun}, and the values
     * of {@code paper-hyperparameters.yaml} ({@code vit-label-noise.<setting>.<method>}).
     */
    public PaperRun vitNoisyRun(String dataset, String setting, String method, int seed) {
        MethodParams hp = PaperHyperparameters.vitLabelNoise(setting, method);
        Experiment e = experiment("vit-label-noise", dataset, VIT_NET, "pretrained", method, setting, seed,
                Map.of("vit", vitConfig().toString()));
        return store.get(e, x -> train(x, dataset, VIT_NET, "pretrained", seed,
                new Recipe(method, hp, NoiseSetting.of(setting)), false));
    }

    /** The net of the label-noise runs (REGSL-SPEC 6.2). */
    public static final String NOISE_NET = "resnet18";

    /** The C1 run of {@code dataset} from {@code init} with {@code seed}. */
    public PaperRun perturbedLossRun(String dataset, String init, int seed) {
        String net = budget.perturbedLossNet();
        Experiment e = experiment("perturbed-loss", dataset, net, init, "fine-tuning", "", seed);
        return store.get(e, x -> train(x, dataset, net, init, seed, Recipe.clean("fine-tuning",
                MethodParams.none("fine-tuning")), true));
    }

    /**
     * The C2/C3 run of {@code method} with {@code params} on {@code dataset} (clean labels): the
     * budget's regularization net (ResNet-101 at the paper budget) from ImageNet weights, the
     * official protocol; its layer distances are C2's measurement, its test accuracy C3's.
     */
    public PaperRun regularizationRun(String dataset, MethodParams params, int seed) {
        return regularizationRun(dataset, params, Map.of(), seed);
    }

    /** As above, for distance-proportional radii: {@code travelled} per stage, from plain fine-tuning. */
    public PaperRun regularizationRun(String dataset, MethodParams params, Map<String, Double> travelled, int seed) {
        String net = budget.regularizationNet();
        String method = new MethodSpec(params.method(), params.values(), travelled).id();
        Experiment e = experiment("regularization", dataset, net, "pretrained", method, "", seed,
                travelled.isEmpty() ? Map.of() : Map.of("travelled", travelled));
        return store.get(e, x -> train(x, dataset, net, "pretrained", seed, new Recipe(params.method(), params, null,
                travelled), false));
    }

    /** The net of ChestX-ray14 (REGSL-SPEC 6.3). */
    public static final String CHEST_NET = "resnet18";
    /**
     * The C4 run of {@code params}' method on the multi-label {@code dataset} (ChestX-ray14, its
     * official fold split, 14 findings as bit masks): ResNet-18 from ImageNet weights with a new
     * 14-output head, the ChestX-ray pipeline (Resize + CenterCrop, flip when training), binary
     * cross-entropy with logits, the minimum-validation-BCE epoch kept (as the official
     * best-validation-loss checkpoint), then the test mean AUC; trained as reproduce-chexnet trains:
     * SGD (lr 0.01, momentum 0.9, weight decay 1e-4, batch 16), lr / 10 with a new optimizer after
     * each epoch whose validation loss is above the best, stop once 3 epochs passed without a new
     * best (up to 100 epochs at the paper budget).
     */
    public MultiLabelRun multiLabelRun(String dataset, MethodParams params, int seed) {
        String method = new MethodSpec(params.method(), params.values(), Map.of()).id();
        Experiment e = experiment("multi-label", dataset, CHEST_NET, "pretrained", method, "", seed);
        return store.get(e, x -> multiLabel.train(x, dataset, params, seed));
    }

    /** The experiment of a paper-scale run: the budget, the net, the weights and the device with the named fields. */
    private Experiment experiment(String protocol, String dataset, String net, String init, String method,
            String setting, int seed) {
        return experiment(protocol, dataset, net, init, method, setting, seed, Map.of());
    }

    private Experiment experiment(String protocol, String dataset, String net, String init, String method,
            String setting, int seed, Map<String, Object> extra) {
        Map<String, Object> config = new LinkedHashMap<>(extra);
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
     * The C5/C6 run of {@code method} on {@code dataset} under the noise {@code setting}
     * ({@code independent-P} or {@code correlated}; training labels only, drawn once from
     * {@link NoiseSetting#NOISE_SEED}; validation and test labels clean, pitfall 1): ResNet-18 from
     * ImageNet weights and the method's values from {@code paper-hyperparameters.yaml}
     * ({@code label-noise.<setting>.<method>}; an error naming that field when absent).
     */
    public PaperRun noisyRun(String dataset, String setting, String method, int seed) {
        MethodParams hp = PaperHyperparameters.labelNoise(setting, method);
        Experiment e = experiment("label-noise", dataset, NOISE_NET, "pretrained", method, setting, seed);
        return store.get(e, x -> train(x, dataset, NOISE_NET, "pretrained", seed,
                new Recipe(method, hp, NoiseSetting.of(setting)), false));
    }

    /** The C5 run under independent noise of {@code percent} % (the official README's table). */
    public PaperRun noisyRun(String dataset, int percent, String method, int seed) {
        return noisyRun(dataset, NoiseSetting.independent(percent / 100.0).id(), method, seed);
    }

    /** What a run trains: the method with its values, and the label noise (null: clean labels). */
    private record Recipe(String method, MethodParams params, NoiseSetting noise, Map<String, Double> travelled) {
        Recipe(String method, MethodParams params, NoiseSetting noise) {
            this(method, params, noise, Map.of());
        }

        static Recipe clean(String method, MethodParams params) {
            return new Recipe(method, params, null);
        }
    }

    /** Training and evaluation sets of a data set at this budget's image size. */
    record Sets(ImageFileSet train, ImageFileSet trainForPrediction, ImageFileSet val, ImageFileSet test) {}

    private Sets sets(String dataset) {
        DatasetSpec spec = catalog.get(dataset);
        Path dir = dataRoot.resolve(spec.layoutString("folder"));
        PaperSplits splits = PaperLayouts.load(dataset, spec.format(), dir);
        if (splits.val().isEmpty() || splits.train().size() < 2) {
            throw new DatasetException(dir + ": " + dataset + " has " + splits.train().size() + " training and "
                    + splits.val().size() + " validation images; too few");
        }
        int size = budget.imageSize();
        int classes = splits.numClasses();
        return new Sets(new ImageFileSet(dataset + "/train", splits.train(), classes, new ImageTransform(size, true)),
                new ImageFileSet(dataset + "/train (evaluation transform)", splits.train(), classes,
                        new ImageTransform(size, false)),
                new ImageFileSet(dataset + "/val", splits.val(), classes, new ImageTransform(size, false)),
                new ImageFileSet(dataset + "/test", splits.test(), classes, new ImageTransform(size, false)));
    }

    /**
     * A new ResNet {@code netId} with {@code classes} outputs on this device, its backbone from the
     * {@code init} weights (random: torchvision's initialization from {@code seed}); {@code weights}
     * receives what was loaded.
     */
    Net startingNet(String id, String netId, String init, int classes, long seed, Map<String, Object> weights) {
        return startingNet(id, netId, init, classes, 0, seed, weights);
    }

    /** {@link #startingNet} with {@code extraOutputs} head outputs beyond the classes (DAC's abstention). */
    Net startingNet(String id, String netId, String init, int classes, int extraOutputs, long seed,
            Map<String, Object> weights) {
        int size = budget.imageSize();
        if (netId.equals(VIT_NET)) {
            return startingVit(id, init, classes, extraOutputs, seed, weights);
        }
        ResNet.Depth depth = ResNet.Depth.of(netId);
        Net net = Net.of(() -> new ResNet(depth, classes + extraOutputs), new Shape(1, 3, size, size), classes,
                extraOutputs, device, seed);
        ResNet resnet = (ResNet) net.block();
        Path file = weightsFile(netId, init);
        try {
            if (file == null && !init.equals("random")) {
                throw new IllegalStateException(id + ": no weights folder (REGSL_WEIGHTS) for the " + init + " start");
            }
            if (file != null) {
                PretrainedWeights.Report rep = PretrainedWeights.importInto(resnet, file);
                weights.put("file", file.toString());
                weights.put("tensorsLoaded", rep.loaded());
                weights.put("keysIgnored", rep.ignored().size());
            } else {
                weights.put("file", "none (random initialization as torchvision, seed " + seed + ")");
            }
            return net;
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** A new ViT of {@link #vitConfig} with a new head (PyTorch's default Linear), its encoder from the checkpoint. */
    private Net startingVit(String id, String init, int classes, int extraOutputs, long seed,
            Map<String, Object> weights) {
        VisionTransformer.Config c = vitConfig();
        Net net = Net.of(() -> new VisionTransformer(c, classes + extraOutputs), new Shape(1, c.channels(), c.image(),
                c.image()), classes, extraOutputs, device, seed);
        Path file = weightsFile(VIT_NET, init);
        try {
            if (file == null && !init.equals("random")) {
                throw new IllegalStateException(id + ": no weights folder (REGSL_WEIGHTS) for the " + init + " start");
            }
            if (file != null) {
                VitCheckpoint.Report rep = VitCheckpoint.importInto((VisionTransformer) net.block(), file);
                weights.put("file", file.toString());
                weights.put("arraysLoaded", rep.loaded());
                weights.put("arraysIgnored", rep.ignored());
            } else {
                weights.put("file", "none (random initialization as ViT-pytorch, seed " + seed + ")");
            }
            return net;
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The constrained stage groups of net {@code netId}: the ViT's encoder, else the ResNet's four stages. */
    static List<String> stages(String netId) {
        return netId.equals(VIT_NET) ? List.of(VisionTransformer.ENCODER) : PaperHyperparameters.STAGES;
    }

    /**
     * DELTA's channel attention of the start {@code net} ({@code netId} from {@code init}) on the
     * training images of {@code dataset} without augmentation, cached per weights file, data set and
     * budget ({@link ChannelAttentions}).
     */
    ChannelAttention attention(String netId, String init, String dataset, Net net, ImageSet train, Objective loss) {
        Map<String, Object> key = new LinkedHashMap<>();
        Path file = weightsFile(netId, init);
        key.put("sourceModel", file == null ? init + " " + netId : file.getFileName().toString());
        key.put("task", dataset);
        key.put("budget", budget.name());
        key.put("imageSize", budget.imageSize());
        key.put("architecture", netId);
        return ChannelAttentions.shared().of(key, net, train, train.labels(), loss, PaperHyperparameters.STAGES);
    }

    TrainConfig config(String label, int epochs, long seed, Checkpoint checkpoint) {
        return new TrainConfig(epochs, budget.batchSize(), LR, budget.lrStepEvery(), 0.1, seed, checkpoint, label);
    }

    private PaperRun train(Experiment experiment, String dataset, String netId, String init, int seed, Recipe recipe,
            boolean perturb) {
        String id = experiment.id();
        Sets sets = sets(dataset);
        int classes = sets.train().numClasses();
        Map<String, Object> weights = new LinkedHashMap<>();
        Map<String, Object> setting = new LinkedHashMap<>();
        NoisyLabels labels = recipe.noise() == null ? null : noisyLabels.of(dataset, sets, recipe.noise(), setting);
        int[] trainLabels = labels == null ? sets.train().labels() : labels.labels();
        Method m = Methods.get(recipe.method());
        setting.put("method", recipe.method());
        setting.put("hyperparameters", recipe.params().values());
        TrainConfig config = config(id, budget.epochs(), seed, Checkpoint.BEST_VAL_ACCURACY);
        try (Net net = startingNet(id, netId, init, classes, m.extraOutputs(), seed, weights);
                Net peer = m.trainsPeer() ? startingNet(id + " peer", netId, init, classes, seed + 1000L,
                        new LinkedHashMap<>()) : null;
                WeightSnapshot start = WeightSnapshot.of(net);
                Objective objective = m.objective(recipe.params(), new ObjectiveInputs(trainLabels,
                        labels == null ? null : labels.clean(), classes, config.epochs(), peer,
                        recipe.noise() == null ? 0 : recipe.noise().assumedRate()))) {
            Regularization regularization = m.regularization(recipe.params(), new RegularizationInputs(start,
                    stages(netId), recipe.travelled(), net, () -> attention(netId, init, dataset, net,
                            sets.trainForPrediction(), new CrossEntropy(trainLabels))));
            TrainingLoop.Result fit = new TrainingLoop(config, null, regularization).run(net, sets.train(), sets.val(),
                    objective);
            Evaluation ev = Evaluation.of(net, sets.test());
            List<PerturbedLoss.Result> perturbed = new ArrayList<>();
            for (int i = 0; perturb && i < SIGMAS.length; i++) {
                double sigma = SIGMAS[i];
                perturbed.add(PerturbedLoss.measure(net, sets.test(), budget.perturbSamples(), sigma,
                        budget.perturbDraws(), seed * 7919L + Math.round(-Math.log10(sigma))));
            }
            return new PaperRun(id, dataset, netId, init, weights, setting, seed, budget.name(), device.toString(),
                    new int[] {sets.train().size(), sets.val().size(), sets.test().size()}, fit.bestEpoch(),
                    fit.bestValAccuracy(), ev.accuracy(), ev.loss(), fit.curve(), perturbed,
                    LayerDistances.measure(net, start), fit.seconds());
        }
    }

}
