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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * C9's three-layer MLP on frozen sentence embeddings (the poster: "training three-layer MLPs on SST, MR, CR, MPQA,
 * SUBJ, and TREC"): {@code layer1} (in -> h1), ReLU, {@code layer2} (h1 -> h2), ReLU, {@code head} (h2 -> classes).
 * Every layer has PyTorch's default {@code nn.Linear} initialization, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the
 * weight and the bias ({@link TorchvisionInit}). The constrained stages are {@code layer1} and {@code layer2}; the
 * head is new for every target task. The {@link ForwardTap#POOLED} features are {@code layer2}'s activations.
 */
public final class Mlp extends AbstractBlock {

    /** The bench widths: 384 -> 256 -> 128 -> classes. */
    public static final int[] BENCH_HIDDEN = {256, 128};

    /** The constrained stages, in network order. */
    public static final List<String> STAGES = List.of("layer1", "layer2");

    private final Block layer1;
    private final Block layer2;
    private final Block head;
    private final int[] hidden;

    /** An MLP with hidden widths {@code hidden} (two of them) and {@code classes} outputs. */
    public Mlp(int[] hidden, int classes) {
        if (hidden.length != 2) {
            throw new IllegalArgumentException("a three-layer MLP has 2 hidden widths, got " + hidden.length);
        }
        this.hidden = hidden.clone();
        layer1 = addChildBlock(STAGES.get(0), Linear.builder().setUnits(hidden[0]).build());
        layer2 = addChildBlock(STAGES.get(1), Linear.builder().setUnits(hidden[1]).build());
        head = addChildBlock(LayerGroups.HEAD, Linear.builder().setUnits(classes).build());
        setInitializer(TorchvisionInit.LINEAR_WEIGHT, Parameter.Type.WEIGHT);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        ForwardTap tap = ForwardTap.in(params);
        NDArray h = Activation.relu(tap.at(STAGES.get(0), layer1.forward(ps, inputs, training).singletonOrThrow()));
        h = Activation.relu(layer2.forward(ps, new NDList(h), training).singletonOrThrow());
        h = tap.at(ForwardTap.POOLED, tap.at(STAGES.get(1), h));
        return head.forward(ps, new NDList(h), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), hidden[1])});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long in = inputShapes[0].get(1);
        layer1.setInitializer(TorchvisionInit.linearBias(in), Parameter.Type.BIAS);
        layer2.setInitializer(TorchvisionInit.linearBias(hidden[0]), Parameter.Type.BIAS);
        head.setInitializer(TorchvisionInit.linearBias(hidden[1]), Parameter.Type.BIAS);
        layer1.initialize(manager, dataType, inputShapes);
        layer2.initialize(manager, dataType, new Shape(batch, hidden[0]));
        head.initialize(manager, dataType, new Shape(batch, hidden[1]));
    }
}
