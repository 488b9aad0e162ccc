package org.lmsregistry.analysis.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test of a 2x2 table with the conditional maximum-likelihood odds ratio and its
 * exact confidence interval, as R {@code fisher.test(x)} (two-sided).
 *
 * <p>Conditional on all margins, the count {@code a} follows Fisher's noncentral hypergeometric
 * distribution with the odds ratio as noncentrality (Fisher 1935; Agresti 2013,
 * <i>Categorical Data Analysis</i>, 3rd ed., sections 3.5.1 and 16.6.4):
 * <ul>
 *   <li>two-sided p: the sum of the null probabilities of all tables no more likely than the
 *       observed one, with R's relative tolerance: P(y) &le; P(a) (1 + 1e-7);</li>
 *   <li>estimate: the conditional MLE, the odds ratio at which E[a] equals the observed a
 *       (0 when a is at its minimum, infinite at its maximum);</li>
 *   <li>interval: the odds ratios at which the one-sided tail probabilities equal
 *       (1 - level)/2 (Cornfield 1956 exact limits; 0 or infinity at the boundary).</li>
 * </ul>
 *
 * <p>R finds the estimate and limits by {@code uniroot} at its default tolerance (about 1e-4); to
 * agree with R to 1e-6 the same search is reproduced step by step ({@link UnirootSearch}).
 */
public final class FisherExactTest {

    private static final double RELATIVE_ERROR = 1 + 1e-7;
    private static final double MACHINE_EPSILON = Math.ulp(1.0);

    private FisherExactTest() {
    }

    /**
     * @param pValue          two-sided exact p-value
     * @param oddsRatio       conditional maximum-likelihood odds ratio (0 or +Infinity at the boundary)
     * @param lower           lower exact confidence limit (0 when a is at its minimum)
     * @param upper           upper exact confidence limit (+Infinity when a is at its maximum)
     * @param confidenceLevel e.g. 0.95
     */
    public record Result(double pValue, double oddsRatio, double lower, double upper, double confidenceLevel) {
    }

    /** Two-sided test, conditional MLE and 95% interval. */
    public static Result of(TwoByTwoTable table) {
        return of(table, ConfidenceLevels.DEFAULT);
    }

    /**
     * Two-sided test, conditional MLE and interval at the given level.
     *
     * @throws IllegalArgumentException for an empty table or counts beyond the int range
     */
    public static Result of(TwoByTwoTable table, double confidenceLevel) {
        ConfidenceLevels.check(confidenceLevel);
        if (table.total() == 0) {
            throw new IllegalArgumentException("Fisher's exact test of an empty table (all four cells are zero)");
        }
        if (table.total() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("table total " + table.total() + " is too large for an exact test");
        }
        Conditional dist = new Conditional(table);
        double alpha = (1 - confidenceLevel) / 2;
        return new Result(dist.twoSidedP(), dist.mle(), dist.lowerLimit(alpha), dist.upperLimit(alpha),
                confidenceLevel);
    }

    /** Probabilities d of the support indices from, from + 1, ...; 0 elsewhere. */
    private record Window(int from, double[] d) {
    }

    /**
     * Log weights this far below their maximum have exp(weight - max) = 0.0 in double (exp underflows below
     * about -745.2), so leaving them out changes no sum.
     */
    private static final double NEGLIGIBLE = 750;

    /**
     * The conditional distribution of a given the margins, following the structure of R's code. The central
     * log probabilities of the support are computed when first needed (only the window of the evaluations
     * ever is), each exactly as {@link HypergeometricDistribution#logProbability} gives it.
     */
    static final class Conditional {
        private final int x;
        private final int lo;
        private final int hi;
        private final double[] logdc;
        private final HypergeometricDistribution central;

