package org.lmsregistry.analysis.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * DerSimonian-Laird random-effects meta-analysis of log odds ratios across sites, as metafor
 * {@code rma(ai, bi, ci, di, measure = "OR", method = "DL")}.
 *
 * <p>Per site: y<sub>i</sub> = log OR<sub>i</sub> and v<sub>i</sub> = 1/a + 1/b + 1/c + 1/d
 * (Woolf 1955), with 0.5 added to every cell of a site's table that has a zero cell (metafor's
 * default {@code add = 1/2, to = "only0"}). With w<sub>i</sub> = 1/v<sub>i</sub>:
 * Q = &Sigma; w (y - y<sub>F</sub>)&sup2; with the fixed-effect mean y<sub>F</sub> = &Sigma; w y / &Sigma; w
 * (Cochran 1954, <i>Biometrics</i> 10:101), &tau;&sup2; = max(0, (Q - (K-1)) /
 * (&Sigma;w - &Sigma;w&sup2;/&Sigma;w)) (DerSimonian &amp; Laird 1986, <i>Control Clin Trials</i>
 * 7:177), pooled &mu; = &Sigma; w*y / &Sigma; w* with w* = 1/(v + &tau;&sup2;),
 * SE = 1/sqrt(&Sigma; w*), Wald interval and z test; I&sup2; = 100 &tau;&sup2; / (&tau;&sup2; +
 * (K-1)/(&Sigma;w - &Sigma;w&sup2;/&Sigma;w)), which for DL equals 100 max(0, (Q-(K-1))/Q)
 * (Higgins &amp; Thompson 2002, <i>Stat Med</i> 21:1539); H&sup2; = (&tau;&sup2; + s&sup2;)/s&sup2;.
 *
 * <p>A site whose table has a zero row or column total (no patients with, or without, the feature;
 * no events, or only events) carries no information on the odds ratio and is left out (counted in
 * {@code sitesExcluded}); the reference values are computed by metafor on the remaining sites.
 */
public final class DerSimonianLairdMetaAnalysis {

    private DerSimonianLairdMetaAnalysis() {
    }

    /**
     * @param pooledLogOddsRatio   random-effects pooled log odds ratio
     * @param standardError        its standard error
     * @param oddsRatio            exp(pooled log odds ratio)
     * @param lower                lower confidence limit of the odds ratio
     * @param upper                upper confidence limit of the odds ratio
     * @param z                    Wald z statistic of the pooled log odds ratio
     * @param pValue               two-sided p-value of z
     * @param tauSquared           between-site variance (DL moment estimator, truncated at 0)
     * @param q                    Cochran's Q heterogeneity statistic
     * @param qDegreesOfFreedom    sites used - 1
     * @param qPValue              chi-square p-value of Q
     * @param iSquaredPercent      I&sup2; in percent (0 to 100)
     * @param hSquared             H&sup2; (&ge; 1)
     * @param confidenceLevel      e.g. 0.95
     * @param sitesUsed            sites in the meta-analysis
     * @param sitesExcluded        sites left out because a row or column total is zero
     * @param sitesZeroCellCorrected sites whose cells were incremented by 0.5
     */
    public record Result(double pooledLogOddsRatio, double standardError, double oddsRatio, double lower,
                         double upper, double z, double pValue, double tauSquared, double q,
                         int qDegreesOfFreedom, double qPValue, double iSquaredPercent, double hSquared,
                         double confidenceLevel, int sitesUsed, int sitesExcluded, int sitesZeroCellCorrected) {
    }

    /** Random-effects pooled odds ratio with 95% interval from per-site 2x2 tables. */
    public static Result of(List<TwoByTwoTable> sites) {
        return of(sites, ConfidenceLevels.DEFAULT);
    }

