package org.regsl.bench.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.Net;
import org.regsl.bench.nn.Scalars;

/**
 * L2 weight decay toward zero (Krogh and Hertz, "A Simple Weight Decay Can Improve
 * Generalization", NIPS 1991): Omega(w) = lambda / 2 ||w||_2^2 over every trainable weight
 * (conv kernels, BN gammas, head), biases and BN betas excluded.
 */
public final class WeightDecayPenalty implements Penalty {

    private final double lambda;

    public WeightDecayPenalty(double lambda) {
        this.lambda = lambda;
    }

    @Override
    public NDArray term(Net net, Features batch) {
        NDArray sum = null;
        for (Pair<String, Parameter> p : net.trainable()) {
            if (org.regsl.bench.model.LayerGroups.isShift(p.getKey())) {
                continue;
            }
            NDArray s = p.getValue().getArray().square().sum();
            sum = sum == null ? s : sum.add(s);
        }
        return sum.mul(Scalars.of(sum, (float) (lambda / 2)));
    }

    @Override
    public String describe() {
        return String.format("L2 weight decay lambda=%.4g", lambda);
    }
}
