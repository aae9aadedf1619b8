package org.regsl.bench.train;

import org.regsl.bench.nn.Losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import org.regsl.bench.model.Net;

/**
 * Projected gradient descent under an L-infinity budget (Madry et al., "Towards Deep Learning
 * Models Resistant to Adversarial Attacks", ICLR 2018), no random start:
 *
 * <pre>
 *   x_0 = x;  x_{k+1} = clip_[0,1]( Proj_{||. - x||_inf <= eps}( x_k + alpha sign(grad_x l(f(x_k), y)) ) )
 * </pre>
 *
 * The attack runs in inference mode (BN statistics untouched) with the weights frozen, so its
 * backward passes leave no gradient on the weights (DJL-NOTES 5, "PGD gradient leakage").
 *
 * @param epsilon L-infinity radius in pixel units of [0, 1]
 * @param steps number of steps
 * @param alpha step size
 */
public record PgdAttack(float epsilon, int steps, float alpha) implements BatchAugmenter {

    /** The usual step size 2.5 eps / steps. */
    public static PgdAttack of(float epsilon, int steps) {
        return new PgdAttack(epsilon, steps, 2.5f * epsilon / steps);
    }

    @Override
    public NDArray apply(Net net, NDArray x, NDArray y) {
        List<Pair<String, Parameter>> params = net.trainable();
        params.forEach(p -> p.getValue().getArray().setRequiresGradient(false));
        try {
            NDArray lo = x.sub(epsilon).maximum(0f);
            NDArray hi = x.add(epsilon).minimum(1f);
            NDArray xa = x.duplicate();
            for (int s = 0; s < steps; s++) {
                xa.setRequiresGradient(true);
                try (GradientCollector gc = Gradients.collect()) {
                    gc.backward(Losses.meanNll(net.forward(xa, false), y));
                }
                NDArray g = xa.getGradient();
                xa = xa.add(g.sign().muli(alpha)).minimum(hi).maximum(lo);
            }
            return xa.stopGradient();
        } finally {
            params.forEach(p -> p.getValue().getArray().setRequiresGradient(true));
        }
    }
}
