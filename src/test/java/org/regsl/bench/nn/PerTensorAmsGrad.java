package org.regsl.bench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-tensor AMSGrad this suite ran before FlatParameters, kept as the reference the flat update must equal bit for bit. Adam with the AMSGrad correction (Reddi, Kale and Kumar, "On the Convergence of Adam and
 * Beyond", ICLR 2018), as PyTorch implements it and the official code uses it ({@code
 * amsgrad=True}, weight decay 0):
 *
 * <pre>
 *   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2;   vmax = max(vmax, v)
 *   w = w - lr / (1 - b1^t) * m / (sqrt(vmax) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * DJL's Adam has no AMSGrad switch, hence this class. It also zeroes each gradient after use
 * (the PyTorch engine does not). State lives in a manager of its own; temporaries in an NDScope.
 */
final class PerTensorAmsGrad implements Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final NDManager state;
    private final List<Pair<String, Parameter>> params;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final List<NDArray> vmax = new ArrayList<>();
    private int t;

    /** An optimizer over {@code params} (the trainable parameters). */
    PerTensorAmsGrad(List<Pair<String, Parameter>> params) {
        this.params = params;
        // state on the parameters' device (a net may be forced onto the CPU on a GPU machine)
        state = params.isEmpty() ? NDManager.newBaseManager()
                : NDManager.newBaseManager(params.get(0).getValue().getArray().getDevice());
        for (Pair<String, Parameter> p : params) {
            NDArray w = p.getValue().getArray();
            m.add(state.zeros(w.getShape(), w.getDataType()));
            v.add(state.zeros(w.getShape(), w.getDataType()));
            vmax.add(state.zeros(w.getShape(), w.getDataType()));
        }
    }

    /** One update with learning rate {@code lr}, then zeroes the gradients. */
    @Override
    public void step(double lr) {
        t++;
        double bc1 = 1 - Math.pow(BETA1, t);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(BETA2, t));
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i).getValue().getArray();
                NDArray g = w.getGradient();
                m.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
                v.get(i).muli(BETA2).addi(g.square().muli(1 - BETA2));
                NDArray mx = vmax.get(i).maximum(v.get(i));
                vmax.get(i).set(new NDIndex("..."), mx);
                NDArray denom = vmax.get(i).sqrt().divi(sqrtBc2).addi(EPS);
                w.subi(m.get(i).div(denom).muli(lr / bc1));
                g.set(new NDIndex("..."), 0f);
            }
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
