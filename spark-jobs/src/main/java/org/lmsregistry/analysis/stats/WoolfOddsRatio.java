package org.lmsregistry.analysis.stats;

/**
 * Sample odds ratio of a 2x2 table with the Woolf (logit) confidence interval.
 *
 * <p>OR = a d / (b c); the interval is exp(log OR &plusmn; z SE) with
 * SE = sqrt(1/a + 1/b + 1/c + 1/d) (Woolf 1955, <i>Ann Hum Genet</i> 19:251; Agresti 2013,
 * <i>Categorical Data Analysis</i>, 3rd ed., section 3.1.1). When any cell is zero, 0.5 is added to
 * every cell first (Haldane-Anscombe correction; Agresti 2013, section 3.1.1) and the result is
 * flagged {@code zeroCellCorrected}.
 *
 * <p>R has no base function for this estimate; the reference values are computed from the formula
 * in {@code src/test/resources/r/two_by_two.R}.
 */
public final class WoolfOddsRatio {

    private WoolfOddsRatio() {
    }

    /**
     * @param estimate          sample odds ratio (after the 0.5 correction when flagged)
     * @param lower             lower confidence limit
     * @param upper             upper confidence limit
     * @param logOddsRatio      natural log of the estimate
     * @param standardError     Woolf standard error of the log odds ratio
     * @param confidenceLevel   e.g. 0.95
     * @param zeroCellCorrected true when 0.5 was added to every cell because one was zero
     */
    public record Result(double estimate, double lower, double upper, double logOddsRatio,
                         double standardError, double confidenceLevel, boolean zeroCellCorrected) {
    }

    /** The odds ratio with its 95% Woolf interval. */
    public static Result of(TwoByTwoTable table) {
        return of(table, ConfidenceLevels.DEFAULT);
    }

    /**
     * The odds ratio with its Woolf interval at the given level.
     *
     * @throws IllegalArgumentException for an empty table
     */
    public static Result of(TwoByTwoTable table, double confidenceLevel) {
        ConfidenceLevels.check(confidenceLevel);
        if (table.total() == 0) {
            throw new IllegalArgumentException("odds ratio of an empty table (all four cells are zero)");
        }
        boolean corrected = table.hasZeroCell();
        double add = corrected ? 0.5 : 0.0;
        double a = table.a() + add;
        double b = table.b() + add;
        double c = table.c() + add;
        double d = table.d() + add;
        double logOr = Math.log((a * d) / (b * c));
        double se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
        double z = StandardNormal.criticalValue(confidenceLevel);
        return new Result(Math.exp(logOr), Math.exp(logOr - z * se), Math.exp(logOr + z * se), logOr, se,
                confidenceLevel, corrected);
    }
}