    /**
     * Random-effects pooled odds ratio from per-site 2x2 tables.
     *
     * @throws IllegalArgumentException with fewer than 2 informative sites
     */
    public static Result of(List<TwoByTwoTable> sites, double confidenceLevel) {
        List<Double> y = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        int corrected = 0;
        for (TwoByTwoTable t : sites) {
            if (t.hasZeroMargin()) {
                continue;
            }
            WoolfOddsRatio.Result or = WoolfOddsRatio.of(t);
            y.add(or.logOddsRatio());
            v.add(or.standardError() * or.standardError());
            if (or.zeroCellCorrected()) {
                corrected++;
            }
        }
        if (y.size() < 2) {
            throw new IllegalArgumentException("random-effects meta-analysis needs at least 2 sites with all row "
                    + "and column totals positive, got " + y.size() + " of " + sites.size());
        }
        Result pooled = ofEstimates(y.stream().mapToDouble(Double::doubleValue).toArray(),
                v.stream().mapToDouble(Double::doubleValue).toArray(), confidenceLevel);
        return new Result(pooled.pooledLogOddsRatio(), pooled.standardError(), pooled.oddsRatio(), pooled.lower(),
                pooled.upper(), pooled.z(), pooled.pValue(), pooled.tauSquared(), pooled.q(),
                pooled.qDegreesOfFreedom(), pooled.qPValue(), pooled.iSquaredPercent(), pooled.hSquared(),
                confidenceLevel, y.size(), sites.size() - y.size(), corrected);
    }

    /**
     * Random-effects pooling of given log odds ratios and their sampling variances (as
     * {@code rma(yi, vi, method = "DL")}).
     *
     * @throws IllegalArgumentException with fewer than 2 estimates, mismatched lengths, or a
     *                                  non-finite estimate or non-positive variance
     */
    public static Result ofEstimates(double[] logOddsRatios, double[] variances, double confidenceLevel) {
        ConfidenceLevels.check(confidenceLevel);
        int k = logOddsRatios.length;
        if (variances.length != k) {
            throw new IllegalArgumentException(k + " estimates but " + variances.length + " variances");
        }
        if (k < 2) {
            throw new IllegalArgumentException("random-effects meta-analysis needs at least 2 sites, got " + k);
        }
        double sumW = 0;
        double sumW2 = 0;
        double sumWy = 0;
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(logOddsRatios[i])) {
                throw new IllegalArgumentException("estimate " + (i + 1) + " is not finite: " + logOddsRatios[i]);
            }
            if (!(variances[i] > 0) || Double.isInfinite(variances[i])) {
                throw new IllegalArgumentException("variance " + (i + 1) + " must be finite and > 0: " + variances[i]);
            }
            double w = 1 / variances[i];
            sumW += w;
            sumW2 += w * w;
            sumWy += w * logOddsRatios[i];
        }
        double fixed = sumWy / sumW;
        double q = 0;
        for (int i = 0; i < k; i++) {
            double dev = logOddsRatios[i] - fixed;
            q += dev * dev / variances[i];
        }
        int df = k - 1;
        double scaling = sumW - sumW2 / sumW;
        double tau2 = Math.max(0.0, (q - df) / scaling);
        double sumWStar = 0;
        double sumWStarY = 0;
        for (int i = 0; i < k; i++) {
            double w = 1 / (variances[i] + tau2);
            sumWStar += w;
            sumWStarY += w * logOddsRatios[i];
        }
        double mu = sumWStarY / sumWStar;
        double se = Math.sqrt(1 / sumWStar);
        double zCrit = StandardNormal.criticalValue(confidenceLevel);
        double z = mu / se;
        double typicalVariance = df / scaling;
        double i2 = 100 * tau2 / (typicalVariance + tau2);
        double h2 = (typicalVariance + tau2) / typicalVariance;
        double qP = ChiSquareTest.upperTail(q, df);
        return new Result(mu, se, Math.exp(mu), Math.exp(mu - zCrit * se), Math.exp(mu + zCrit * se), z,
                StandardNormal.twoSidedP(z), tau2, q, df, qP, i2, h2, confidenceLevel, k, 0, 0);
    }
}
