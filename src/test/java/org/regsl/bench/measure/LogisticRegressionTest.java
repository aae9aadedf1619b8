package org.regsl.bench.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The RFS baseline's solver: a case solved by hand, and the optimality conditions on random data. */
class LogisticRegressionTest {

    /**
     * Two points x = +1 (class 0) and x = -1 (class 1), one feature: by symmetry W = [w, -w] and b = 0, and
     * f = w^2 + 2C log(1 + e^{-2w}), so df/dw = 0 gives w = 2C sigma(-2w): solved here by bisection.
     */
    @Test
    void matchesTheSymmetricTwoPointCaseSolvedByHand() {
        for (double c : new double[] {0.1, 1.0, 10.0}) {
            double lo = 0;
            double hi = 10;
            for (int i = 0; i < 200; i++) {
                double mid = (lo + hi) / 2;
                if (mid - 2 * c / (1 + Math.exp(2 * mid)) < 0) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            LogisticRegression lr = LogisticRegression.fit(new double[][] {{1}, {-1}}, new int[] {0, 1}, 2, c);
            assertEquals(lo, lr.weights()[0][0], 1e-9, "w at C " + c);
            assertEquals(-lo, lr.weights()[1][0], 1e-9, "-w at C " + c);
            assertEquals(0, lr.bias()[0], 1e-9);
            assertEquals(0, lr.bias()[0] + lr.bias()[1], 1e-12, "intercepts stay centred");
        }
    }

    @Test
    void theGradientVanishesAtTheFitOnRandomData() {
        int n = 25;
        int d = 16;
        int k = 5;
        int[] y = labels(n, k);
        double[][] x = rows(new Random(3), y, d);
        LogisticRegression lr = LogisticRegression.fit(x, y, k, LogisticRegression.DEFAULT_C);
        double[] theta = new double[k * (d + 1)];
        for (int j = 0; j < k; j++) {
            System.arraycopy(lr.weights()[j], 0, theta, j * (d + 1), d);
            theta[j * (d + 1) + d] = lr.bias()[j];
        }
        double[] g = new double[theta.length];
        LogisticRegression.derivatives(theta, x, y, k, d, 1.0, g, new double[theta.length][theta.length]);
        for (double v : g) {
            assertTrue(Math.abs(v) < 1e-9, "gradient entry " + v);
        }
        assertTrue(lr.iterations() < 20, "Newton converges in a few steps: " + lr.iterations());
        int right = 0;
        int[] predicted = lr.predict(x);
        for (int i = 0; i < n; i++) {
            right += predicted[i] == y[i] ? 1 : 0;
        }
        assertTrue(right >= 20, "most training points fitted under the penalty: " + right + " of " + n);
        double[] norms = java.util.Arrays.stream(x).mapToDouble(row -> java.util.Arrays.stream(row)
                .map(v -> v * v).sum()).toArray();
        for (double s : norms) {
            assertEquals(1, s, 1e-12, "rows normalized");
        }
    }

    /**
     * An episode's shape: 25 L2-normalized 128-d rows, 5 classes, nearly collinear (features of a frozen net are
     * all positive after a ReLU-like unit): the fit converges (the search's first run of the solver did not, at a
     * 5-shot episode, before the round-off rule of its line search) and its gradient vanishes.
     */
    @Test
    void convergesOnAnEpisodeShapedProblem() {
        Random r = new Random(11);
        int n = 25;
        int d = 128;
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i / 5;
            for (int e = 0; e < d; e++) {
                x[i][e] = Math.abs(1 + 0.05 * r.nextGaussian() + (e % 5 == y[i] ? 0.02 : 0));
            }
        }
        x = LogisticRegression.normalizeRows(x);
        LogisticRegression lr = LogisticRegression.fit(x, y, 5, 1.0);
        double[] theta = new double[5 * (d + 1)];
        for (int j = 0; j < 5; j++) {
            System.arraycopy(lr.weights()[j], 0, theta, j * (d + 1), d);
            theta[j * (d + 1) + d] = lr.bias()[j];
        }
        double[] g = new double[theta.length];
        LogisticRegression.derivatives(theta, x, y, 5, d, 1.0, g, new double[theta.length][theta.length]);
        for (double v : g) {
            assertTrue(Math.abs(v) < 1e-8, "gradient entry " + v);
        }
    }

    /**
     * More features than samples, as RFS's 640-d features of a 5-way 5-shot episode: the Hessian's triangles differ
     * in the last bits where its sums nearly cancel, which Commons Math's Cholesky refused (seed 1, n 25, d 640, 5
     * classes threw NonSymmetricMatrixException before the upper triangle was mirrored). The fit must converge
     * and separate its own training points.
     */
    @Test
    void moreFeaturesThanSamplesFitsWithoutASymmetryFailure() {
        int[] y = labels(25, 5);
        double[][] x = rows(new Random(1), y, 640);
        LogisticRegression fit = LogisticRegression.fit(x, y, 5, 1.0);
        assertArrayEquals(y, fit.predict(x));
    }

    /** Labels 0..k-1 in turn for n rows. */
    private static int[] labels(int n, int k) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % k;
        }
        return y;
    }

    /** Unit-norm rows of d Gaussian features, feature y_i shifted by 2 (separable classes), drawn from {@code r}. */
    private static double[][] rows(Random r, int[] y, int d) {
        double[][] x = new double[y.length][d];
        for (int i = 0; i < y.length; i++) {
            for (int e = 0; e < d; e++) {
                x[i][e] = r.nextGaussian() + (e == y[i] ? 2 : 0);
            }
        }
        return LogisticRegression.normalizeRows(x);
    }
}