        Conditional(TwoByTwoTable t) {
            int m = (int) (t.a() + t.c());   // outcome column total ("white balls")
            int n = (int) (t.b() + t.d());   // no-outcome column total
            int k = (int) (t.a() + t.b());   // feature row total (draws)
            this.x = (int) t.a();
            this.lo = Math.max(0, k - n);
            this.hi = Math.min(k, m);
            this.central = new HypergeometricDistribution(null, m + n, m, k);
            this.logdc = new double[hi - lo + 1];
            java.util.Arrays.fill(logdc, Double.NaN);
        }

        /** The central log probability of support index i (value lo + i). */
        private double logdc(int i) {
            double v = logdc[i];
            if (Double.isNaN(v)) {
                v = central.logProbability(lo + i);
                logdc[i] = v;
            }
            return v;
        }

        /**
         * Probabilities of the support under noncentrality ncp (0 &lt; ncp &lt; infinity), as R's {@code dnhyper}: those
         * of indices {@code from} to {@code from + d.length - 1}; all others are exactly 0.
         *
         * <p>R exponentiates the whole support (hundreds of thousands of values for a registry-wide table) at every
         * step of every root search. The log weights logdc[i] + i log(ncp) are concave in i (the hypergeometric
         * is log-concave), so the values more than {@link #NEGLIGIBLE} below their maximum form two tails, and
         * their exp(value - max) is exactly 0.0 in double: summing only the window between them, in the same
         * order and with the same maximum, gives the same doubles as summing everything.
         */
        Window dnhyper(double ncp) {
            double logNcp = Math.log(ncp);
            // the peak of the concave log weights, by bisection on the sign of the step
            int left = 0;
            int right = logdc.length - 1;
            while (left < right) {
                int mid = (left + right) >>> 1;
                if (logWeight(mid + 1, logNcp) > logWeight(mid, logNcp)) {
                    left = mid + 1;
                } else {
                    right = mid;
                }
            }
            double floor = logWeight(left, logNcp) - NEGLIGIBLE;
            int from = left;
            while (from > 0 && logWeight(from - 1, logNcp) >= floor) {
                from--;
            }
            int to = left;
            while (to < logdc.length - 1 && logWeight(to + 1, logNcp) >= floor) {
                to++;
            }
            double[] d = new double[to - from + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < d.length; i++) {
                d[i] = logWeight(from + i, logNcp);
                max = Math.max(max, d[i]);
            }
            double sum = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.exp(d[i] - max);
                sum += d[i];
            }
            for (int i = 0; i < d.length; i++) {
                d[i] /= sum;
            }
            return new Window(from, d);
        }

        private double logWeight(int i, double logNcp) {
            return logdc(i) + logNcp * (lo + i);
        }

        double mnhyper(double ncp) {
            if (ncp == 0) {
                return lo;
            }
            if (ncp == Double.POSITIVE_INFINITY) {
                return hi;
            }
            Window w = dnhyper(ncp);
            double mean = 0;
            for (int i = 0; i < w.d.length; i++) {
                mean += (lo + w.from + i) * w.d[i];
            }
            return mean;
        }

        /** P(a &le; x) (or P(a &ge; x) when upperTail) under noncentrality ncp. */
        double pnhyper(double ncp, boolean upperTail) {
            if (ncp == 1) {
                return upperTail ? centralUpper(x) : centralLower(x);
            }
            if (ncp == 0) {
                return upperTail ? (x <= lo ? 1 : 0) : (x >= lo ? 1 : 0);
            }
            if (ncp == Double.POSITIVE_INFINITY) {
                return upperTail ? (x <= hi ? 1 : 0) : (x >= hi ? 1 : 0);
            }
            Window w = dnhyper(ncp);
            double sum = 0;
            for (int i = 0; i < w.d.length; i++) {
                int s = lo + w.from + i;
                if (upperTail ? s >= x : s <= x) {
                    sum += w.d[i];
                }
            }
            return sum;
        }

