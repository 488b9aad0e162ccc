package org.lmsregistry.analysis.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;

/**
 * Cox proportional-hazards regression with Efron's handling of tied event times, as R
 * {@code coxph(Surv(time, status) ~ ..., ties = "efron")} (its default).
 *
 * <p>The Efron log partial likelihood (Cox 1972, <i>J R Stat Soc B</i> 34:187; Efron 1977,
 * <i>J Am Stat Assoc</i> 72:557): at a time with d tied events D among the risk set R,
 * &Sigma;<sub>D</sub> x'&beta; - &Sigma;<sub>l=0..d-1</sub> log(&Sigma;<sub>R</sub> r -
 * (l/d) &Sigma;<sub>D</sub> r), r = exp(x'&beta;) (Therneau &amp; Grambsch 2000, <i>Modeling
 * Survival Data</i>, section 3.3). It is maximised by Newton-Raphson from &beta; = 0 with step
 * halving, stopping as {@code coxph} does (|1 - l<sub>old</sub>/l| &le; 1e-9, at most 20
 * iterations), so that estimates and standard errors agree with R.
 *
 * <p>Reported: coefficients (log hazard ratios), standard errors from the inverse information,
 * Wald z and p, hazard ratios with Wald limits exp(&beta; &plusmn; z SE); the log partial
 * likelihoods at 0 and at the estimate; and the global Wald, likelihood-ratio and score
 * (log-rank for one binary covariate) tests on p degrees of freedom.
 */
public final class CoxRegression {

    /** R's {@code coxph.control()} defaults. */
    private static final double EPSILON = 1e-9;
    private static final int MAX_ITERATIONS = 20;
    private static final double INFINITE_TOLERANCE = Math.sqrt(EPSILON);

    private CoxRegression() {
    }

    /**
     * One coefficient.
     *
     * @param name            covariate name
     * @param estimate        &beta; (log hazard ratio)
     * @param standardError   standard error from the inverse information
     * @param z               &beta; / SE
     * @param pValue          two-sided Wald p-value
     * @param hazardRatio     exp(&beta;)
     * @param lower           lower Wald limit of the hazard ratio
     * @param upper           upper Wald limit of the hazard ratio
     * @param confidenceLevel e.g. 0.95
     */
    public record Coefficient(String name, double estimate, double standardError, double z, double pValue,
                              double hazardRatio, double lower, double upper, double confidenceLevel) {

        /** Hazard ratio per unit increase with its Wald interval. */
        public RatioPerIncrement perUnit() {
            return per(1.0);
        }

        /** Hazard ratio per given increase of the covariate. */
        public RatioPerIncrement per(double increment) {
            return RatioPerIncrement.of(increment, estimate, standardError, confidenceLevel);
        }
    }

    /**
     * A fitted model.
     *
     * @param coefficients           in the design's column order
     * @param nullLogLikelihood      log partial likelihood at &beta; = 0
     * @param logLikelihood          log partial likelihood at the estimate
     * @param waldTest               &beta;' I(&beta;) &beta;, p degrees of freedom
     * @param likelihoodRatioTest    2 (l(&beta;) - l(0))
     * @param scoreTest              U(0)' I(0)<sup>-1</sup> U(0)
     * @param subjects               n
     * @param events                 number of events
     * @param iterations             Newton-Raphson iterations (as R's {@code fit$iter})
     * @param standardDeviations     sample standard deviation of every covariate
     */
    public record Fit(List<Coefficient> coefficients, double nullLogLikelihood, double logLikelihood,
                      ChiSquareTest waldTest, ChiSquareTest likelihoodRatioTest, ChiSquareTest scoreTest,
                      int subjects, int events, int iterations, Map<String, Double> standardDeviations) {

        public Fit {
            coefficients = List.copyOf(coefficients);
            standardDeviations = Map.copyOf(standardDeviations);
        }

        public Coefficient coefficient(String name) {
            return coefficients.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no coefficient named '" + name + "'"));
        }

        /** Hazard ratio per one sample standard deviation of the covariate (in the fitted data). */
        public RatioPerIncrement perStandardDeviation(String name) {
            Double sd = standardDeviations.get(name);
            if (sd == null) {
                throw new IllegalArgumentException("no covariate named '" + name + "'");
            }
            return coefficient(name).per(sd);
        }
    }

    /** Fit with 95% Wald intervals. */
    public static Fit fit(DesignMatrix design, double[] time, boolean[] event) {
        return fit(design, time, event, ConfidenceLevels.DEFAULT);
    }

