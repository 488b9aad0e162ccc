package org.lmsregistry.analysis.stats;

/**
 * An odds ratio or hazard ratio for a given increase of a continuous covariate (per unit, per
 * standard deviation, per 10 mm, ...): exp(&beta; &Delta;) with the Wald limits
 * exp(&Delta; (&beta; &plusmn; z SE)), the same as refitting the model with the covariate divided
 * by &Delta;.
 *
 * @param increment       the increase &Delta; of the covariate (in its units)
 * @param ratio           exp(&beta; &Delta;)
 * @param lower           lower Wald limit
 * @param upper           upper Wald limit
 * @param confidenceLevel e.g. 0.95
 */
public record RatioPerIncrement(double increment, double ratio, double lower, double upper, double confidenceLevel) {

    static RatioPerIncrement of(double increment, double estimate, double standardError, double confidenceLevel) {
        if (!Double.isFinite(increment) || increment == 0) {
            throw new IllegalArgumentException("increment must be finite and non-zero, got " + increment);
        }
        double z = StandardNormal.criticalValue(confidenceLevel);
        double a = Math.exp(increment * (estimate - z * standardError));
        double b = Math.exp(increment * (estimate + z * standardError));
        return new RatioPerIncrement(increment, Math.exp(increment * estimate), Math.min(a, b), Math.max(a, b),
                confidenceLevel);
    }
}
