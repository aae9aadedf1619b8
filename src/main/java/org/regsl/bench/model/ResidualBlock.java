package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import org.regsl.bench.nn.BatchNorm;
import org.regsl.bench.nn.Intermediates;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A basic residual block (He et al. 2016): {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + s(x))},
 * 3x3 convolutions without bias; the shortcut {@code s} is the identity, or a 1x1 convolution
 * with batch norm when the stride or the width changes. Children are named ({@code conv1},
 * {@code bn1}, {@code conv2}, {@code bn2}, {@code shortcut}) so parameters are addressable.
 */
public final class ResidualBlock extends AbstractBlock {

    private final Block conv1;
    private final Block bn1;
    private final Block conv2;
    private final Block bn2;
    private final Block shortcut;

    /** A block of {@code filters} output channels; a projection shortcut if {@code project}. */
    public ResidualBlock(int filters, int stride, boolean project) {
        conv1 = addChildBlock("conv1", conv(filters, 3, stride));
        bn1 = addChildBlock("bn1", new BatchNorm());
        conv2 = addChildBlock("conv2", conv(filters, 3, 1));
        bn2 = addChildBlock("bn2", new BatchNorm());
        shortcut = project
                ? addChildBlock("shortcut", new Intermediates.Sequential().add(conv(filters, 1, stride))
                        .add(new BatchNorm()))
                : null;
    }

    static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .optBias(false)
                .build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = conv1.forward(ps, inputs, training).singletonOrThrow();
        h = Intermediates.release(h, bn1.forward(ps, new NDList(h), training).singletonOrThrow());
        h = Intermediates.release(h, Activation.relu(h));
        h = Intermediates.release(h, conv2.forward(ps, new NDList(h), training).singletonOrThrow());
        h = Intermediates.release(h, bn2.forward(ps, new NDList(h), training).singletonOrThrow());
        NDArray sum = shortcut == null ? Intermediates.release(h, h.add(inputs.singletonOrThrow()))
                : sumWithProjection(ps, inputs, training, h);
        return new NDList(Intermediates.release(sum, Activation.relu(sum)));
    }

    private NDArray sumWithProjection(ParameterStore ps, NDList inputs, boolean training, NDArray h) {
        NDArray skip = shortcut.forward(ps, inputs, training).singletonOrThrow();
        NDArray sum = h.add(skip);
        h.close();
        skip.close();
        return sum;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] s = conv1.getOutputShapes(inputShapes);
        return conv2.getOutputShapes(s);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] s = conv1.getOutputShapes(inputShapes);
        bn1.initialize(manager, dataType, s);
        conv2.initialize(manager, dataType, s);
        bn2.initialize(manager, dataType, s);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }
}
