package org.lmsregistry.model.synthetic;

import java.util.List;

/** Maximum-likelihood logistic regression by Newton-Raphson (IRLS), for tests of planted effects. */
final class Logistic {

    final double[] coefficients;
    final double[] standardErrors;

    private Logistic(double[] coefficients, double[] standardErrors) {
        this.coefficients = coefficients;
        this.standardErrors = standardErrors;
    }

    /** Fits y ~ x (x rows include the intercept column if one is wanted). */
    static Logistic fit(List<double[]> x, List<Boolean> y) {
        int p = x.get(0).length;
        double[] beta = new double[p];
        double[][] information = null;
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] score = new double[p];
            information = new double[p][p];
            for (int i = 0; i < x.size(); i++) {
                double[] xi = x.get(i);
                double eta = 0;
                for (int j = 0; j < p; j++) {
                    eta += xi[j] * beta[j];
                }
                double mu = 1 / (1 + Math.exp(-eta));
                double w = mu * (1 - mu);
                double residual = (y.get(i) ? 1 : 0) - mu;
                for (int j = 0; j < p; j++) {
                    score[j] += xi[j] * residual;
                    for (int k = 0; k < p; k++) {
                        information[j][k] += w * xi[j] * xi[k];
                    }
                }
            }
            double[] step = solve(information, score);
            double change = 0;
            for (int j = 0; j < p; j++) {
                beta[j] += step[j];
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < 1e-10) {
                break;
            }
        }
        double[] se = new double[p];
        for (int j = 0; j < p; j++) {
            double[] unit = new double[p];
            unit[j] = 1;
            se[j] = Math.sqrt(solve(information, unit)[j]);
        }
        return new Logistic(beta, se);
    }

    /** Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
