package org.regsl.bench.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.regsl.bench.model.Features;
import org.regsl.bench.model.ForwardTap;
import org.regsl.bench.model.Net;
import org.regsl.bench.nn.Scalars;

/**
 * Batch spectral shrinkage, BSS (Chen, Wang, Fu, Long and Wang, "Catastrophic Forgetting Meets
 * Negative Transfer: Batch Spectral Shrinkage for Safe Transfer Learning", NeurIPS 2019; TLlib's
 * {@code BatchSpectralShrinkage}):
 *
 * <pre>
 *   L_bss(F) = eta sum_{i=1..k} sigma_{-i}^2
 * </pre>
 *
 * over the k smallest singular values of the batch's (B, D) matrix F of pooled features (the
 * features the head reads, {@link ForwardTap#POOLED}). As TLlib's {@code torch.svd(F.t())}, the
 * spectrum is the reduced one: min(B, D) values, so a batch smaller than the feature dimension
 * penalizes the smallest of its B values, never the D - B structural zeros.
 *
 * <p>Computed without an SVD with gradient: sigma_i^2 is an eigenvalue lambda_i of the smaller
 * Gram matrix (F F^T when B <= D, else F^T F), whose eigenvector u_i is found on the host in double
 * precision from the detached features; the term is ||F^T u_i||^2 (or ||F u_i||^2) with u_i held
 * constant, whose value is lambda_i and whose gradient 2 u_i u_i^T F is that of sigma_i^2
 * (d sigma_i = u_i^T dF v_i): the identity the issue names.
 */
public final class BatchSpectralShrinkage implements Penalty {

    private final int k;
    private final double eta;

    /** BSS on the {@code k} smallest singular values, weight {@code eta} (TLlib: k = 1, eta = 0.001). */
    public BatchSpectralShrinkage(int k, double eta) {
        if (k < 1) {
            throw new IllegalArgumentException("BSS needs k >= 1, got " + k);
        }
        this.k = k;
        this.eta = eta;
    }

    @Override
    public NDArray term(Net net, Features batch) {
        NDArray sum = smallestSquared(batch.get(ForwardTap.POOLED));
        return eta == 1 ? sum : sum.mul(Scalars.of(batch.input(), eta));
    }

    /** sum of the k smallest squared singular values of the (B, D) matrix {@code f}, with gradient. */
    NDArray smallestSquared(NDArray f) {
        Shape s = f.getShape();
        int b = (int) s.get(0);
        int d = (int) s.get(1);
        boolean rows = b <= d; // the Gram matrix of the smaller side
        int m = rows ? b : d;
        if (k > m) {
            throw new IllegalArgumentException("BSS k=" + k + " exceeds the " + m + " singular values of a " + b + "x"
                    + d + " feature matrix");
        }
        float[] v = f.toFloatArray();
        double[][] gram = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double sum = 0;
                for (int t = 0; t < (rows ? d : b); t++) {
                    sum += rows ? (double) v[i * d + t] * v[j * d + t] : (double) v[t * d + i] * v[t * d + j];
                }
                gram[i][j] = sum;
                gram[j][i] = sum;
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        NDArray total = null;
        for (int i = 0; i < k; i++) {
            RealVector u = eig.getEigenvector(order[i]);
            float[] uf = new float[m];
            for (int j = 0; j < m; j++) {
                uf[j] = (float) u.getEntry(j);
            }
            NDArray uv = f.getManager().create(uf, new Shape(m, 1));
            NDArray proj = rows ? f.transpose().matMul(uv) : f.matMul(uv);
            NDArray sq = proj.mul(proj).sum();
            total = total == null ? sq : total.add(sq);
        }
        return total;
    }

    @Override
    public String describe() {
        return String.format("BSS k=%d eta=%.4g", k, eta);
    }
}