    /**
     * Fit the model.
     *
     * @throws IllegalArgumentException with mismatched lengths, invalid times, no events, a
     *         constant or collinear covariate, no convergence, or a coefficient that diverges
     *         (monotone likelihood, e.g. no events in one category: the hazard ratio would be 0 or
     *         infinite)
     */
    public static Fit fit(DesignMatrix design, double[] time, boolean[] event, double confidenceLevel) {
        ConfidenceLevels.check(confidenceLevel);
        SurvivalData.check(time, event);
        int n = time.length;
        if (design.rows() != n) {
            throw new IllegalArgumentException(design.rows() + " rows of covariates for " + n + " subjects");
        }
        int events = 0;
        for (boolean e : event) {
            events += e ? 1 : 0;
        }
        if (events == 0) {
            throw new IllegalArgumentException("Cox regression needs at least one event; all " + n
                    + " subjects are censored");
        }
        int p = design.columns();
        double[][] x = new double[n][p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += design.value(i, j);
            }
            mean /= n;
            double sumAbs = 0;
            boolean allEqual = true;
            boolean zeroOne = true;
            for (int i = 0; i < n; i++) {
                double v = design.value(i, j);
                x[i][j] = v - mean;
                sumAbs += Math.abs(x[i][j]);
                allEqual &= v == design.value(0, j);
                zeroOne &= v == -1 || v == 0 || v == 1;
            }
            if (allEqual) {
                throw new IllegalArgumentException("covariate '" + design.names().get(j)
                        + "' is constant: its coefficient is not estimable");
            }
            // coxph scales covariates other than -1/0/1 codes by 1 / mean |x - mean|
            scale[j] = zeroOne ? 1.0 : n / sumAbs;
        }
        int[] order = SurvivalData.byTime(time);
        PartialLikelihood model = new PartialLikelihood(x, time, event, order);

