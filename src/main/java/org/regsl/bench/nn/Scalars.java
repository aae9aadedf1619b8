package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A scalar operand for an operation autograd records, owned by libtorch. DJL's {@code
 * mul(Number)}, {@code div(Number)}, {@code pow(Number)}, {@code maximum(Number)} wrap the number
 * in a 0-dim tensor over a Java direct buffer and close it as soon as the operation returns; the
 * backward pass of those operations reads the saved scalar later, and once the garbage collector
 * has freed the buffer it reads whatever the memory holds by then. Under ordinary collection
 * pressure that silently changed one step in a few hundred runs (C4's replays differed in about
 * one run in three; with {@code -Xmn12m} fine-tuning failed too). {@code x.mul(Scalars.of(x, c))}
 * computes what {@code x.mul(c)} computes, with the same kernel and the same bits (a 0-dim tensor
 * of {@code x}'s type and value {@code c}), from memory libtorch counts.
 */
public final class Scalars {

    private Scalars() {}

    /** The 0-dim tensor {@code value} with {@code like}'s type, device and manager. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
