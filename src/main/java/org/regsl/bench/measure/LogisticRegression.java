package org.regsl.bench.measure;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Multinomial logistic regression with an L2 penalty, solved exactly: the RFS baseline of C8 (Tian et al. 2020
 * fit scikit-learn's {@code LogisticRegression(penalty='l2', C=1.0, solver='lbfgs', multi_class='multinomial')}
 * on L2-normalized frozen features). The objective is scikit-learn's,
 *
 * <pre>
 *   f(W, b) = 1/2 ||W||_F^2 + C sum_i -log softmax(W x_i + b)_{y_i}        (the intercept b unpenalized)
 * </pre>
 *
 * minimized by Newton's method with a backtracking line search until the gradient's largest entry is below
 * {@link #TOLERANCE} or a step's below {@link #STEP_TOLERANCE}, from W = 0, b = 0 (then sum_k b_k stays 0: the one direction f is flat in). scikit-learn
 * stops lbfgs at its default tolerance 1e-4, so its coefficients can differ from these in the last digits; the
 * predictions of a converged fit are the same.
 *
 * @param weights K x D
 * @param bias K
 * @param iterations Newton steps taken
 */
public record LogisticRegression(double[][] weights, double[] bias, int iterations) {

    /** Convergence: the largest gradient entry. */
    public static final double TOLERANCE = 1e-10;

    /** Convergence in the parameters: a Newton step whose largest entry is below this. */
    public static final double STEP_TOLERANCE = 1e-13;

    /** scikit-learn's default inverse penalty. */
    public static final double DEFAULT_C = 1.0;

    private static final int MAX_ITERATIONS = 100;

    /** Fits {@code classes} classes to rows {@code x} with labels {@code y} at inverse penalty {@code c}. */
    public static LogisticRegression fit(double[][] x, int[] y, int classes, double c) {
        int n = x.length;
        int d = x[0].length;
        int k = classes;
        int m = k * (d + 1);
        double[] theta = new double[m]; // class-major: [W_k (d), b_k] per class
        double f = objective(theta, x, y, k, d, c);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] g = new double[m];
            double[][] h = new double[m][m];
            derivatives(theta, x, y, k, d, c, g, h);
            double gmax = 0;
            for (double v : g) {
                gmax = Math.max(gmax, Math.abs(v));
            }
            if (gmax < TOLERANCE) {
                return result(theta, k, d, it);
            }
            for (int j = 0; j < k; j++) {
                h[j * (d + 1) + d][j * (d + 1) + d] += 1e-9; // the flat direction of the unpenalized intercepts
            }
            mirrorUpper(h);
            RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-9, 0).getSolver()
                    .solve(new ArrayRealVector(g, false)).mapMultiply(-1);
            double mean = 0;
            for (int j = 0; j < k; j++) {
                mean += step.getEntry(j * (d + 1) + d) / k;
            }
            for (int j = 0; j < k; j++) { // keep sum_k b_k = 0: the damped flat direction only amplifies round-off
                step.addToEntry(j * (d + 1) + d, -mean);
            }
            double t = 1;
            double slope = step.dotProduct(new ArrayRealVector(g, false));
            double[] next = new double[m];
            for (int tries = 0; ; tries++) {
                for (int i = 0; i < m; i++) {
                    next[i] = theta[i] + t * step.getEntry(i);
                }
                double fn = objective(next, x, y, k, d, c);
                // Armijo, or a full Newton step that changes f by no more than its round-off (near the optimum the
                // predicted decrease is below what doubles can show, and backtracking would stall)
                boolean roundOff = t == 1 && fn <= f + 1e-13 * Math.max(1, Math.abs(f));
                if (fn <= f + 1e-4 * t * slope || roundOff || tries >= 50) {
                    f = fn;
                    break;
                }
                t /= 2;
            }
            System.arraycopy(next, 0, theta, 0, m);
            if (step.getLInfNorm() < STEP_TOLERANCE) {
                return result(theta, k, d, it + 1); // the solution no longer moves in the last digits
            }
        }
        throw new IllegalStateException("logistic regression did not converge in " + MAX_ITERATIONS + " Newton steps");
    }

    /** The class with the largest logit for each row. */
    public int[] predict(double[][] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < bias.length; j++) {
                double z = bias[j];
                for (int e = 0; e < x[i].length; e++) {
                    z += weights[j][e] * x[i][e];
                }
                if (z > best) {
                    best = z;
                    out[i] = j;
                }
            }
        }
        return out;
    }

    /** Each row scaled to unit L2 norm (RFS's feature normalization); a zero row stays zero. */
    public static double[][] normalizeRows(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (double v : x[i]) {
                s += v * v;
            }
            double norm = Math.sqrt(s);
            out[i] = new double[x[i].length];
            for (int e = 0; e < x[i].length; e++) {
                out[i][e] = norm == 0 ? 0 : x[i][e] / norm;
            }
        }
        return out;
    }

    private static LogisticRegression result(double[] theta, int k, int d, int iterations) {
        double[][] w = new double[k][d];
        double[] b = new double[k];
        for (int j = 0; j < k; j++) {
            System.arraycopy(theta, j * (d + 1), w[j], 0, d);
            b[j] = theta[j * (d + 1) + d];
        }
        return new LogisticRegression(w, b, iterations);
    }

    private static double[] probabilities(double[] theta, double[] xi, int k, int d) {
        double[] z = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double s = theta[j * (d + 1) + d];
            for (int e = 0; e < d; e++) {
                s += theta[j * (d + 1) + e] * xi[e];
            }
            z[j] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            z[j] = Math.exp(z[j] - max);
            sum += z[j];
        }
        for (int j = 0; j < k; j++) {
            z[j] /= sum;
        }
        return z;
    }

    static double objective(double[] theta, double[][] x, int[] y, int k, int d, double c) {
        double f = 0;
        for (int j = 0; j < k; j++) {
            for (int e = 0; e < d; e++) {
                double w = theta[j * (d + 1) + e];
                f += 0.5 * w * w;
            }
        }
        for (int i = 0; i < x.length; i++) {
            f -= c * Math.log(Math.max(probabilities(theta, x[i], k, d)[y[i]], Double.MIN_NORMAL));
        }
        return f;
    }

    /** The gradient {@code g} and Hessian {@code h} of f at {@code theta}. */
    /**
     * Copies the upper triangle onto the lower. The Hessian's two triangles sum the same products in another
     * association ((a x_e) x_f against (a x_f) x_e), so they differ in the last bits, and where the sum over samples
     * nearly cancels (more features than samples: 640-d ResNet-12 features of 5-way episodes) by more than
     * Commons Math's relative symmetry threshold, which then refused the matrix. Its Cholesky decomposition reads
     * the upper triangle only, so mirroring it changes no bit of any fit that passed before.
     */
    static void mirrorUpper(double[][] h) {
        for (int p = 0; p < h.length; p++) {
            for (int q = p + 1; q < h.length; q++) {
                h[q][p] = h[p][q];
            }
        }
    }

    static void derivatives(double[] theta, double[][] x, int[] y, int k, int d, double c, double[] g, double[][] h) {
        int stride = d + 1;
        for (int j = 0; j < k; j++) {
            for (int e = 0; e < d; e++) {
                g[j * stride + e] += theta[j * stride + e];
                h[j * stride + e][j * stride + e] += 1;
            }
        }
        double[] xt = new double[stride];
        for (int i = 0; i < x.length; i++) {
            double[] p = probabilities(theta, x[i], k, d);
            System.arraycopy(x[i], 0, xt, 0, d);
            xt[d] = 1;
            for (int j = 0; j < k; j++) {
                double r = c * (p[j] - (y[i] == j ? 1 : 0));
                for (int e = 0; e < stride; e++) {
                    g[j * stride + e] += r * xt[e];
                }
                for (int l = 0; l < k; l++) {
                    double a = c * ((j == l ? p[j] : 0) - p[j] * p[l]);
                    if (a == 0) {
                        continue;
                    }
                    for (int e = 0; e < stride; e++) {
                        double ae = a * xt[e];
                        double[] row = h[j * stride + e];
                        for (int f = 0; f < stride; f++) {
                            row[l * stride + f] += ae * xt[f];
                        }
                    }
                }
            }
        }
    }
}