        double[] beta = new double[p];
        PartialLikelihood.Value at0 = model.at(beta);
        double[][] info0 = at0.information();
        double[] step0 = new Information(info0, design.names()).solve(at0.score());
        double score = 0;
        for (int j = 0; j < p; j++) {
            score += at0.score()[j] * step0[j];
        }
        // as coxph's C code: |beta| is bounded by 20 sqrt(I_jj(0) / events) in its scaled coordinates
        // (covariate times scale_j), i.e. 20 scale_j^2 sqrt(I_jj(0) / events) here; applied from step 2 on
        double[] maxBeta = new double[p];
        for (int j = 0; j < p; j++) {
            maxBeta[j] = 20 * scale[j] * scale[j] * Math.sqrt(info0[j][j] / events);
        }
        double[] newBeta = new double[p];
        for (int j = 0; j < p; j++) {
            newBeta[j] = beta[j] + step0[j];
        }
        double logLikOld = at0.logLikelihood();
        boolean halving = false;
        boolean converged = false;
        PartialLikelihood.Value current = null;
        int iteration;
        for (iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            current = model.at(newBeta);
            if (Math.abs(1 - logLikOld / current.logLikelihood()) <= EPSILON && !halving) {
                converged = true;
                break;
            }
            if (iteration == MAX_ITERATIONS) {
                break;
            }
            if (current.logLikelihood() < logLikOld) {
                halving = true;
                for (int j = 0; j < p; j++) {
                    newBeta[j] = (newBeta[j] + beta[j]) / 2;
                }
            } else {
                halving = false;
                logLikOld = current.logLikelihood();
                double[] step = new Information(current.information(), design.names()).solve(current.score());
                for (int j = 0; j < p; j++) {
                    beta[j] = newBeta[j];
                    newBeta[j] = newBeta[j] + step[j];
                    newBeta[j] = Math.max(-maxBeta[j], Math.min(maxBeta[j], newBeta[j]));
                }
            }
        }
        if (!converged) {
            throw new IllegalArgumentException("Cox regression did not converge in " + MAX_ITERATIONS
                    + " iterations");
        }
        double[][] covariance = new Information(current.information(), design.names()).inverse();
        List<String> names = design.names();
        for (int j = 0; j < p; j++) {
            double infs = 0;
            for (int k = 0; k < p; k++) {
                infs += current.score()[k] * covariance[k][j];
            }
            infs = Math.abs(infs);
            if (infs > EPSILON && infs > INFINITE_TOLERANCE * Math.abs(newBeta[j])) {
                throw new IllegalArgumentException("the coefficient of '" + names.get(j) + "' diverges (monotone "
                        + "likelihood, e.g. no events in one category): its hazard ratio is 0 or infinite");
            }
        }
        double z = StandardNormal.criticalValue(confidenceLevel);
        List<Coefficient> coefficients = new ArrayList<>();
        double wald = 0;
        for (int j = 0; j < p; j++) {
            double se = Math.sqrt(covariance[j][j]);
            double zStat = newBeta[j] / se;
            coefficients.add(new Coefficient(names.get(j), newBeta[j], se, zStat, StandardNormal.twoSidedP(zStat),
                    Math.exp(newBeta[j]), Math.exp(newBeta[j] - z * se), Math.exp(newBeta[j] + z * se),
                    confidenceLevel));
            for (int k = 0; k < p; k++) {
                wald += newBeta[j] * current.information()[j][k] * newBeta[k];
            }
        }
        double lr = 2 * (current.logLikelihood() - at0.logLikelihood());
        Map<String, Double> sds = new HashMap<>();
        for (String name : names) {
            sds.put(name, design.standardDeviation(name));
        }
        return new Fit(coefficients, at0.logLikelihood(), current.logLikelihood(),
                ChiSquareTest.of(Math.max(0, wald), p), ChiSquareTest.of(Math.max(0, lr), p),
                ChiSquareTest.of(Math.max(0, score), p), n, events, iteration, sds);
    }

    /**
     * The information matrix, Cholesky-decomposed after scaling to unit diagonal so that the
     * collinearity check is relative (as coxph's {@code toler.chol}).
     */
    private static final class Information {
        private final double[] rootDiagonal;
        private final CholeskyDecomposition cholesky;

        Information(double[][] information, List<String> names) {
            int p = information.length;
            rootDiagonal = new double[p];
            for (int j = 0; j < p; j++) {
                if (!(information[j][j] > 0)) {
                    throw new IllegalArgumentException("covariate '" + names.get(j) + "' does not vary within the "
                            + "risk sets: its coefficient is not estimable");
                }
                rootDiagonal[j] = Math.sqrt(information[j][j]);
            }
            double[][] scaled = new double[p][p];
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    scaled[j][k] = information[j][k] / (rootDiagonal[j] * rootDiagonal[k]);
                }
            }
            try {
                cholesky = new CholeskyDecomposition(new Array2DRowRealMatrix(scaled, false), 1e-8, 1e-10);
            } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
                throw new IllegalArgumentException("covariates " + names + " are collinear: coefficients are not "
                        + "estimable", e);
            }
        }

        /** I^-1 b. */
        double[] solve(double[] b) {
            int p = b.length;
            double[] scaled = new double[p];
            for (int j = 0; j < p; j++) {
                scaled[j] = b[j] / rootDiagonal[j];
            }
            double[] x = cholesky.getSolver().solve(new ArrayRealVector(scaled, false)).toArray();
            for (int j = 0; j < p; j++) {
                x[j] /= rootDiagonal[j];
            }
            return x;
        }

        /** I^-1. */
        double[][] inverse() {
            double[][] inv = cholesky.getSolver().getInverse().getData();
            for (int j = 0; j < inv.length; j++) {
                for (int k = 0; k < inv.length; k++) {
                    inv[j][k] /= rootDiagonal[j] * rootDiagonal[k];
                }
            }
            return inv;
        }
    }

    /** The Efron log partial likelihood, its score and information, on centred covariates. */
    private static final class PartialLikelihood {
        private final double[][] x;
        private final double[] time;
        private final boolean[] event;

        /**
         * Keeps the subjects in order of time (the rows of x, the times and the events), so that each evaluation
         * walks the arrays in memory order instead of jumping through the order index; the sums are the same, in
         * the same order.
         */
        PartialLikelihood(double[][] x, double[] time, boolean[] event, int[] order) {
            int n = order.length;
            this.x = new double[n][];
            this.time = new double[n];
            this.event = new boolean[n];
            for (int i = 0; i < n; i++) {
                this.x[i] = x[order[i]];
                this.time[i] = time[order[i]];
                this.event[i] = event[order[i]];
            }
        }

        record Value(double logLikelihood, double[] score, double[][] information) {
        }

        Value at(double[] beta) {
            int n = x.length;
            int p = beta.length;
            double logLik = 0;
            double[] u = new double[p];
            double[][] info = new double[p][p];
            double s0 = 0;
            double[] s1 = new double[p];
            double[][] s2 = new double[p][p];
            int i = n - 1;
            while (i >= 0) {
                double t = time[i];
                double d0 = 0;
                double[] d1 = new double[p];
                double[][] d2 = new double[p][p];
                int deaths = 0;
                // every subject with this time joins the risk set (times sorted increasingly, walk backwards)
                while (i >= 0 && time[i] == t) {
                    int s = i;
                    double eta = 0;
                    for (int j = 0; j < p; j++) {
                        eta += x[s][j] * beta[j];
                    }
                    double r = Math.exp(eta);
                    s0 += r;
                    for (int j = 0; j < p; j++) {
                        s1[j] += r * x[s][j];
                        for (int k = 0; k <= j; k++) {
                            s2[j][k] += r * x[s][j] * x[s][k];
                        }
                    }
                    if (event[s]) {
                        deaths++;
                        logLik += eta;
                        d0 += r;
                        for (int j = 0; j < p; j++) {
                            u[j] += x[s][j];
                            d1[j] += r * x[s][j];
                            for (int k = 0; k <= j; k++) {
                                d2[j][k] += r * x[s][j] * x[s][k];
                            }
                        }
                    }
                    i--;
                }
                for (int l = 0; l < deaths; l++) {
                    double f = (double) l / deaths;
                    double denom = s0 - f * d0;
                    logLik -= Math.log(denom);
                    double[] mean = new double[p];
                    for (int j = 0; j < p; j++) {
                        mean[j] = (s1[j] - f * d1[j]) / denom;
                        u[j] -= mean[j];
                    }
                    for (int j = 0; j < p; j++) {
                        for (int k = 0; k <= j; k++) {
                            info[j][k] += (s2[j][k] - f * d2[j][k]) / denom - mean[j] * mean[k];
                        }
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < j; k++) {
                    info[k][j] = info[j][k];
                }
            }
            return new Value(logLik, u, info);
        }
    }
}
