package org.lmsregistry.analysis.stats;

import java.util.List;

/**
 * Mantel-Haenszel pooled odds ratio across strata (sites) with the Robins-Breslow-Greenland
 * confidence interval, and the Cochran-Mantel-Haenszel chi-square test of conditional
 * independence with and without continuity correction, as R {@code mantelhaen.test(x)} for a
 * 2 x 2 x K array.
 *
 * <ul>
 *   <li>OR_MH = &Sigma; a<sub>k</sub> d<sub>k</sub>/n<sub>k</sub> / &Sigma; b<sub>k</sub>
 *       c<sub>k</sub>/n<sub>k</sub> (Mantel &amp; Haenszel 1959, <i>J Natl Cancer Inst</i> 22:719);</li>
 *   <li>variance of log OR_MH by Robins, Breslow &amp; Greenland (1986, <i>Biometrics</i>
 *       42:311), interval exp(log OR_MH &plusmn; z SE);</li>
 *   <li>X&sup2;_MH = (|&Sigma; (a<sub>k</sub> - E a<sub>k</sub>)| - Y)&sup2; / &Sigma; Var a<sub>k</sub>
 *       with the hypergeometric variance, 1 df; the continuity correction Y is 0.5 when
 *       |&Sigma; (a - E a)| &ge; 0.5, else 0, as in R (Agresti 2013, <i>Categorical Data
 *       Analysis</i>, 3rd ed., section 6.4.2).</li>
 * </ul>
 *
 * <p>R stops when a stratum has fewer than 2 subjects. Such a stratum contributes nothing to any
 * of the sums (its hypergeometric variance is 0), so here it is left out and counted in
 * {@code strataIgnored}; the reference values are computed by R on the remaining strata.
 */
public final class MantelHaenszelTest {

    private MantelHaenszelTest() {
    }

    /**
     * @param oddsRatio                 Mantel-Haenszel pooled odds ratio (0 or +Infinity when one
     *                                  of its sums is zero)
     * @param lower                     lower RGB confidence limit (0 when undefined)
     * @param upper                     upper RGB confidence limit (+Infinity when undefined)
     * @param logStandardError          RGB standard error of log OR_MH (+Infinity when undefined)
     * @param confidenceLevel           e.g. 0.95
     * @param confidenceIntervalDefined false when the odds ratio is 0 or infinite, so the RGB
     *                                  interval does not exist and [0, infinity) is reported
     * @param chiSquare                 CMH statistic without continuity correction
     * @param pValue                    its p-value (1 df)
     * @param correctedChiSquare        CMH statistic with continuity correction (R's default)
     * @param correctedPValue           its p-value (1 df)
     * @param strataUsed                strata with at least 2 subjects
     * @param strataIgnored             strata with fewer than 2 subjects (no information)
     */
    public record Result(double oddsRatio, double lower, double upper, double logStandardError,
                         double confidenceLevel, boolean confidenceIntervalDefined,
                         double chiSquare, double pValue, double correctedChiSquare, double correctedPValue,
                         int strataUsed, int strataIgnored) {
    }

    /** Pooled odds ratio with 95% RGB interval and the CMH tests. */
    public static Result of(List<TwoByTwoTable> strata) {
        return of(strata, ConfidenceLevels.DEFAULT);
    }

    /**
     * Pooled odds ratio with the RGB interval at the given level and the CMH tests.
     *
     * @throws IllegalArgumentException when no stratum has 2 or more subjects, or when every
     *                                  stratum has a zero row or column total (the test is undefined)
     */
    public static Result of(List<TwoByTwoTable> strata, double confidenceLevel) {
        ConfidenceLevels.check(confidenceLevel);
        if (strata.isEmpty()) {
            throw new IllegalArgumentException("Mantel-Haenszel test needs at least one stratum");
        }
        int used = 0;
        double delta = 0;
        double variance = 0;
        double sDiag = 0;
        double sOffd = 0;
        double pp = 0;
        double pqqp = 0;
        double qq = 0;
        for (TwoByTwoTable t : strata) {
            double n = t.total();
            if (n < 2) {
                continue;
            }
            used++;
            double a = t.a();
            double b = t.b();
            double c = t.c();
            double d = t.d();
            double row1 = a + b;
            double row2 = c + d;
            double col1 = a + c;
            double col2 = b + d;
            delta += a - row1 * col1 / n;
            variance += row1 * row2 * col1 * col2 / (n * n * (n - 1));
            sDiag += a * d / n;
            sOffd += b * c / n;
            double n2 = n * n;
            pp += (a + d) * a * d / n2;
            pqqp += ((a + d) * b * c + (b + c) * a * d) / n2;
            qq += (b + c) * b * c / n2;
        }
        if (used == 0) {
            throw new IllegalArgumentException("Mantel-Haenszel test needs a stratum with at least 2 subjects");
        }
        if (variance == 0) {
            throw new IllegalArgumentException("Mantel-Haenszel test is undefined: every stratum has a zero "
                    + "row or column total (no stratum has both feature groups and both outcomes)");
        }
        double absDelta = Math.abs(delta);
        double uncorrected = absDelta * absDelta / variance;
        double yates = absDelta >= 0.5 ? 0.5 : 0.0;
        double corrected = (absDelta - yates) * (absDelta - yates) / variance;
        ChiSquareTest plain = ChiSquareTest.of(uncorrected, 1);
        ChiSquareTest withCorrection = ChiSquareTest.of(corrected, 1);

        double oddsRatio = sDiag / sOffd;
        boolean defined = sDiag > 0 && sOffd > 0;
        double se;
        double lower;
        double upper;
        if (defined) {
            se = Math.sqrt(pp / (2 * sDiag * sDiag) + pqqp / (2 * sDiag * sOffd) + qq / (2 * sOffd * sOffd));
            double z = StandardNormal.criticalValue(confidenceLevel);
            lower = oddsRatio * Math.exp(-z * se);
            upper = oddsRatio * Math.exp(z * se);
        } else {
            se = Double.POSITIVE_INFINITY;
            lower = 0;
            upper = Double.POSITIVE_INFINITY;
        }
        return new Result(oddsRatio, lower, upper, se, confidenceLevel, defined,
                plain.statistic(), plain.pValue(), withCorrection.statistic(), withCorrection.pValue(),
                used, strata.size() - used);
    }
}
