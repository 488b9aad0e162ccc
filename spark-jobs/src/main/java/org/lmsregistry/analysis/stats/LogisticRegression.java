package org.lmsregistry.analysis.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Logistic regression of a binary outcome on covariates by iteratively reweighted least squares,
 * with Wald standard errors, z tests and intervals, as R {@code glm(y ~ ..., family = binomial)}
 * with {@code summary()} and {@code confint.default()}.
 *
 * <p>Fisher scoring for the logit link (Nelder &amp; Wedderburn 1972, <i>J R Stat Soc A</i>
 * 135:370; McCullagh &amp; Nelder 1989, <i>Generalized Linear Models</i>, 2nd ed., section 2.5;
 * Agresti 2013, <i>Categorical Data Analysis</i>, 3rd ed., section 4.6), run exactly as R's
 * {@code glm.fit}: start at &mu; = (y + 0.5)/2, solve each weighted least-squares step by QR,
 * stop when |dev - dev<sub>old</sub>| / (|dev| + 0.1) &lt; 1e-8 (at most 25 iterations). The
 * covariance is (X'WX)<sup>-1</sup> from the last step's weights, as in R, so that estimates and
 * standard errors agree with R to far better than 1e-6. Wald interval: &beta; &plusmn; z SE; p =
 * 2 &Phi;(-|&beta;/SE|).
 *
 * <p>The model includes an intercept, named {@code (Intercept)}. Rows may carry frequency weights
 * (identical subjects collapsed into one row, see {@link #fit(DesignMatrix, boolean[], long[], double)}).
 */
public final class LogisticRegression {

    /** R's {@code glm.control()} defaults. */
    private static final double EPSILON = 1e-8;
    private static final int MAX_ITERATIONS = 25;
    private static final double THRESHOLD = 30;
    private static final double MACHINE_EPSILON = Math.ulp(1.0);
    private static final double COLLINEARITY_TOLERANCE = 1e-9;

    private LogisticRegression() {
    }

    /**
     * One coefficient (log odds ratio).
     *
     * @param name            covariate name, or {@code (Intercept)}
     * @param estimate        &beta;
     * @param standardError   Wald standard error
     * @param z               &beta; / SE
     * @param pValue          two-sided Wald p-value
     * @param lower           lower Wald limit of &beta;
     * @param upper           upper Wald limit of &beta;
     * @param confidenceLevel e.g. 0.95
     */
    public record Coefficient(String name, double estimate, double standardError, double z, double pValue,
                              double lower, double upper, double confidenceLevel) {

        /** Odds ratio per unit increase, exp(&beta;), with its Wald interval. */
        public RatioPerIncrement perUnit() {
            return per(1.0);
        }

        /** Odds ratio per given increase of the covariate (e.g. per 10 mm). */
        public RatioPerIncrement per(double increment) {
            return RatioPerIncrement.of(increment, estimate, standardError, confidenceLevel);
        }
    }

    /**
     * A fitted model.
     *
     * @param coefficients        intercept first, then the design's columns in order
     * @param deviance            residual deviance
     * @param nullDeviance        deviance of the intercept-only model
     * @param aic                 Akaike information criterion (deviance + 2 p for a binary outcome)
     * @param observations        n
     * @param events              subjects with the outcome
     * @param iterations          IRLS iterations (as R's {@code fit$iter})
     * @param standardDeviations  sample standard deviation of every covariate, for {@link #perStandardDeviation}
     */
    public record Fit(List<Coefficient> coefficients, double deviance, double nullDeviance, double aic,
                      int observations, int events, int iterations, Map<String, Double> standardDeviations) {

        public Fit {
            coefficients = List.copyOf(coefficients);
            standardDeviations = Map.copyOf(standardDeviations);
        }

        /** The coefficient with the given name. */
        public Coefficient coefficient(String name) {
            return coefficients.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no coefficient named '" + name + "'"));
        }

        /** Odds ratio per unit increase of the covariate. */
        public RatioPerIncrement perUnit(String name) {
            return coefficient(name).perUnit();
        }

        /** Odds ratio per one sample standard deviation of the covariate (in the fitted data). */
        public RatioPerIncrement perStandardDeviation(String name) {
            Double sd = standardDeviations.get(name);
            if (sd == null) {
                throw new IllegalArgumentException("no covariate named '" + name + "'");
            }
            return coefficient(name).per(sd);
        }
    }

    /** Fit with 95% Wald intervals. */
    public static Fit fit(DesignMatrix design, boolean[] outcome) {
        return fit(design, outcome, ConfidenceLevels.DEFAULT);
    }

    /**
     * Fit the model, one row per subject.
     *
     * @throws IllegalArgumentException when the outcome length differs from the design, the
     *         outcome has no events (or only events), a covariate is constant or collinear with
     *         others, the fit does not converge, or fitted probabilities reach 0 or 1 (complete or
     *         quasi-complete separation: the estimates would be meaningless)
     */
    public static Fit fit(DesignMatrix design, boolean[] outcome, double confidenceLevel) {
        long[] ones = new long[design.rows()];
        java.util.Arrays.fill(ones, 1);
        return fit(design, outcome, ones, confidenceLevel);
    }

    /**
     * Fit the model to rows with frequency weights: row i stands for {@code frequencies[i]} subjects with
     * identical outcome and covariates.
     *
     * <p>The likelihood of identical subjects is the product of identical factors, so a fit on the collapsed
     * rows has the same estimates, Wald standard errors, deviance and iterations as the fit on the expanded
     * rows (one row per subject): every IRLS step solves the same weighted least squares (X'WX is the same
     * sum), starting, as R does for one row per subject, at &mu; = (y + 0.5)/2. Observations and events are
     * the sums of the frequencies; the standard deviations are those of the expanded columns. (R's
     * {@code glm(weights = )} starts at (w y + 0.5)/(w + 1) instead, so it agrees to its convergence
     * tolerance, not digit for digit.) A model on a few thousand distinct patterns instead of hundreds of
     * thousands of subjects is what makes the registry-wide association models fast.
     *
     * @param frequencies subjects per row, each 1 or more
     * @throws IllegalArgumentException as {@link #fit(DesignMatrix, boolean[], double)}, and when a frequency
     *         is below 1 or the lengths differ
     */
    public static Fit fit(DesignMatrix design, boolean[] outcome, long[] frequencies, double confidenceLevel) {
        ConfidenceLevels.check(confidenceLevel);
        int rows = design.rows();
        if (outcome.length != rows) {
            throw new IllegalArgumentException(outcome.length + " outcomes for " + rows + " rows of covariates");
        }
        if (frequencies.length != rows) {
            throw new IllegalArgumentException(frequencies.length + " frequencies for " + rows + " rows of covariates");
        }
        int p = design.columns() + 1;
        List<String> names = new ArrayList<>();
        names.add("(Intercept)");
        names.addAll(design.names());
        double[] y = new double[rows];
        double[] f = new double[rows];
        long n = 0;
        long events = 0;
        for (int i = 0; i < rows; i++) {
            if (frequencies[i] < 1) {
                throw new IllegalArgumentException("frequency weight of row " + (i + 1) + " is " + frequencies[i]
                        + "; every row must stand for 1 or more subjects");
            }
            y[i] = outcome[i] ? 1 : 0;
            f[i] = frequencies[i];
            n += frequencies[i];
            events += outcome[i] ? frequencies[i] : 0;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("logistic regression of " + n + " subjects exceeds the int range");
        }
        if (events == 0 || events == n) {
            throw new IllegalArgumentException("logistic regression needs both outcomes: "
                    + (events == 0 ? "no subject has" : "every subject has") + " the outcome (n = " + n + ")");
        }
        if (n <= p) {
            throw new IllegalArgumentException("logistic regression with " + p + " coefficients needs more than "
                    + p + " observations, got " + n);
        }
        double[][] x = new double[rows][p];
        for (int i = 0; i < rows; i++) {
            x[i][0] = 1;
            for (int j = 1; j < p; j++) {
                x[i][j] = design.value(i, j - 1);
            }
        }

        double[] eta = new double[rows];
        double[] mu = new double[rows];
        for (int i = 0; i < rows; i++) {
            double start = (y[i] + 0.5) / 2;
            eta[i] = Math.log(start / (1 - start));
            mu[i] = inverseLink(eta[i]);
        }
        double devOld = deviance(y, f, mu);
        double[] beta = null;
        QRDecomposition qr = null;
        boolean converged = false;
        int iteration;
        // fewer distinct rows than coefficients: zero rows (which change neither R nor the solution) keep the
        // QR square so that the rank check names the collinear covariate as it does on the expanded rows
        int qrRows = Math.max(rows, p);
        for (iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            double[][] xw = new double[qrRows][p];
            double[] zw = new double[qrRows];
            for (int i = 0; i < rows; i++) {
                double muEta = derivative(eta[i]);
                double variance = mu[i] * (1 - mu[i]);
                double z = eta[i] + (y[i] - mu[i]) / muEta;
                double w = Math.sqrt(f[i] * muEta * muEta / variance);
                for (int j = 0; j < p; j++) {
                    xw[i][j] = x[i][j] * w;
                }
                zw[i] = z * w;
            }
            RealMatrix weighted = new Array2DRowRealMatrix(xw, false);
            qr = new QRDecomposition(weighted);
            checkRank(qr, weighted, names);
            beta = qr.getSolver().solve(new ArrayRealVector(zw, false)).toArray();
            for (int i = 0; i < rows; i++) {
                double e = 0;
                for (int j = 0; j < p; j++) {
                    e += x[i][j] * beta[j];
                }
                eta[i] = e;
                mu[i] = inverseLink(e);
            }
            double dev = deviance(y, f, mu);
            if (!Double.isFinite(dev)) {
                throw new IllegalArgumentException("logistic regression failed: deviance is not finite");
            }
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < EPSILON) {
                converged = true;
                devOld = dev;
                break;
            }
            devOld = dev;
        }
        if (!converged) {
            throw new IllegalArgumentException("logistic regression did not converge in " + MAX_ITERATIONS
                    + " iterations (the outcome may be separated by a covariate)");
        }
        double eps = 10 * MACHINE_EPSILON;
        for (double m : mu) {
            if (m > 1 - eps || m < eps) {
                throw new IllegalArgumentException("fitted probabilities numerically 0 or 1: the outcome is "
                        + "completely or quasi-completely separated by the covariates, odds ratios are not estimable");
            }
        }
        double[][] covariance = inverseOfRtR(qr.getR(), p);
        double z = StandardNormal.criticalValue(confidenceLevel);
        List<Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double se = Math.sqrt(covariance[j][j]);
            double zStat = beta[j] / se;
            coefficients.add(new Coefficient(names.get(j), beta[j], se, zStat, StandardNormal.twoSidedP(zStat),
                    beta[j] - z * se, beta[j] + z * se, confidenceLevel));
        }
        double mean = (double) events / n;
        double[] meanMu = new double[rows];
        java.util.Arrays.fill(meanMu, mean);
        double nullDeviance = deviance(y, f, meanMu);
        Map<String, Double> sds = new HashMap<>();
        for (int j = 1; j < p; j++) {
            sds.put(names.get(j), standardDeviation(x, j, f, n));
        }
        return new Fit(coefficients, devOld, nullDeviance, devOld + 2 * p, (int) n, (int) events, iteration, sds);
    }

    /** Sample standard deviation (n - 1 denominator, as R {@code sd()}) of column j of the expanded rows. */
    private static double standardDeviation(double[][] x, int j, double[] f, long n) {
        if (n < 2) {
            throw new IllegalArgumentException("standard deviation needs at least 2 rows");
        }
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            mean += f[i] * x[i][j];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i][j] - mean;
            ss += f[i] * d * d;
        }
        return Math.sqrt(ss / (n - 1));
    }

    /** R's logit inverse link with its clamping outside [-30, 30]. */
    private static double inverseLink(double eta) {
        double tmp = eta < -THRESHOLD ? MACHINE_EPSILON : (eta > THRESHOLD ? 1 / MACHINE_EPSILON : Math.exp(eta));
        return tmp / (1 + tmp);
    }

    /** d mu / d eta, as R's logit {@code mu.eta}. */
    private static double derivative(double eta) {
        double opexp = 1 + Math.exp(eta);
        return (eta > THRESHOLD || eta < -THRESHOLD) ? MACHINE_EPSILON : Math.exp(eta) / (opexp * opexp);
    }

    private static double deviance(double[] y, double[] f, double[] mu) {
        double dev = 0;
        for (int i = 0; i < y.length; i++) {
            dev += 2 * f[i] * (y[i] != 0 ? -Math.log(mu[i]) : -Math.log(1 - mu[i]));
        }
        return dev;
    }

    private static void checkRank(QRDecomposition qr, RealMatrix weighted, List<String> names) {
        RealMatrix r = qr.getR();
        for (int j = 0; j < names.size(); j++) {
            double norm = weighted.getColumnVector(j).getNorm();
            if (norm == 0 || Math.abs(r.getEntry(j, j)) <= COLLINEARITY_TOLERANCE * norm) {
                throw new IllegalArgumentException("covariate '" + names.get(j) + "' is "
                        + (norm == 0 ? "zero everywhere" : "constant or a linear combination of the covariates before it")
                        + ": its coefficient is not estimable");
            }
        }
    }

    /** (R'R)^-1 from the upper triangle of R (p x p). */
    static double[][] inverseOfRtR(RealMatrix r, int p) {
        double[][] inv = new double[p][p];
        for (int col = 0; col < p; col++) {
            inv[col][col] = 1 / r.getEntry(col, col);
            for (int row = col - 1; row >= 0; row--) {
                double s = 0;
                for (int k = row + 1; k <= col; k++) {
                    s += r.getEntry(row, k) * inv[k][col];
                }
                inv[row][col] = -s / r.getEntry(row, row);
            }
        }
        double[][] cov = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = Math.max(i, j); k < p; k++) {
                    s += inv[i][k] * inv[j][k];
                }
                cov[i][j] = s;
            }
        }
        return cov;
    }
}
