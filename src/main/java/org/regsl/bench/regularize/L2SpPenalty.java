package org.regsl.bench.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.Net;
import org.regsl.bench.model.LayerGroups;
import org.regsl.bench.model.WeightSnapshot;
import org.regsl.bench.nn.Scalars;

/**
 * L2-SP (Li, Grandvalet and Davoine, "Explicit Inductive Bias for Transfer Learning with
 * Convolutional Networks", ICML 2018):
 *
 * <pre>
 *   Omega(w) = alpha / 2 ||w_S - w_S^0||_2^2 + beta / 2 ||w_head||_2^2
 * </pre>
 *
 * where w_S are the pretrained (backbone) weights with their starting point w_S^0 (conv kernels
 * and BN gammas, stem included; biases and BN betas excluded) and w_head the new head's weight.
 * With alpha = 0 it is weight decay on the head; see {@link WeightDecayPenalty} for plain L2.
 */
public final class L2SpPenalty implements Penalty {

    private final WeightSnapshot reference;
    private final double alpha;
    private final double beta;

    public L2SpPenalty(WeightSnapshot reference, double alpha, double beta) {
        this.reference = reference;
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public NDArray term(Net net, Features batch) {
        NDArray backbone = null;
        NDArray head = null;
        for (Pair<String, Parameter> p : net.trainable()) {
            String name = p.getKey();
            if (LayerGroups.isShift(name)) {
                continue;
            }
            NDArray w = p.getValue().getArray();
            if (LayerGroups.groupOf(name).equals("head")) {
                NDArray s = w.square().sum();
                head = head == null ? s : head.add(s);
            } else {
                NDArray s = w.sub(reference.array(name)).square().sum();
                backbone = backbone == null ? s : backbone.add(s);
            }
        }
        return backbone.mul(Scalars.of(backbone, (float) (alpha / 2))).add(head.mul(Scalars.of(head, (float) (beta / 2))));
    }

    @Override
    public String describe() {
        return String.format("L2-SP alpha=%.4g beta=%.4g", alpha, beta);
    }
}
