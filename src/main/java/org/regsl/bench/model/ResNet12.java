package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import org.regsl.bench.nn.BatchNorm;
import org.regsl.bench.nn.Intermediates;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ResNet-12 of few-shot learning (Tian et al. 2020, RFS, after Lee et al. 2019's MetaOptNet), the
 * network of C8: four stages ({@code stage1..4}), each
 *
 * <pre>
 *   h = LReLU(BN(conv3x3(x))); h = LReLU(BN(conv3x3(h))); h = BN(conv3x3(h))
 *   y = maxpool2(LReLU(h + BN(conv1x1(x))))            LReLU = LeakyReLU(0.1)
 * </pre>
 *
 * then global average pooling and a linear {@code head}. RFS's configuration ({@link Config#PAPER}, miniImageNet at
 * 84 px: {@code resnet12(avg_pool=True, drop_rate=0.1, dropblock_size=5)}) has widths 64/160/320/640 and, after
 * each stage's pooling, dropout 0.1 in stages 1-2 and {@link DropBlock} (5 x 5 blocks, rate annealed to 0.1) in
 * stages 3-4; the bench's ({@link Config#BENCH}) has {@link #BENCH_WIDTHS} on 28 px and neither (a CPU budget). Convolutions
 * start as RFS starts them ({@code kaiming_normal_(mode='fan_out', nonlinearity='leaky_relu')}, i.e. N(0, 2 /
 * fan_out), {@link TorchvisionInit#CONV_WEIGHT}), BN 1 / 0, the head PyTorch's default Linear. No stem: every
 * stage is constrained by a layer-wise radius; the head is bounded from zero.
 */
public final class ResNet12 extends AbstractBlock {

    /** The bench widths: RFS's 64/160/320/640 scaled down for 28x28 images and the CPU. */
    public static final int[] BENCH_WIDTHS = {16, 32, 64, 128};

    /**
     * A ResNet-12's configuration.
     *
     * @param widths the four stage widths
     * @param dropRate dropout after stages 1-2 and DropBlock's final rate after stages 3-4 (0: none)
     * @param dropBlockSize DropBlock's block side
     */
    public record Config(int[] widths, double dropRate, int dropBlockSize) {
        /** The bench's: {@link #BENCH_WIDTHS}, no dropout, no DropBlock. */
        public static final Config BENCH = new Config(BENCH_WIDTHS, 0, 1);

        /** RFS's on miniImageNet: 64/160/320/640, dropout 0.1, DropBlock 5 x 5 annealed to 0.1. */
        public static final Config PAPER = new Config(new int[] {64, 160, 320, 640}, 0.1, 5);

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("widths=");
            for (int k = 0; k < widths.length; k++) {
                sb.append(k == 0 ? "" : "/").append(widths[k]);
            }
            return dropRate == 0 ? sb.toString() : sb + ", dropout " + dropRate + " (stages 1-2), DropBlock "
                    + dropBlockSize + "x" + dropBlockSize + " rate " + dropRate + " (stages 3-4)";
        }
    }

    /** The stage groups, in network order. */
    public static final List<String> STAGES = List.of("stage1", "stage2", "stage3", "stage4");

    /** LeakyReLU's slope (RFS: 0.1). */
    public static final float LEAKY_SLOPE = 0.1f;

    private final List<Block> stages = new ArrayList<>();
    private final Block head;
    private final int features;

    /** A ResNet-12 of stage widths {@code widths} (no dropout, no DropBlock) with a head of {@code classes} outputs. */
    public ResNet12(int[] widths, int classes) {
        this(new Config(widths, 0, 1), classes);
    }

    /** A ResNet-12 of configuration {@code config} with a head of {@code classes} outputs. */
    public ResNet12(Config config, int classes) {
        int[] widths = config.widths();
        if (widths.length != STAGES.size()) {
            throw new IllegalArgumentException("a ResNet-12 has 4 stage widths, got " + widths.length);
        }
        for (int k = 0; k < widths.length; k++) {
            DropBlock block = k >= 2 && config.dropRate() > 0 ? new DropBlock(config.dropBlockSize(), config.dropRate())
                    : null;
            stages.add(addChildBlock(STAGES.get(k), new Stage(widths[k], k < 2 ? config.dropRate() : 0, block)));
        }
        features = widths[widths.length - 1];
        head = addChildBlock(LayerGroups.HEAD, Linear.builder().setUnits(classes).build());
        setInitializer(TorchvisionInit.CONV_WEIGHT, Parameter.Type.WEIGHT);
        head.setInitializer(TorchvisionInit.LINEAR_WEIGHT, Parameter.Type.WEIGHT);
        head.setInitializer(TorchvisionInit.linearBias(features), Parameter.Type.BIAS);
    }

    /**
     * The backbone's parameters under RFS's state-dict names ({@code layer<k>.0.conv<i>.weight},
     * {@code layer<k>.0.bn<i>.weight|bias|running_mean|running_var}, {@code layer<k>.0.downsample.0.weight},
     * {@code layer<k>.0.downsample.1.*}), in RFS's order; the head ({@code classifier}) is not among them.
     */
    public Map<String, Parameter> rfsNames() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (int k = 0; k < stages.size(); k++) {
            ((Stage) stages.get(k)).names("layer" + (k + 1) + ".0.", m);
        }
        return m;
    }

    /** DJL's batch-norm parameter names -> PyTorch's. */
    private static final Map<String, String> BN_NAMES = Map.of("gamma", "weight", "beta", "bias", "runningMean",
            "running_mean", "runningVar", "running_var");

    private static void put(Block b, String prefix, Map<String, Parameter> m) {
        for (var p : b.getParameters()) {
            m.put(prefix + BN_NAMES.getOrDefault(p.getKey(), p.getKey()), p.getValue());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return TrunkForward.run(ForwardTap.in(params), ps, inputs.singletonOrThrow(), STAGES, stages, head, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), features)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : stages) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
        head.initialize(manager, dataType, new Shape(s[0].get(0), features));
    }

    /** One ResNet-12 stage: three 3x3 units, a 1x1 projection shortcut, LeakyReLU, 2x2 max-pooling. */
    private static final class Stage extends AbstractBlock {
        private final Block[] convs = new Block[3];
        private final Block[] norms = new Block[3];
        private final Block shortcut;
        private final Block shortcutNorm;
        private final double dropout;
        private final DropBlock dropBlock;

        Stage(int width, double dropout, DropBlock dropBlock) {
            this.dropout = dropout;
            this.dropBlock = dropBlock;
            for (int i = 0; i < 3; i++) {
                convs[i] = addChildBlock("conv" + (i + 1), ResidualBlock.conv(width, 3, 1));
                norms[i] = addChildBlock("bn" + (i + 1), new BatchNorm());
            }
            shortcut = addChildBlock("shortcut", ResidualBlock.conv(width, 1, 1));
            shortcutNorm = addChildBlock("shortcutbn", new BatchNorm());
        }

        void names(String prefix, Map<String, Parameter> m) {
            for (int i = 0; i < 3; i++) {
                put(convs[i], prefix + "conv" + (i + 1) + ".", m);
                put(norms[i], prefix + "bn" + (i + 1) + ".", m);
            }
            put(shortcut, prefix + "downsample.0.", m);
            put(shortcutNorm, prefix + "downsample.1.", m);
        }

        private static NDArray run(Block b, ParameterStore ps, NDArray x, boolean training) {
            return b.forward(ps, new NDList(x), training).singletonOrThrow();
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray h = x;
            for (int i = 0; i < 3; i++) {
                NDArray c = Intermediates.release(h, run(convs[i], ps, h, training), x);
                h = Intermediates.release(c, run(norms[i], ps, c, training));
                if (i < 2) {
                    h = Intermediates.release(h, Activation.leakyRelu(h, LEAKY_SLOPE));
                }
            }
            NDArray s = run(shortcut, ps, x, training);
            NDArray skip = Intermediates.release(s, run(shortcutNorm, ps, s, training));
            NDArray sum = h.add(skip);
            h.close();
            skip.close();
            NDArray y = Intermediates.release(sum, Activation.leakyRelu(sum, LEAKY_SLOPE));
            NDArray out = Intermediates.release(y,
                    Pool.maxPool2d(y, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false));
            if (dropBlock != null) {
                out = Intermediates.release(out, dropBlock.apply(out, training));
            } else if (training && dropout > 0) {
                out = Intermediates.release(out, DropoutRandom.apply(out, dropout));
            }
            return new NDList(out);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            Shape c = convs[2].getOutputShapes(convs[1].getOutputShapes(convs[0].getOutputShapes(s)))[0];
            return new Shape[] {new Shape(c.get(0), c.get(1), c.get(2) / 2, c.get(3) / 2)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... s) {
            Shape[] h = s;
            for (int i = 0; i < 3; i++) {
                convs[i].initialize(manager, dataType, h);
                h = convs[i].getOutputShapes(h);
                norms[i].initialize(manager, dataType, h);
            }
            shortcut.initialize(manager, dataType, s);
            shortcutNorm.initialize(manager, dataType, shortcut.getOutputShapes(s));
        }
    }
}
