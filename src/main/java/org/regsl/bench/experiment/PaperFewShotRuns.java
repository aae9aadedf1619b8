package org.regsl.bench.experiment;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regsl.bench.config.PaperBudget;
import org.regsl.bench.data.DatasetException;
import org.regsl.bench.data.EpisodeDraw;
import org.regsl.bench.data.DatasetSpec;
import org.regsl.bench.data.paper.ImageFile;
import org.regsl.bench.data.paper.ImageFileSet;
import org.regsl.bench.data.paper.ImageTransform;
import org.regsl.bench.data.paper.PaperLayouts;
import org.regsl.bench.data.paper.PaperSplits;
import org.regsl.bench.method.MethodParams;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.ResNet12;
import org.regsl.bench.model.ResNet12Checkpoint;

/**
 * C8 at paper scale: 5-way episodes of miniImageNet's 20 novel classes (the Ravi-Larochelle {@code test.csv}),
 * RFS's ResNet-12 pretrained on the 64 base classes ({@link #CHECKPOINT} under {@code REGSL_WEIGHTS}, written by
 * {@code regsl pretrain-fewshot} or converted from RFS's own checkpoint, {@link ResNet12Checkpoint}), RFS's
 * evaluation images (84 x 84, its normalization: {@link ImageTransform.Pipeline#RFS}) and the bench's three methods
 * on the same support and query sets ({@link FewShotRuns#fit}): fine-tuning the backbone and a new head, the same
 * under the layer-wise constraint, and RFS's logistic regression. Episodes are drawn as the bench's
 * ({@link EpisodeDraw}, seeds {@link FewShotProtocol#episodeSeed}).
 *
 * <p>The paper's fine-tuning steps, learning rate and radii are not available offline; the values are
 * {@code paper-hyperparameters.yaml}'s {@code few-shot} section, each with its source. The radii follow the bench
 * search's relative rule on each episode: D_k = f t_1 gamma^(k-1) with t_1 the largest distance a stage-1 weight
 * travelled under plain fine-tuning on the same support set (never the queries), the head radius h times the
 * fine-tuned head's norm. Every run goes through the {@link RunStore} (a GPU runner resumes where it stopped).
 */
public final class PaperFewShotRuns {

    /** The net id of the paper cells. */
    public static final String NET = "resnet12";

    /** The data set. */
    public static final String DATASET = "mini-imagenet";

    /** The pretrained backbone's file under {@code REGSL_WEIGHTS}. */
    public static final String CHECKPOINT = "rfs-resnet12-mini-imagenet.safetensors";

    /**
     * The tiny budget's ResNet-12 (a pipeline check at 32 px): small widths and RFS's CIFAR-FS DropBlock size 2
     * ({@code create_model} for 32-pixel data sets), so stage 4's 2 x 2 maps hold a block.
     */
    public static final ResNet12.Config TINY_NET = new ResNet12.Config(new int[] {8, 16, 16, 32}, 0.1, 2);

    private static PaperFewShotRuns shared;

    private final PaperRuns paper;
    private final RunStore store;
    private PaperSplits splits;

    PaperFewShotRuns(PaperRuns paper, RunStore store) {
        this.paper = paper;
        this.store = store;
    }

    /** The runs of this JVM, under the settings of {@code PaperRuns.shared()}. */
    public static synchronized PaperFewShotRuns shared() {
        if (shared == null) {
            shared = new PaperFewShotRuns(PaperRuns.shared(), RunStore.shared());
        }
        return shared;
    }

    /** The budget. */
    public PaperBudget budget() {
        return paper.budget();
    }

    /** The protocol of this budget: 600 episodes per shot count at {@code paper}, 2 with 3 queries at {@code tiny}. */
    public FewShotProtocol protocol() {
        return protocol(budget());
    }

    /** The protocol of {@code budget}. */
    public static FewShotProtocol protocol(PaperBudget budget) {
        return budget.comparable() ? new FewShotProtocol("paper", 100, 0, 5, List.of(1, 5), 15, 600, 0)
                : new FewShotProtocol("tiny", 1, 0, 5, List.of(1, 5), 3, 2, 0);
    }

    /** The image side: RFS's 84 at the paper budget, the budget's crop otherwise. */
    public int imageSize() {
        return budget().comparable() ? 84 : budget().imageSize();
    }

    /** The ResNet-12 of this budget. */
    public ResNet12.Config netConfig() {
        return netConfig(budget());
    }

