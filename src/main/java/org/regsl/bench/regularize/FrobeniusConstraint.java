package org.regsl.bench.regularize;

import org.regsl.bench.model.WeightSnapshot;

/**
 * Projection onto the Frobenius ball (Li and Zhang 2021, eq. "s.t. ||W_i - W_i^(s)||_F &lt;= D_i";
 * REGSL-SPEC 1.2 "frob"), per weight tensor:
 *
 * <pre>
 *   T = W - W0,   W &lt;- W0 + T / max(1, ||T||_F / D)
 * </pre>
 *
 * the Euclidean projection onto {W : ||W - W0||_F &lt;= D}; the head uses W0 = 0. With constant
 * radii this is the "constant Frobenius" baseline; with {@link LayerRadii#layerWise} it is REGSL's
 * regularizer.
 */
public final class FrobeniusConstraint extends StageConstraint {

    public FrobeniusConstraint(WeightSnapshot reference, LayerRadii radii) {
        super(reference, radii);
    }

    @Override
    protected boolean projectWeight(float[] w, float[] w0, long[] shape, double d) {
        double sq = 0;
        for (int i = 0; i < w.length; i++) {
            double t = w0 == null ? w[i] : (double) w[i] - w0[i];
            sq += t * t;
        }
        double n = Math.sqrt(sq);
        if (n <= d) {
            return false;
        }
        float f = (float) (d / n);
        for (int i = 0; i < w.length; i++) {
            w[i] = w0 == null ? w[i] * f : w0[i] + (w[i] - w0[i]) * f;
        }
        return true;
    }

    @Override
    public String describe() {
        return "Frobenius ball, " + radii().scheme();
    }
}
