package org.regsl.bench.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Map;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.LayerGroups;
import org.regsl.bench.model.Net;
import org.regsl.bench.nn.Scalars;

/**
 * DELTA, feature maps with attention (Li et al., ICLR 2019; TLlib's {@code
 * AttentionBehavioralRegularization} and {@code L2Regularization} of the head, its {@code delta.py}
 * example's loss):
 *
 * <pre>
 *   Omega = alpha Omega_backbone + beta Omega_head
 *   Omega_backbone = 1/2 sum_j sum_b sum_c C_j a_{j,c} ||FM_{j,c}(w, x_b) - FM_{j,c}(w^0, x_b)||^2 / (H_j W_j)
 *   Omega_head = 1/2 sum_{p in head} ||p||^2
 * </pre>
 *
 * over the outputs FM_j (C_j x H_j x W_j) of the net's stages, with {@link ChannelAttention} a (the
 * factor C_j and the sum over the batch are TLlib's), FM(w^0) from a frozen copy of the fine-tuning
 * start run in inference mode on the same batch (TLlib's {@code source_classifier.eval()}),
 * detached. TLlib taps the last convolution of each stage; this suite taps the stage's output (the
 * residual sum after its ReLU), the same point for the penalty and for the attention's zeroing.
 */
public final class DeltaPenalty implements Penalty {

    private final Net source;
    private final ChannelAttention attention;
    private final double alpha;
    private final double beta;
    private final Map<String, NDArray> weights = new java.util.HashMap<>();

    /**
     * DELTA against {@code source} (a frozen copy of the start; the caller closes it) with channel
     * weights {@code attention}, backbone weight {@code alpha}, head weight {@code beta} (TLlib: 0.01, 0.01).
     */
    public DeltaPenalty(Net source, ChannelAttention attention, double alpha, double beta) {
        this.source = source;
        this.attention = attention;
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public NDArray term(Net net, Features batch) {
        Features start = new Features(batch.input());
        source.forward(batch.input(), false, start);
        NDArray backbone = null;
        for (Map.Entry<String, double[]> e : attention.stages().entrySet()) {
            NDArray t = batch.get(e.getKey());
            NDArray diff = t.sub(start.get(e.getKey()).stopGradient());
            NDArray perChannel = diff.mul(diff).sum(new int[] {2, 3}); // (B, C)
            NDArray term = perChannel.mul(channelWeights(e.getKey(), e.getValue(), t.getShape())).sum();
            backbone = backbone == null ? term : backbone.add(term);
        }
        NDArray head = null;
        for (Pair<String, Parameter> p : net.trainable()) {
            if (LayerGroups.isHead(p.getKey())) {
                NDArray a = p.getValue().getArray();
                NDArray sq = a.mul(a).sum();
                head = head == null ? sq : head.add(sq);
            }
        }
        return backbone.mul(Scalars.of(backbone, alpha / 2)).add(head.mul(Scalars.of(head, beta / 2)));
    }

    /**
     * C_j a_jc / (H_j W_j) of stage {@code stage} as a (1, C) tensor, made once per run on the frozen
     * start's manager and taken out of the step's scope (the maps' shape does not change between steps).
     */
    private NDArray channelWeights(String stage, double[] a, Shape s) {
        return weights.computeIfAbsent(stage, k -> {
            long c = s.get(1);
            double area = s.get(2) * s.get(3);
            float[] w = new float[(int) c];
            for (int i = 0; i < c; i++) {
                w[i] = (float) (c * a[i] / area);
            }
            NDArray weightsOfStage = source.manager().create(w, new Shape(1, c));
            NDScope.unregister(weightsOfStage); // it outlives the step's scope; the start's manager frees it
            return weightsOfStage;
        });
    }

    /** The channel attention this penalty weighs with. */
    public ChannelAttention attention() {
        return attention;
    }

    @Override
    public String describe() {
        return String.format("DELTA alpha=%.4g beta=%.4g over %s", alpha, beta, attention.stageNames());
    }
}
