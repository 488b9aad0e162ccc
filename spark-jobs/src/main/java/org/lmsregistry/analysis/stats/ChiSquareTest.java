package org.lmsregistry.analysis.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * A chi-square statistic with its degrees of freedom and upper-tail p-value.
 *
 * <p>The p-value is the regularized upper incomplete gamma function Q(df/2, x/2) computed directly,
 * as R {@code pchisq(x, df, lower.tail = FALSE)}, so that very small p-values keep their relative
 * precision.
 *
 * @param statistic         the chi-square statistic (&ge; 0)
 * @param degreesOfFreedom  degrees of freedom (&ge; 1)
 * @param pValue            P(X &ge; statistic) under the chi-square distribution
 */
public record ChiSquareTest(double statistic, int degreesOfFreedom, double pValue) {

    public ChiSquareTest {
        if (!(statistic >= 0.0) || Double.isInfinite(statistic)) {
            throw new IllegalArgumentException("chi-square statistic must be finite and >= 0, got " + statistic);
        }
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + degreesOfFreedom);
        }
    }

    /** The test for a statistic and its degrees of freedom, with the upper-tail p-value. */
    public static ChiSquareTest of(double statistic, int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + degreesOfFreedom);
        }
        if (!(statistic >= 0.0) || Double.isInfinite(statistic)) {
            throw new IllegalArgumentException("chi-square statistic must be finite and >= 0, got " + statistic);
        }
        return new ChiSquareTest(statistic, degreesOfFreedom, upperTail(statistic, degreesOfFreedom));
    }

    /** P(X &ge; x) for a chi-square distribution with df degrees of freedom. */
    public static double upperTail(double x, int degreesOfFreedom) {
        if (x <= 0.0) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(degreesOfFreedom / 2.0, x / 2.0);
    }
}
