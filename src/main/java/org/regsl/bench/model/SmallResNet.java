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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The bench ResNet: a CIFAR-style ResNet-(6n+2) with n = 1 per stage (ResNet-8, about 78k
 * parameters on 1x28x28). Children, and hence parameter names, carry the layer groups the paper's
 * regularizer addresses by substring (REGSL-SPEC 1.1): {@code stem} (conv3x3-BN-ReLU),
 * {@code stage1} (width w, stride 1), {@code stage2} (2w, stride 2), {@code stage3} (4w,
 * stride 2), then global average pooling and the linear {@code head}; a {@link ForwardTap} in the
 * forward parameters sees each group's output and the pooled features. It starts as PyTorch starts
 * a torchvision ResNet and a new {@code nn.Linear} ({@link TorchvisionInit}): convolutions
 * N(0, 2 / fan_out), BN scales 1 and shifts 0, the head's weight and bias U(+-1/sqrt(fan_in)), so
 * the bench and the paper scale share one rule (the official trainers with this suite's earlier
 * He-normal head read 1.7 points lower on the C5 bench task: issue 11).
 */
public final class SmallResNet extends AbstractBlock {

    /** The layer groups in network order; the head is last. */
    public static final List<String> GROUPS = List.of("stem", "stage1", "stage2", "stage3", "head");

    /** The stage groups a per-stage radius addresses, in network order (the stem and the head have their own rules). */
    public static final List<String> STAGES = List.of("stage1", "stage2", "stage3");

    private final Block stem;
    private final Block stage1;
    private final Block stage2;
    private final Block stage3;
    private final Block head;

    /** A net of base width {@code width} (16 for ResNet-8) with {@code classes} outputs. */
    public SmallResNet(int width, int classes) {
        stem = addChildBlock("stem", new Intermediates.Sequential()
                .add(ResidualBlock.conv(width, 3, 1))
                .add(new BatchNorm())
                .add(Activation.reluBlock()));
        stage1 = addChildBlock("stage1", new ResidualBlock(width, 1, false));
        stage2 = addChildBlock("stage2", new ResidualBlock(2 * width, 2, true));
        stage3 = addChildBlock("stage3", new ResidualBlock(4 * width, 2, true));
        head = addChildBlock("head", Linear.builder().setUnits(classes).build());
        setInitializer(TorchvisionInit.CONV_WEIGHT, Parameter.Type.WEIGHT);
        head.setInitializer(TorchvisionInit.LINEAR_WEIGHT, Parameter.Type.WEIGHT);
        head.setInitializer(TorchvisionInit.linearBias(4L * width), Parameter.Type.BIAS);
    }

    /** The layer group a parameter name belongs to (see {@link LayerGroups}). */
    public static String groupOf(String parameterName) {
        return LayerGroups.groupOf(parameterName);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return TrunkForward.run(ForwardTap.in(params), ps, inputs.singletonOrThrow(), GROUPS.subList(0, 4),
                List.of(stem, stage1, stage2, stage3), head, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] s = trunkShape(inputShapes);
        return head.getOutputShapes(s);
    }

    private Shape[] trunkShape(Shape[] inputShapes) {
        Shape[] s = stem.getOutputShapes(inputShapes);
        s = stage1.getOutputShapes(s);
        s = stage2.getOutputShapes(s);
        s = stage3.getOutputShapes(s);
        return new Shape[] {new Shape(s[0].get(0), s[0].get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : List.of(stem, stage1, stage2, stage3)) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
        head.initialize(manager, dataType, new Shape[] {new Shape(s[0].get(0), s[0].get(1))});
    }
}
