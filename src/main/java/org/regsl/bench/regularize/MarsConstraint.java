package org.regsl.bench.regularize;

import org.regsl.bench.model.WeightSnapshot;

/**
 * The MARS / L-infinity operator-norm constraint (Gouk, Hospedales and Pontil, "Distance-Based
 * Regularisation of Deep Networks for Fine-Tuning", ICLR 2021; REGSL-SPEC 1.2 "inf-op"), per
 * weight tensor, row-wise:
 *
 * <pre>
 *   T = W - W0,   r_j = sum_k |T_jk|  (row j = one output unit; a conv's in-channels x kh x kw),
 *   T_j &lt;- T_j / max(1, r_j / D),   W &lt;- W0 + T
 * </pre>
 *
 * which bounds the induced infinity-norm max_j r_j by D (a rescaling, not an exact projection);
 * the head uses W0 = 0.
 */
public final class MarsConstraint extends StageConstraint {

    public MarsConstraint(WeightSnapshot reference, LayerRadii radii) {
        super(reference, radii);
    }

    @Override
    protected boolean projectWeight(float[] w, float[] w0, long[] shape, double d) {
        int rows = (int) shape[0];
        int len = w.length / rows;
        boolean changed = false;
        for (int j = 0; j < rows; j++) {
            double r = 0;
            for (int k = j * len; k < (j + 1) * len; k++) {
                r += Math.abs(w0 == null ? w[k] : (double) w[k] - w0[k]);
            }
            if (r <= d) {
                continue;
            }
            changed = true;
            float f = (float) (d / r);
            for (int k = j * len; k < (j + 1) * len; k++) {
                w[k] = w0 == null ? w[k] * f : w0[k] + (w[k] - w0[k]) * f;
            }
        }
        return changed;
    }

    @Override
    public String describe() {
        return "MARS row-norm (L-inf operator), " + radii().scheme();
    }
}