    /** RFS's at the paper budget, {@link #TINY_NET} otherwise. */
    public static ResNet12.Config netConfig(PaperBudget budget) {
        return budget.comparable() ? ResNet12.Config.PAPER : TINY_NET;
    }

    /** The pretrained backbone's file (null without a weights folder). */
    public Path checkpoint() {
        return paper.weightsFile(NET, "pretrained");
    }

    /** miniImageNet's split (base, validation, novel), loaded once. */
    public synchronized PaperSplits splits() {
        if (splits == null) {
            DatasetSpec spec = paper.catalog().get(DATASET);
            splits = PaperLayouts.load(DATASET, spec.format(), paper.dataRoot().resolve(spec.layoutString("folder")));
        }
        return splits;
    }

    /** A fresh ResNet-12 of this budget with a {@code classes}-way head (PyTorch's default Linear), seeded. */
    Net net(int classes, long seed) {
        int size = imageSize();
        return Net.of(() -> new ResNet12(netConfig(), classes), new Shape(1, 3, size, size), classes, 0,
                paper.device(), seed);
    }

    /** Episode {@code index} of {@code shots}-shot episodes over the novel classes: support and query sets. */
    public Episode episode(int shots, int index) {
        FewShotProtocol p = protocol();
        List<ImageFile> novel = splits().test();
        int classes = classes(novel);
        int[] from = java.util.stream.IntStream.range(0, classes).toArray();
        long seed = FewShotProtocol.episodeSeed("novel", shots, index);
        EpisodeDraw d = EpisodeDraw.of(from, c -> {
            List<Integer> pos = new ArrayList<>();
            for (int i = 0; i < novel.size(); i++) {
                if (novel.get(i).label() == c) {
                    pos.add(i);
                }
            }
            return pos;
        }, DATASET + "/test.csv", p.ways(), shots, p.queries(), seed);
        int[] map = d.labelMap(classes);
        ImageTransform eval = new ImageTransform(imageSize(), false, ImageTransform.Pipeline.RFS);
        String name = DATASET + "/episode-" + seed + "/" + p.ways() + "-way-" + shots + "-shot";
        return new Episode(seed, d.chosen(), new ImageFileSet(name + "/support", relabel(novel, d.support(), map),
                p.ways(), eval), new ImageFileSet(name + "/query", relabel(novel, d.query(), map), p.ways(), eval));
    }

    /** The classes of one miniImageNet split file (each file labels its own classes 0..n-1). */
    private static int classes(List<ImageFile> split) {
        return split.stream().mapToInt(ImageFile::label).max().orElse(-1) + 1;
    }

    /** One paper episode: its seed, classes (novel-split labels) and sets. */
    public record Episode(long seed, int[] categories, ImageFileSet support, ImageFileSet query) {}

    private static List<ImageFile> relabel(List<ImageFile> files, int[] pos, int[] map) {
        List<ImageFile> out = new ArrayList<>();
        for (int p : pos) {
            out.add(new ImageFile(files.get(p).file(), map[files.get(p).label()]));
        }
        return out;
    }

    /** The experiment of {@code params.method()} on episode {@code index} of {@code shots}-shot episodes. */
    public Experiment experiment(int shots, int index, MethodParams params, FewShotValues values) {
        FewShotProtocol p = protocol();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("protocol", p);
        config.put("episodeSeed", FewShotProtocol.episodeSeed("novel", shots, index));
        config.put("sourceModel", CHECKPOINT);
        config.put("architecture", "ResNet12(" + netConfig() + ") at " + imageSize() + " px");
        config.put("hyperparameters", params.values());
        if (!params.method().equals(FewShotRuns.RFS)) {
            config.put("steps", values.steps());
            config.put("lr", values.lr());
            config.put("optimizer", "Adam (AMSGrad), full batch on the support set");
        }
        config.put("device", paper.device().toString());
        return new Experiment("paper", budget().name(), "few-shot", DATASET + "-novel", "rfs-pretrained", 0,
                params.method(), shots + "-shot", index, config);
    }

    /** The run of {@code method} on an episode, computed once (the layer-wise constraint reads fine-tuning's). */
    public EpisodeRun get(int shots, int index, String method, FewShotValues values) {
        MethodParams params = method.equals("layer-wise") ? values.layerWise(get(shots, index, "fine-tuning", values))
                : MethodParams.none(method);
        return store.get(experiment(shots, index, params, values), e -> compute(e, shots, index, params, values));
    }

