package org.lmsregistry.analysis.stats;

/**
 * A proportion (e.g. a detection yield: confirmed detections / surveillance studies) with the
 * Wilson score confidence interval, as R {@code prop.test(x, n, correct = FALSE)$conf.int}.
 *
 * <p>With p&#x302; = x/n and z the critical value, the limits are
 * (p&#x302; + z&sup2;/2n &plusmn; z sqrt(p&#x302;(1-p&#x302;)/n + z&sup2;/4n&sup2;)) / (1 + z&sup2;/n)
 * (Wilson 1927, <i>J Am Stat Assoc</i> 22:209; Agresti &amp; Coull 1998, <i>Am Stat</i> 52:119);
 * as in R the lower limit is exactly 0 when x = 0 and the upper exactly 1 when x = n.
 *
 * @param successes       x (e.g. confirmed detections)
 * @param trials          n (e.g. surveillance studies), &gt; 0
 * @param estimate        x / n
 * @param lower           lower Wilson limit
 * @param upper           upper Wilson limit
 * @param confidenceLevel e.g. 0.95
 */
public record Proportion(long successes, long trials, double estimate, double lower, double upper,
                         double confidenceLevel) {

    /** The proportion x/n with its 95% Wilson interval. */
    public static Proportion wilson(long successes, long trials) {
        return wilson(successes, trials, ConfidenceLevels.DEFAULT);
    }

    /**
     * The proportion x/n with its Wilson interval at the given level.
     *
     * @throws IllegalArgumentException when n &le; 0 or x is not in [0, n]
     */
    public static Proportion wilson(long successes, long trials, double confidenceLevel) {
        ConfidenceLevels.check(confidenceLevel);
        check(successes, trials);
        double n = trials;
        double p = successes / n;
        double z = StandardNormal.criticalValue(confidenceLevel);
        double z22n = z * z / (2 * n);
        double root = z * Math.sqrt(p * (1 - p) / n + z22n / (2 * n));
        double upper = p >= 1 ? 1 : (p + z22n + root) / (1 + 2 * z22n);
        double lower = p <= 0 ? 0 : (p + z22n - root) / (1 + 2 * z22n);
        return new Proportion(successes, trials, p, Math.max(lower, 0), Math.min(upper, 1), confidenceLevel);
    }

    static void check(long successes, long trials) {
        if (trials <= 0) {
            throw new IllegalArgumentException("a proportion needs at least one trial, got n = " + trials);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be in [0, n], got x = " + successes
                    + ", n = " + trials);
        }
    }
}
