package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Lets go of a forward pass's intermediate tensors as soon as the next operation has consumed them,
 * as PyTorch's reference counting does, instead of when the step's scope closes.
 *
 * <p>Why: DJL keeps every array a forward pass creates until its manager closes, so a training step
 * of the bench ResNet-8 held all its activations (and an inference pass all of its outputs) until
 * the end; PyTorch frees a temporary when its last reference goes, and autograd frees each saved
 * activation as soon as its node's backward has run. The suspicion was that with DJL's lifetimes
 * new outputs land in memory that is not in the cache: memory-bound kernels (ReLU, add, batch norm,
 * the gradient copies of the stride-2 convolutions) ran 1.3-2x slower than PyTorch's. Measured
 * effect ({@code bench-step --profile}, 2026-12-03): ReLU 2.1 to 1.8 ms per step, the convolution
 * backward 32.8 to 29.5 ms, inference at the evaluation chunk about 1.2x; the rest of the gap
 * remains. Closing a handle only drops the Java side's reference:
 * what autograd saved for the backward pass stays alive until that backward node has run, so the
 * values, and the bits, are those of the same operations with the later release.
 *
 * <p>Only arrays a block created itself are released: never its input, a parameter, or an output a
 * {@code ForwardTap} observes or replaces (the caller decides that).
 */
public final class Intermediates {

    private Intermediates() {}

    /** {@code produced}, after closing {@code consumed} (unless it is the same array). */
    public static NDArray release(NDArray consumed, NDArray produced) {
        if (consumed != produced) {
            consumed.close();
        }
        return produced;
    }

    /** {@link #release}, except that the block's own {@code input} is never closed. */
    public static NDArray release(NDArray consumed, NDArray produced, NDArray input) {
        return consumed == input ? produced : release(consumed, produced);
    }

    /**
     * A sequential block that releases each child's output once the next child has consumed it
     * (never the block's input nor its final output). Its children keep DJL's names
     * ({@code 01Conv2d}, {@code 02BatchNorm}), and it saves what DJL's sequential block saves.
     */
    public static final class Sequential extends SequentialBlock {

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDList h = inputs;
            for (Block child : getChildren().values()) {
                NDList next = child.forward(ps, h, training); // as DJL's sequential block calls its children
                if (h != inputs) {
                    for (NDArray a : h) {
                        if (next.stream().noneMatch(b -> b == a)) {
                            a.close();
                        }
                    }
                }
                h = next;
            }
            return h;
        }
    }
}
