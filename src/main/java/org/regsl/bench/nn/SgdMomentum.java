package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;

/**
 * Stochastic gradient descent with momentum and L2 weight decay as PyTorch's {@code torch.optim.SGD}
 * (dampening 0, not Nesterov), the optimizer of the official ChestX-ray14 code (momentum 0.9,
 * weight decay 1e-4, REGSL-SPEC 6.3):
 *
 * <pre>
 *   g = grad + wd w;   b = g at the first step, else b = mu b + g;   w = w - lr b
 * </pre>
 *
 * Zeroes each gradient after use. A new instance starts with empty momentum buffers (the official
 * code creates a new optimizer when it lowers the learning rate).
 */
public final class SgdMomentum implements Optimizer {

    private final NDManager state;
    private final FlatParameters params;
    private final float momentum;
    private final float weightDecay;
    private final NDArray buffer;
    private boolean stepped;

    /** SGD over {@code params} (bound to one buffer, as {@link AmsGrad}) with {@code momentum} and {@code weightDecay}. */
    public SgdMomentum(List<Pair<String, Parameter>> params, double momentum, double weightDecay) {
        this.params = FlatParameters.bind(params);
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        state = params.isEmpty() ? NDManager.newBaseManager()
                : NDManager.newBaseManager(params.get(0).getValue().getArray().getDevice());
        buffer = this.params.isEmpty() ? null : this.params.zeros(state); // outside any step's scope
    }

    /** The official ChestX-ray optimizer's factory: momentum 0.9, weight decay 1e-4. */
    public static Optimizer.Factory chestXray() {
        return p -> new SgdMomentum(p, 0.9, 1e-4);
    }

    @Override
    public void step(double lr) {
        boolean first = !stepped;
        stepped = true;
        if (params.isEmpty()) {
            return;
        }
        try (NDScope scope = new NDScope()) {
            NDArray w = params.values();
            NDArray grad = params.gradients();
            NDArray g = weightDecay == 0f ? grad : grad.add(w.mul(weightDecay));
            if (first) {
                buffer.set(new NDIndex("..."), g);
            } else {
                buffer.muli(momentum).addi(g);
            }
            w.subi(buffer.mul((float) lr));
            params.zeroGradients();
        }
    }

    @Override
    public void close() {
        state.close();
        params.close();
    }
}
