package org.regsl.bench.model;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one forward pass produced on the way, recorded by a {@link ForwardTap}: the input, every
 * layer group's output, the pooled features and the head's whole output, as the tensors of the
 * pass itself (with their gradient history: a penalty on them trains the net).
 */
public final class Features implements ForwardTap {

    private final NDArray input;
    private final Map<String, NDArray> seen = new LinkedHashMap<>();

    /** A recorder for the forward pass of {@code input}. */
    public Features(NDArray input) {
        this.input = input;
    }

    @Override
    public NDArray at(String point, NDArray output) {
        seen.put(point, output);
        return output;
    }

    /** The batch the pass ran on. */
    public NDArray input() {
        return input;
    }

    /** The output recorded at {@code point}; an error naming the points seen when there is none. */
    public NDArray get(String point) {
        NDArray a = seen.get(point);
        if (a == null) {
            throw new IllegalStateException("the forward pass passed no point '" + point + "' (it passed "
                    + seen.keySet() + ")");
        }
        return a;
    }
}
