package org.lmsregistry.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fisher's exact test sums only the window of the support where the noncentral probabilities are not 0.0 in
 * double; this checks that it gives exactly the doubles of summing the whole support (R's formulation, kept
 * here as the reference), on small tables and on registry-sized ones whose support has hundreds of thousands
 * of values.
 */
class FisherExactTestWindowTest {

    private static final double RELATIVE_ERROR = 1 + 1e-7;
    private static final double MACHINE_EPSILON = Math.ulp(1.0);

    static List<TwoByTwoTable> tables() {
        return List.of(TwoByTwoTable.of(3, 1, 1, 3), TwoByTwoTable.of(0, 5, 7, 2), TwoByTwoTable.of(5, 0, 2, 7),
                TwoByTwoTable.of(12, 30, 40, 11), TwoByTwoTable.of(1, 200, 3, 900),
                TwoByTwoTable.of(218_401 / 3, 321_599 / 3, 218_401 - 218_401 / 3, 321_599 - 321_599 / 3),
                TwoByTwoTable.of(90_000, 110_000, 128_401, 211_599), TwoByTwoTable.of(30_000, 170_000, 188_401, 151_599),
                TwoByTwoTable.of(7, 40_000, 25_000, 60_000), TwoByTwoTable.of(40_000, 9, 60_000, 25_000),
                TwoByTwoTable.of(500_000, 1, 1, 500_000), TwoByTwoTable.of(12_000, 9_000, 11_000, 10_500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void windowGivesTheDoublesOfTheWholeSupport(TwoByTwoTable t) {
        FisherExactTest.Result r = FisherExactTest.of(t, 0.95);
        FullSupport full = new FullSupport(t);
        double alpha = (1 - 0.95) / 2;  // as FisherExactTest.of computes it
        assertThat(r.pValue()).as("p").isEqualTo(full.twoSidedP());
        assertThat(r.oddsRatio()).as("conditional MLE").isEqualTo(full.mle());
        assertThat(r.lower()).as("lower").isEqualTo(full.lowerLimit(alpha));
        assertThat(r.upper()).as("upper").isEqualTo(full.upperLimit(alpha));
    }

    /**
     * The null tails are summed over the probabilities that are not 0.0 only, computed lazily: every q of the
     * small tables, and q around, below and above the mode and at both ends of the large ones, must give
     * Commons Math's doubles exactly.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void centralTailsGiveCommonsMathsDoubles(TwoByTwoTable t) {
        int m = (int) (t.a() + t.c());
        int n = (int) (t.b() + t.d());
        int k = (int) (t.a() + t.b());
        HypergeometricDistribution central = new HypergeometricDistribution(null, m + n, m, k);
        int lo = Math.max(0, k - n);
        int hi = Math.min(k, m);
        java.util.SortedSet<Integer> qs = new java.util.TreeSet<>();
        if (hi - lo <= 2_000) {
            for (int q = lo - 2; q <= hi + 2; q++) {
                qs.add(q);
            }
        } else {
            int mode = (int) Math.floor((k + 1.0) * (m + 1.0) / (m + n + 2.0));
            double sd = Math.sqrt((double) k * m / (m + n) * n / (m + n) * (m + n - k) / (m + n - 1.0));
            for (double z : new double[] {0, 0.5, 1, 2, 5, 10, 20, 37, 38, 39, 40, 45, 60, 200}) {
                qs.add(mode + (int) Math.round(z * sd));
                qs.add(mode - (int) Math.round(z * sd));
            }
            for (int q : new int[] {lo - 1, lo, lo + 1, hi - 1, hi, hi + 1, (int) t.a()}) {
                qs.add(q);
            }
        }
        // a fresh distribution per q as well, so that the lazily filled log probabilities are tested both ways
        FisherExactTest.Conditional shared = new FisherExactTest.Conditional(t);
        for (int q : qs) {
            assertThat(shared.centralLower(q)).as("P(a <= %d)", q).isEqualTo(central.cumulativeProbability(q));
            assertThat(shared.centralUpper(q)).as("P(a >= %d)", q).isEqualTo(central.upperCumulativeProbability(q));
            assertThat(new FisherExactTest.Conditional(t).centralUpper(q)).as("fresh P(a >= %d)", q)
                    .isEqualTo(central.upperCumulativeProbability(q));
        }
    }

        /** The former formulation (R's code as it stands): the whole support at every evaluation. */
    private static final class FullSupport {
        private final int x;
        private final int lo;
        private final int hi;
        private final int[] support;
        private final double[] logdc;
        private final HypergeometricDistribution central;

        FullSupport(TwoByTwoTable t) {
            int m = (int) (t.a() + t.c());   // outcome column total ("white balls")
            int n = (int) (t.b() + t.d());   // no-outcome column total
            int k = (int) (t.a() + t.b());   // feature row total (draws)
            this.x = (int) t.a();
            this.lo = Math.max(0, k - n);
            this.hi = Math.min(k, m);
            this.central = new HypergeometricDistribution(null, m + n, m, k);
            this.support = new int[hi - lo + 1];
            this.logdc = new double[support.length];
            for (int i = 0; i < support.length; i++) {
                support[i] = lo + i;
                logdc[i] = central.logProbability(support[i]);
            }
        }

        /** Probabilities of the support under noncentrality ncp (0 < ncp < infinity). */
        double[] dnhyper(double ncp) {
            double[] d = new double[support.length];
            double max = Double.NEGATIVE_INFINITY;
            double logNcp = Math.log(ncp);
            for (int i = 0; i < d.length; i++) {
                d[i] = logdc[i] + logNcp * support[i];
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
            return d;
        }

        double mnhyper(double ncp) {
            if (ncp == 0) {
                return lo;
            }
            if (ncp == Double.POSITIVE_INFINITY) {
                return hi;
            }
            double[] d = dnhyper(ncp);
            double mean = 0;
            for (int i = 0; i < d.length; i++) {
                mean += support[i] * d[i];
            }
            return mean;
        }

        /** P(a &le; x) (or P(a &ge; x) when upperTail) under noncentrality ncp. */
        double pnhyper(double ncp, boolean upperTail) {
            if (ncp == 1) {
                return upperTail ? central.upperCumulativeProbability(x) : central.cumulativeProbability(x);
            }
            if (ncp == 0) {
                return upperTail ? (x <= lo ? 1 : 0) : (x >= lo ? 1 : 0);
            }
            if (ncp == Double.POSITIVE_INFINITY) {
                return upperTail ? (x <= hi ? 1 : 0) : (x >= hi ? 1 : 0);
            }
            double[] d = dnhyper(ncp);
            double sum = 0;
            for (int i = 0; i < d.length; i++) {
                if (upperTail ? support[i] >= x : support[i] <= x) {
                    sum += d[i];
                }
            }
            return sum;
        }

        double twoSidedP() {
            double[] d = dnhyper(1.0);
            double threshold = d[x - lo] * RELATIVE_ERROR;
            double p = 0;
            for (double di : d) {
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