        /**
         * P(a &le; q) under the null: {@link HypergeometricDistribution#cumulativeProbability(int)} to the last
         * bit, which sums the probabilities of lo..q in that order. Only the probabilities that are not 0.0 are
         * added (adding 0.0 changes no sum); they lie in one run around the mode (the distribution is
         * log-concave), found without evaluating the rest of a support of hundreds of thousands of values.
         */
        double centralLower(int q) {
            if (q < lo) {
                return 0;
            }
            if (q >= hi) {
                return 1;
            }
            int[] nonZero = nonZeroRange();
            double sum = 0;
            for (int i = nonZero[0]; i <= Math.min(q - lo, nonZero[1]); i++) {
                sum += central(i);
            }
            return sum;
        }

        /** P(a &ge; q) under the null, as {@link HypergeometricDistribution#upperCumulativeProbability(int)} (hi..q). */
        double centralUpper(int q) {
            if (q <= lo) {
                return 1;
            }
            if (q > hi) {
                return 0;
            }
            int[] nonZero = nonZeroRange();
            double sum = 0;
            for (int i = nonZero[1]; i >= Math.max(q - lo, nonZero[0]); i--) {
                sum += central(i);
            }
            return sum;
        }

        /** The null probability of support index i, as {@link HypergeometricDistribution#probability(int)}. */
        private double central(int i) {
            double l = logdc(i);
            return l == Double.NEGATIVE_INFINITY ? 0 : org.apache.commons.math3.util.FastMath.exp(l);
        }

        private int[] nonZero;

        /** The support indices whose null probability is not 0.0 (an empty range when none is). */
        private int[] nonZeroRange() {
            if (nonZero == null) {
                int left = 0;
                int right = logdc.length - 1;
                while (left < right) {
                    int mid = (left + right) >>> 1;
                    if (logdc(mid + 1) > logdc(mid)) {
                        left = mid + 1;
                    } else {
                        right = mid;
                    }
                }
                if (central(left) == 0) {
                    nonZero = new int[] {left, left - 1};
                } else {
                    int from = left;
                    while (from > 0 && central(from - 1) != 0) {
                        from--;
                    }
                    int to = left;
                    while (to < logdc.length - 1 && central(to + 1) != 0) {
                        to++;
                    }
                    nonZero = new int[] {from, to};
                }
            }
            return nonZero;
        }

        double twoSidedP() {
            Window w = dnhyper(1.0);
            int at = x - lo - w.from;
            double threshold = at >= 0 && at < w.d.length ? w.d[at] * RELATIVE_ERROR : 0;
            double p = 0;
            for (double di : w.d) {
                if (di <= threshold) {
                    p += di;
                }
            }
            return Math.min(1.0, p);
        }

        double mle() {
            if (x == lo) {
                return 0;
            }
            if (x == hi) {
                return Double.POSITIVE_INFINITY;
            }
            double mu = mnhyper(1);
            if (mu > x) {
                return UnirootSearch.uniroot(t -> mnhyper(t) - x, 0, 1);
            } else if (mu < x) {
                return 1 / UnirootSearch.uniroot(t -> mnhyper(1 / t) - x, MACHINE_EPSILON, 1);
            }
            return 1;
        }

        double upperLimit(double alpha) {
            if (x == hi) {
                return Double.POSITIVE_INFINITY;
            }
            double p = pnhyper(1, false);
            if (p < alpha) {
                return UnirootSearch.uniroot(t -> pnhyper(t, false) - alpha, 0, 1);
            } else if (p > alpha) {
                return 1 / UnirootSearch.uniroot(t -> pnhyper(1 / t, false) - alpha, MACHINE_EPSILON, 1);
            }
            return 1;
        }

        double lowerLimit(double alpha) {
            if (x == lo) {
                return 0;
            }
            double p = pnhyper(1, true);
            if (p > alpha) {
                return UnirootSearch.uniroot(t -> pnhyper(t, true) - alpha, 0, 1);
            } else if (p < alpha) {
                return 1 / UnirootSearch.uniroot(t -> pnhyper(1 / t, true) - alpha, MACHINE_EPSILON, 1);
            }
            return 1;
        }
    }
}
