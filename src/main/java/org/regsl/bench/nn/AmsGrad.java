package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;

/**
 * Adam with the AMSGrad correction (Reddi, Kale and Kumar, "On the Convergence of Adam and
 * Beyond", ICLR 2018), as PyTorch implements it and the official code uses it ({@code
 * amsgrad=True}, weight decay 0):
 *
 * <pre>
 *   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2;   vmax = max(vmax, v)
 *   w = w - lr / (1 - b1^t) * m / (sqrt(vmax) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * DJL's Adam has no AMSGrad switch, hence this class. It updates every parameter at once on a
 * {@link FlatParameters} binding (a dozen native calls per step, not a dozen per tensor; each
 * element sees the same operations in the same order as a per-tensor update, so the same bits)
 * and zeroes the gradients after use (the PyTorch engine does not). State lives in a manager of
 * its own; temporaries in an NDScope.
 */
public final class AmsGrad implements Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final NDManager state;
    private final FlatParameters params;
    private final NDArray m;
    private final NDArray v;
    private final NDArray vmax;
    private int t;

    /** An optimizer over {@code params} (the trainable parameters), which it binds to one buffer. */
    public AmsGrad(List<Pair<String, Parameter>> params) {
        this.params = FlatParameters.bind(params);
        // state on the parameters' device (a net may be forced onto the CPU on a GPU machine)
        state = params.isEmpty() ? NDManager.newBaseManager()
                : NDManager.newBaseManager(params.get(0).getValue().getArray().getDevice());
        m = this.params.isEmpty() ? null : this.params.zeros(state);
        v = this.params.isEmpty() ? null : this.params.zeros(state);
        vmax = this.params.isEmpty() ? null : this.params.zeros(state);
    }

    /** One update with learning rate {@code lr}, then zeroes the gradients. */
    @Override
    public void step(double lr) {
        t++;
        if (params.isEmpty()) {
            return;
        }
        double bc1 = 1 - Math.pow(BETA1, t);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(BETA2, t));
        try (NDScope scope = new NDScope()) {
            NDArray w = params.values();
            NDArray g = params.gradients();
            m.muli(BETA1).addi(g.mul(1 - BETA1));
            v.muli(BETA2).addi(g.square().muli(1 - BETA2));
            NDArray mx = vmax.maximum(v);
            vmax.set(new NDIndex("..."), mx);
            NDArray denom = vmax.sqrt().divi(sqrtBc2).addi(EPS);
            w.subi(m.div(denom).muli(lr / bc1));
            params.zeroGradients();
        }
    }

    @Override
    public void close() {
        state.close();
        params.close();
    }
}
