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
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.regsl.bench.nn.BatchNorm;
import org.regsl.bench.nn.Intermediates;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper-scale ResNet-18/50/101 of He et al. 2016 in torchvision's layout (ResNet v1.5: the
 * bottleneck's stride sits on its 3x3 convolution), which the official code fine-tunes
 * (REGSL-SPEC 1.1): stem = conv1 7x7/2, bn1, ReLU, max-pool 3x3/2; {@code layer1..layer4} of
 * basic (18) or bottleneck (50, 101) units; global average pooling; a new linear {@code head}
 * (torchvision's {@code fc}, the official {@code pred_head}). Children carry the group names, so
 * the regularizers and measurements address parameters as they do on the bench net
 * ({@link LayerGroups}). Every parameter also knows its torchvision state-dict name
 * ({@link #torchvisionNames()}), which is how ImageNet weights are imported
 * ({@link PretrainedWeights}). A new net starts as torchvision's does ({@link TorchvisionInit}):
 * convolutions N(0, 2 / fan_out), BatchNorm 1 / 0, the head U(+-1/sqrt(fan_in)).
 */
public final class ResNet extends AbstractBlock {

    /** The three depths the paper uses, with their unit type and units per stage. */
    public enum Depth {
        RESNET18(false, 2, 2, 2, 2),
        RESNET50(true, 3, 4, 6, 3),
        RESNET101(true, 3, 4, 23, 3);

        final boolean bottleneck;
        final int[] units;

        Depth(boolean bottleneck, int... units) {
            this.bottleneck = bottleneck;
            this.units = units;
        }

        /** Width of the feature vector the head sees (512 or 2048). */
        public int features() {
            return bottleneck ? 2048 : 512;
        }

        /** {@code resnet18}, {@code resnet50} or {@code resnet101}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The depth called {@code id} (as in {@link #id()}). */
        public static Depth of(String id) {
            for (Depth d : values()) {
                if (d.id().equals(id)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown ResNet '" + id + "' (resnet18, resnet50, resnet101)");
        }
    }

    private final Depth depth;
    private final List<Block> trunk = new ArrayList<>();
    private final List<String> trunkNames = List.of("stem", "layer1", "layer2", "layer3", "layer4");
    private final Block head;
    private final Map<String, Parameter> torchvision = new LinkedHashMap<>();

    /** A ResNet of the given depth with {@code classes} outputs. */
    public ResNet(Depth depth, int classes) {
        this.depth = depth;
        Unit stem = new Unit(false);
        stem.convBn("conv1", "bn1", 64, 7, 2, "", torchvision);
        trunk.add(addChildBlock("stem", stem));
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width = 64 << stage;
            Stage s = new Stage();
            for (int u = 0; u < depth.units[stage]; u++) {
                int stride = u == 0 && stage > 0 ? 2 : 1;
                String prefix = "layer" + (stage + 1) + "." + u + ".";
                Unit unit = new Unit(true);
                int out = depth.bottleneck ? 4 * width : width;
                if (depth.bottleneck) {
                    unit.convBn("conv1", "bn1", width, 1, 1, prefix, torchvision);
                    unit.convBn("conv2", "bn2", width, 3, stride, prefix, torchvision);
                    unit.convBn("conv3", "bn3", out, 1, 1, prefix, torchvision);
                } else {
                    unit.convBn("conv1", "bn1", width, 3, stride, prefix, torchvision);
                    unit.convBn("conv2", "bn2", width, 3, 1, prefix, torchvision);
                }
                if (stride != 1 || in != out) {
                    unit.downsample(out, stride, prefix, torchvision);
                }
                s.add(unit);
                in = out;
            }
            trunk.add(addChildBlock("layer" + (stage + 1), s));
        }
        Linear fc = Linear.builder().setUnits(classes).build();
        head = addChildBlock(LayerGroups.HEAD, fc);
        register(fc, "fc.", torchvision);
        setInitializer(TorchvisionInit.CONV_WEIGHT, Parameter.Type.WEIGHT);
        fc.setInitializer(TorchvisionInit.LINEAR_WEIGHT, Parameter.Type.WEIGHT);
        fc.setInitializer(TorchvisionInit.linearBias(depth.features()), Parameter.Type.BIAS);
    }

    /** The depth of this net. */
    public Depth depth() {
        return depth;
    }

    /** Every parameter by its torchvision state-dict name ({@code layer3.1.conv2.weight}, {@code fc.bias}). */
    public Map<String, Parameter> torchvisionNames() {
        return Collections.unmodifiableMap(torchvision);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return TrunkForward.run(ForwardTap.in(params), ps, inputs.singletonOrThrow(), trunkNames, trunk, head,
                training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(featureShape(inputShapes));
    }

    private Shape[] featureShape(Shape[] inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : trunk) {
            s = b.getOutputShapes(s);
        }
        return new Shape[] {new Shape(s[0].get(0), s[0].get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : trunk) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
        head.initialize(manager, dataType, featureShape(inputShapes));
    }

    private static void register(Block b, String prefix, Map<String, Parameter> names) {
        for (var p : b.getDirectParameters()) {
            String torch = switch (p.getKey()) {
                case "gamma" -> "weight";
                case "beta" -> "bias";
                case "runningMean" -> "running_mean";
                case "runningVar" -> "running_var";
                default -> p.getKey();
            };
            names.put(prefix + torch, p.getValue());
        }
    }

    private static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(filters).optBias(false).build();
    }

    /** A stage: units applied in order (children named 0, 1, ...). */
    private static final class Stage extends AbstractBlock {
        private final List<Block> units = new ArrayList<>();

        void add(Unit u) {
            units.add(addChildBlock(Integer.toString(units.size()), u));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList x, boolean training, PairList<String, Object> p) {
            NDList h = x;
            for (Block u : units) {
                NDList next = u.forward(ps, h, training);
                Intermediates.release(h.singletonOrThrow(), next.singletonOrThrow(), x.singletonOrThrow());
                h = next;
            }
            return h;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            for (Block u : units) {
                s = u.getOutputShapes(s);
            }
            return s;
        }

        @Override
        protected void initializeChildBlocks(NDManager m, DataType t, Shape... s) {
            for (Block u : units) {
                u.initialize(m, t, s);
                s = u.getOutputShapes(s);
            }
        }
    }

    /**
     * conv-BN pairs with ReLU between them. A residual unit adds its input (or its 1x1-conv-BN
     * downsample) before the last ReLU; the stem ends with ReLU and a 3x3/2 max-pool instead.
     */
    private static final class Unit extends AbstractBlock {
        private final boolean residual;
        private final List<Block[]> pairs = new ArrayList<>();
        private Block[] downsample;
        private final Block maxPool = Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1));

        Unit(boolean residual) {
            this.residual = residual;
        }

        void convBn(String convName, String bnName, int filters, int kernel, int stride, String prefix,
                Map<String, Parameter> names) {
            Block c = addChildBlock(convName, conv(filters, kernel, stride));
            Block b = addChildBlock(bnName, new BatchNorm());
            register(c, prefix + convName + ".", names);
            register(b, prefix + bnName + ".", names);
            pairs.add(new Block[] {c, b});
        }

        void downsample(int filters, int stride, String prefix, Map<String, Parameter> names) {
            Block c = addChildBlock("downsample0", conv(filters, 1, stride));
            Block b = addChildBlock("downsample1", new BatchNorm());
            register(c, prefix + "downsample.0.", names);
            register(b, prefix + "downsample.1.", names);
            downsample = new Block[] {c, b};
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList x, boolean training, PairList<String, Object> p) {
            NDArray in = x.singletonOrThrow();
            NDArray h = in;
            for (int i = 0; i < pairs.size(); i++) {
                h = Intermediates.release(h, convBn(pairs.get(i), ps, h, training), in);
                if (i < pairs.size() - 1 || !residual) {
                    h = Intermediates.release(h, Activation.relu(h));
                }
            }
            if (!residual) {
                return new NDList(Intermediates.release(h, maxPool.forward(ps, new NDList(h), training).singletonOrThrow()));
            }
            NDArray skip = downsample == null ? in : convBn(downsample, ps, in, training);
            NDArray sum = Intermediates.release(skip, Intermediates.release(h, h.add(skip)), in);
            return new NDList(Intermediates.release(sum, Activation.relu(sum)));
        }

        /** bn(conv(x)), the convolution's output released once the batch norm has consumed it. */
        private static NDArray convBn(Block[] pair, ParameterStore ps, NDArray x, boolean training) {
            NDArray c = pair[0].forward(ps, new NDList(x), training).singletonOrThrow();
            return Intermediates.release(c, pair[1].forward(ps, new NDList(c), training).singletonOrThrow());
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            for (Block[] pair : pairs) {
                s = pair[0].getOutputShapes(s);
            }
            return residual ? s : maxPool.getOutputShapes(s);
        }

        @Override
        protected void initializeChildBlocks(NDManager m, DataType t, Shape... in) {
            Shape[] s = in;
            for (Block[] pair : pairs) {
                pair[0].initialize(m, t, s);
                s = pair[0].getOutputShapes(s);
                pair[1].initialize(m, t, s);
            }
            if (downsample != null) {
                downsample[0].initialize(m, t, in);
                downsample[1].initialize(m, t, downsample[0].getOutputShapes(in));
            }
        }
    }
}
