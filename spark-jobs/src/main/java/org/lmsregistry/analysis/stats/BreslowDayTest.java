package org.lmsregistry.analysis.stats;

import java.util.List;

/**
 * Breslow-Day test of homogeneity of the odds ratio across strata (sites), optionally with
 * Tarone's correction.
 *
 * <p>For each stratum, the expected count A<sub>k</sub> of cell a under the common
 * Mantel-Haenszel odds ratio &psi; solves A (n - r - s + A) = &psi; (r - A)(s - A) (r = feature
 * row total, s = outcome column total) within the table's bounds, and
 * Var<sub>k</sub> = 1 / (1/A + 1/(r-A) + 1/(s-A) + 1/(n-r-s+A)). The statistic is
 * &Sigma; (a<sub>k</sub> - A<sub>k</sub>)&sup2; / Var<sub>k</sub> on K-1 degrees of freedom
 * (Breslow &amp; Day 1980, <i>Statistical Methods in Cancer Research</i> I, IARC, section 4.4,
 * eq. 4.30). Tarone's correction subtracts (&Sigma; a<sub>k</sub> - &Sigma; A<sub>k</sub>)&sup2; /
 * &Sigma; Var<sub>k</sub> (Tarone 1985, <i>Biometrika</i> 72:91).
 *
 * <p>Strata with a zero row or column total have a fixed cell a (variance 0) and carry no
 * information on homogeneity: they are left out, as are strata with fewer than 2 subjects, and K
 * counts the remaining (informative) strata. The quadratic is solved in closed form. Base R has no
 * such function; the reference values are computed in {@code r/strata.R} from the textbook formula
 * with {@code uniroot}.
 */
public final class BreslowDayTest {

    private BreslowDayTest() {
    }

    /**
     * @param statistic         the Breslow-Day (or Tarone-corrected) statistic
     * @param degreesOfFreedom  informative strata - 1
     * @param pValue            upper-tail chi-square p-value
     * @param taroneCorrected   true when Tarone's correction was applied
     * @param commonOddsRatio   the Mantel-Haenszel odds ratio the expected counts are based on
     * @param strataUsed        informative strata (all four margins positive)
     */
    public record Result(double statistic, int degreesOfFreedom, double pValue, boolean taroneCorrected,
                         double commonOddsRatio, int strataUsed) {
    }

    /** The Breslow-Day test without Tarone's correction. */
    public static Result of(List<TwoByTwoTable> strata) {
        return of(strata, false);
    }

    /**
     * The Breslow-Day test, with Tarone's correction when asked.
     *
     * @throws IllegalArgumentException with fewer than 2 informative strata, or when the
     *                                  Mantel-Haenszel odds ratio is 0 or infinite
     */
    public static Result of(List<TwoByTwoTable> strata, boolean taroneCorrection) {
        MantelHaenszelTest.Result mh = MantelHaenszelTest.of(strata);
        double psi = mh.oddsRatio();
        if (!(psi > 0) || Double.isInfinite(psi)) {
            throw new IllegalArgumentException("Breslow-Day test is undefined: the Mantel-Haenszel odds ratio is "
                    + psi);
        }
        int used = 0;
        double statistic = 0;
        double sumObserved = 0;
        double sumExpected = 0;
        double sumVariance = 0;
        for (TwoByTwoTable t : strata) {
            if (t.total() < 2 || t.hasZeroMargin()) {
                continue;
            }
            used++;
            double n = t.total();
            double r = t.featureTotal();
            double s = t.outcomeTotal();
            double expected = expectedCount(psi, n, r, s);
            double variance = 1 / (1 / expected + 1 / (r - expected) + 1 / (s - expected)
                    + 1 / (n - r - s + expected));
            double diff = t.a() - expected;
            statistic += diff * diff / variance;
            sumObserved += t.a();
            sumExpected += expected;
            sumVariance += variance;
        }
        if (used < 2) {
            throw new IllegalArgumentException("Breslow-Day test needs at least 2 strata with all row and column "
                    + "totals positive, got " + used);
        }
        if (taroneCorrection) {
            double diff = sumObserved - sumExpected;
            statistic -= diff * diff / sumVariance;
            statistic = Math.max(0.0, statistic);
        }
        ChiSquareTest test = ChiSquareTest.of(statistic, used - 1);
        return new Result(test.statistic(), test.degreesOfFreedom(), test.pValue(), taroneCorrection, psi, used);
    }

    /**
     * The expected count of cell a under odds ratio psi given the margins: the root in
     * [max(0, r + s - n), min(r, s)] of (1 - psi) A&sup2; + (n - r - s + psi (r + s)) A - psi r s = 0.
     */
    static double expectedCount(double psi, double n, double r, double s) {
        double low = Math.max(0, r + s - n);
        double high = Math.min(r, s);
        double qa = 1 - psi;
        double qb = n - r - s + psi * (r + s);
        double qc = -psi * r * s;
        double root;
        if (qa == 0) {
            root = -qc / qb;
        } else {
            double disc = Math.sqrt(qb * qb - 4 * qa * qc);
            double q = -0.5 * (qb + Math.copySign(disc, qb));
            double root1 = q / qa;
            double root2 = qc / q;
            root = (root1 >= low && root1 <= high) ? root1 : root2;
        }
        return Math.min(high, Math.max(low, root));
    }
}
