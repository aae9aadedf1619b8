package org.regsl.bench.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.regsl.bench.train.Gradients;

/**
 * BSS's value and gradient against a direct computation: the singular values of a small matrix
 * from Commons Math's SVD, the gradient by central differences of that SVD, for a batch smaller
 * than the feature dimension (3 x 5: the smallest of its 3 singular values, not a structural zero)
 * and a batch larger than it (6 x 4), with k = 1 and k = 2.
 */
class BatchSpectralShrinkageTest {

    private static double direct(double[][] f, int k) {
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(f)).getSingularValues(); // descending
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += s[s.length - 1 - i] * s[s.length - 1 - i];
        }
        return sum;
    }

    private static double[][] matrix(int b, int d, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] f = new double[b][d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < d; j++) {
                f[i][j] = Math.round(r.nextGaussian() * 100) / 100.0;
            }
        }
        return f;
    }

    private static void check(int b, int d, int k) {
        double[][] f = matrix(b, d, 7L * b + d);
        float[] flat = new float[b * d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) f[i][j];
            }
        }
        BatchSpectralShrinkage bss = new BatchSpectralShrinkage(k, 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(flat, new Shape(b, d));
            x.setRequiresGradient(true);
            NDArray value;
            try (Gradients gc = Gradients.collect()) {
                value = bss.smallestSquared(x);
                gc.backward(value);
            }
            double expected = direct(f, k);
            assertEquals(expected, value.getFloat(), 1e-4 * Math.max(1, expected), b + "x" + d + " k=" + k);
            float[] grad = x.getGradient().toFloatArray();
            double h = 1e-5;
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < d; j++) {
                    double keep = f[i][j];
                    f[i][j] = keep + h;
                    double plus = direct(f, k);
                    f[i][j] = keep - h;
                    double minus = direct(f, k);
                    f[i][j] = keep;
                    assertEquals((plus - minus) / (2 * h), grad[i * d + j], 2e-3, "d/dF[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void aBatchSmallerThanTheFeatureDimensionPenalizesItsSmallestNonStructuralValue() {
        check(3, 5, 1);
        check(3, 5, 2);
    }

    @Test
    void aBatchLargerThanTheFeatureDimension() {
        check(6, 4, 1);
        check(6, 4, 2);
    }
}
