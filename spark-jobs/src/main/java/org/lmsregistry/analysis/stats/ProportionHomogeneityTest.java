package org.lmsregistry.analysis.stats;

/**
 * Chi-square test that k proportions are equal (e.g. detection yields of several modalities), as
 * R {@code prop.test(x, n)} on k groups, equivalently {@code chisq.test} on the k x 2 table of
 * successes and failures.
 *
 * <p>With the pooled proportion p = &Sigma;x / &Sigma;n, X&sup2; = &Sigma; (|O - E| - Y)&sup2; / E
 * over the 2k cells (E = n p and n (1 - p)), k - 1 degrees of freedom (Agresti 2013,
 * <i>Categorical Data Analysis</i>, 3rd ed., section 3.2; Fleiss, Levin &amp; Paik 2003,
 * <i>Statistical Methods for Rates and Proportions</i>, 3rd ed., ch. 9). A continuity correction
 * can be asked for only when k = 2: as in R, Y = min(0.5, |p1 - p2| / (1/n1 + 1/n2)).
 */
public final class ProportionHomogeneityTest {

    private static final double SMALL_EXPECTED = 5.0;

    private ProportionHomogeneityTest() {
    }

    /**
     * @param statistic            the chi-square statistic
     * @param degreesOfFreedom     k - 1
     * @param pValue               upper-tail p-value
     * @param continuityCorrection the correction subtracted from every |O - E| (0 unless k = 2 and asked)
     * @param pooledProportion     &Sigma;x / &Sigma;n
     * @param smallExpectedCounts  true when an expected count is below 5 (R warns)
     */
    public record Result(double statistic, int degreesOfFreedom, double pValue, double continuityCorrection,
                         double pooledProportion, boolean smallExpectedCounts) {
    }

    /** The uncorrected test, as {@code prop.test(x, n, correct = FALSE)}. */
    public static Result of(long[] successes, long[] trials) {
        return of(successes, trials, false);
    }

    /**
     * The test, with the continuity correction when asked and k = 2 (R's default is
     * {@code correct = TRUE}).
     *
     * @throws IllegalArgumentException with fewer than 2 groups, a group without trials, counts out
     *                                  of range, or when every group has 0% (or every group 100%)
     *                                  successes, so that the statistic is undefined
     */
    public static Result of(long[] successes, long[] trials, boolean continuityCorrection) {
        int k = successes.length;
        if (trials.length != k) {
            throw new IllegalArgumentException(k + " success counts but " + trials.length + " trial counts");
        }
        if (k < 2) {
            throw new IllegalArgumentException("comparing proportions needs at least 2 groups, got " + k);
        }
        double sumX = 0;
        double sumN = 0;
        for (int i = 0; i < k; i++) {
            try {
                Proportion.check(successes[i], trials[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("group " + (i + 1) + ": " + e.getMessage(), e);
            }
            sumX += successes[i];
            sumN += trials[i];
        }
        double p = sumX / sumN;
        if (sumX == 0 || sumX == sumN) {
            throw new IllegalArgumentException("proportions cannot be compared: every group has "
                    + (sumX == 0 ? "0%" : "100%") + " successes (expected counts of zero)");
        }
        double yates = 0;
        if (continuityCorrection && k == 2) {
            double delta = (double) successes[0] / trials[0] - (double) successes[1] / trials[1];
            yates = Math.min(0.5, Math.abs(delta) / (1.0 / trials[0] + 1.0 / trials[1]));
        }
        double statistic = 0;
        double minExpected = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double n = trials[i];
            double[] observed = {successes[i], n - successes[i]};
            double[] expected = {n * p, n * (1 - p)};
            for (int j = 0; j < 2; j++) {
                double dev = Math.abs(observed[j] - expected[j]) - yates;
                statistic += dev * dev / expected[j];
                minExpected = Math.min(minExpected, expected[j]);
            }
        }
        ChiSquareTest test = ChiSquareTest.of(statistic, k - 1);
        return new Result(test.statistic(), test.degreesOfFreedom(), test.pValue(), yates, p,
                minExpected < SMALL_EXPECTED);
    }
}