    private EpisodeRun compute(Experiment e, int shots, int index, MethodParams params, FewShotValues values) {
        long start = System.nanoTime();
        Path file = checkpoint();
        if (file == null) {
            throw new DatasetException(e.id() + ": no weights folder (REGSL_WEIGHTS) for " + CHECKPOINT);
        }
        Episode ep = episode(shots, index);
        FewShotProtocol p = protocol();
        Map<String, Object> config = new LinkedHashMap<>(e.fullConfig());
        try (Net source = net(p.ways(), 0)) {
            org.regsl.bench.model.PretrainedWeights.Report rep = ResNet12Checkpoint.importInto((ResNet12) source.block(), file);
            config.put("tensorsLoaded", rep.loaded());
            FewShotRuns.Outcome o = FewShotRuns.fit(params, source, () -> net(p.ways(), ep.seed()), ep.support(),
                    ep.query(), p.ways(), values.steps(), values.lr(), ep.seed(), e.id(), ResNet12.STAGES, config);
            return new EpisodeRun(e.id(), budget().name(), "novel", shots, index, ep.seed(), ep.categories(),
                    params.method(), config, o.steps(), o.supportAccuracy(), o.queryAccuracy(),
                    (System.nanoTime() - start) / 1e9);
        } catch (IOException io) {
            throw new UncheckedIOException(e.id() + ": " + io, io);
        }
    }

    /** RFS's pretraining (Tian et al. 2020, {@code train_supervised.py} on miniImageNet). */
    public static final double PRETRAIN_LR = 0.05;
    public static final double PRETRAIN_MOMENTUM = 0.9;
    public static final double PRETRAIN_WEIGHT_DECAY = 5e-4;
    public static final int PRETRAIN_BATCH = 64;
    public static final int PRETRAIN_EPOCHS = 100;
    public static final int[] PRETRAIN_DROPS_AFTER = {60, 80};

    /**
     * Pretrains this budget's ResNet-12 on the 64 base classes ({@code train.csv}) as RFS does: cross-entropy, SGD
     * lr 0.05 with momentum 0.9 and weight decay 5e-4 on every parameter, batch 64, {@code epochs} epochs (RFS:
     * 100) with the rate x0.1 after epochs 60 and 80 (scaled to {@code epochs}), RFS's training images (random
     * 84-pixel crop of the 8-padded image, horizontal flip; its ColorJitter left out), the last epoch kept (RFS
     * saves {@code resnet12_last.pth}); writes the backbone to {@code out} in RFS's layout. Seeded by
     * {@code seed}. Returns the training accuracy of the last epoch's model on the base images (no augmentation).
     */
    public double pretrain(Path out, int epochs, long seed) throws IOException {
        List<ImageFile> base = splits().train();
        int classes = classes(base);
        ImageFileSet train = new ImageFileSet(DATASET + "/train", base, classes, new ImageTransform(imageSize(), true,
                ImageTransform.Pipeline.RFS));
        int[] drops = new int[PRETRAIN_DROPS_AFTER.length];
        for (int i = 0; i < drops.length; i++) {
            drops[i] = (int) Math.round((double) PRETRAIN_DROPS_AFTER[i] * epochs / PRETRAIN_EPOCHS);
        }
        org.regsl.bench.train.TrainConfig config = new org.regsl.bench.train.TrainConfig(epochs,
                Math.min(PRETRAIN_BATCH, base.size()), PRETRAIN_LR, Integer.MAX_VALUE, 1.0, seed,
                org.regsl.bench.train.Checkpoint.LAST, "pretrain-fewshot/" + budget().name());
        try (Net net = net(classes, seed)) {
            new org.regsl.bench.train.TrainingLoop(config, null).optimizedBy(p -> new org.regsl.bench.nn.SgdMomentum(p,
                    PRETRAIN_MOMENTUM, PRETRAIN_WEIGHT_DECAY), () -> org.regsl.bench.train.LrPolicy.milestones(
                            PRETRAIN_LR, 0.1, drops)).run(net, train, null);
            java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
            ResNet12Checkpoint.write((ResNet12) net.block(), out);
            return org.regsl.bench.train.Evaluation.of(net, new ImageFileSet(DATASET + "/train (evaluation)", base,
                    classes, new ImageTransform(imageSize(), false, ImageTransform.Pipeline.RFS))).accuracy();
        }
    }
}
