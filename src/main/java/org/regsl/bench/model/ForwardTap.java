package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A look into one forward pass of a {@link Net}: called with the output of every layer group
 * ({@link LayerGroups}: {@code stem}, {@code stage1..3} or {@code layer1..4}), the pooled
 * feature vector the head sees ({@link #POOLED}) and the head's whole output ({@link #OUTPUTS},
 * with a method's extra outputs such as DAC's abstention), in network order; what it returns
 * flows on. Observing returns the output as it is ({@link Features} records them: BSS and DELTA
 * read them); replacing it is how DELTA's channel attention zeroes a channel. The one hook of the
 * architectures: both ResNets call it, nothing copies their forward pass.
 */
@FunctionalInterface
public interface ForwardTap {

    /** The point after global average pooling: the (B, D) features the head reads. */
    String POOLED = "pooled";

    /** The point after the head: (B, K + extra) outputs, before the net drops the extra ones. */
    String OUTPUTS = "outputs";

    /** The tap that sees nothing. */
    ForwardTap NONE = (point, output) -> output;

    /** The key the tap travels under in a block's forward parameters. */
    String KEY = "regsl.forwardTap";

    /** Called with the output of {@code point}; returns what the forward pass continues with. */
    NDArray at(String point, NDArray output);

    /** This tap as DJL forward parameters. */
    default PairList<String, Object> asParams() {
        return new PairList<>(List.of(KEY), List.of(this));
    }

    /** The tap in a block's forward parameters, or {@link #NONE}. */
    static ForwardTap in(PairList<String, Object> params) {
        if (params == null) {
            return NONE;
        }
        Object t = params.get(KEY);
        return t instanceof ForwardTap tap ? tap : NONE;
    }
}
