package org.lmsregistry.analysis.stats;

/**
 * Surveillance studies needed per confirmed detection: the reciprocal of the detection yield,
 * n / x, with the confidence interval obtained by inverting the Wilson limits of the yield
 * (1 / upper, 1 / lower), in the manner of the number needed to treat (Laupacis, Sackett &amp;
 * Roberts 1988, <i>N Engl J Med</i> 318:1728; Altman 1998, <i>BMJ</i> 317:1309) and of the
 * "number needed to screen".
 *
 * <p>With no detection the estimate and the upper limit are infinite ({@code bounded = false});
 * the lower limit stays finite (1 / upper Wilson limit).
 *
 * @param estimate        studies per detection, n / x (+Infinity when x = 0)
 * @param lower           1 / upper Wilson limit of the yield
 * @param upper           1 / lower Wilson limit of the yield (+Infinity when x = 0)
 * @param bounded         false when the estimate and upper limit are infinite (no detection)
 * @param yield           the underlying proportion with its Wilson interval
 */
public record StudiesPerDetection(double estimate, double lower, double upper, boolean bounded, Proportion yield) {

    /** Studies per detection with the 95% interval from x detections in n studies. */
    public static StudiesPerDetection of(long detections, long studies) {
        return of(Proportion.wilson(detections, studies));
    }

    /** Studies per detection from a yield with its Wilson interval. */
    public static StudiesPerDetection of(Proportion yield) {
        double estimate = yield.successes() == 0 ? Double.POSITIVE_INFINITY : 1 / yield.estimate();
        double upper = yield.lower() == 0 ? Double.POSITIVE_INFINITY : 1 / yield.lower();
        return new StudiesPerDetection(estimate, 1 / yield.upper(), upper, yield.successes() > 0, yield);
    }
}
