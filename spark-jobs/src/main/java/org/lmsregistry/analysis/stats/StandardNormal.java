package org.lmsregistry.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Quantiles and tail probabilities of the standard normal distribution (Apache Commons Math).
 *
 * <p>Tail probabilities use the complementary error function directly, so two-sided p-values of
 * Wald tests keep their relative precision far into the tail (as R's
 * {@code 2 * pnorm(-abs(z))}).
 */
public final class StandardNormal {

    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0.0, 1.0);

    private StandardNormal() {
    }

    /** The p-quantile, as R {@code qnorm(p)}. */
    public static double quantile(double p) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
        }
        return STANDARD.inverseCumulativeProbability(p);
    }

    /**
     * The two-sided critical value for a confidence level, {@code qnorm((1 + level) / 2)}
     * (1.959964 for 95%).
     */
    public static double criticalValue(double confidenceLevel) {
        ConfidenceLevels.check(confidenceLevel);
        return quantile((1.0 + confidenceLevel) / 2.0);
    }

    /** Lower tail probability P(Z &le; z), as R {@code pnorm(z)}. */
    public static double lowerTail(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("z is NaN");
        }
        return STANDARD.cumulativeProbability(z);
    }

    /** Two-sided p-value of a z statistic, {@code 2 * pnorm(-|z|)}. */
    public static double twoSidedP(double z) {
        return 2.0 * lowerTail(-Math.abs(z));
    }
}
