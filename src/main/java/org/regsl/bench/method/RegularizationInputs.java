package org.regsl.bench.method;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.regularize.ChannelAttention;

/**
 * What a method's regularization is built from in one run.
 *
 * @param init the fine-tuning start (the reference of distance constraints and of L2-SP)
 * @param stages the net's constrained stage groups, in network order
 * @param travelled per stage, the distance plain fine-tuning travels (distance-proportional only; else empty)
 * @param start the net at the fine-tuning start, whose frozen copy DELTA compares feature maps with
 *     (null where a runner offers no feature regularizer)
 * @param attention DELTA's channel attention of this source model and task, computed or read from the
 *     cache on first use (null where a runner offers none)
 */
public record RegularizationInputs(WeightSnapshot init, List<String> stages, Map<String, Double> travelled, Net start,
        Supplier<ChannelAttention> attention) {

    /** Inputs without a start net or attention: enough for every constraint and weight penalty. */
    public RegularizationInputs(WeightSnapshot init, List<String> stages, Map<String, Double> travelled) {
        this(init, stages, travelled, null, null);
    }

    /** The start net; an error naming the method when the runner gave none. */
    Net startOrThrow(String method) {
        if (start == null || attention == null) {
            throw new IllegalStateException(method + " compares feature maps with the start: this runner gives no"
                    + " start net or channel attention (RegularizationInputs.start, .attention)");
        }
        return start;
    }
}
