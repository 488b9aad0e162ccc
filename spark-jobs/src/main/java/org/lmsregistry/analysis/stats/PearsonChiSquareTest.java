package org.lmsregistry.analysis.stats;

/**
 * Pearson's chi-square test of independence for an r x c table of counts, with or without Yates'
 * continuity correction for 2x2 tables, as R {@code chisq.test(x, correct = TRUE / FALSE)}.
 *
 * <p>X&sup2; = &Sigma; (|O - E| - Y)&sup2; / E with E = row total &times; column total / n and
 * (r-1)(c-1) degrees of freedom (Pearson 1900; Agresti 2013, <i>Categorical Data Analysis</i>,
 * 3rd ed., section 3.2). Yates' correction (Yates 1934) applies only to 2x2 tables and, as in R,
 * is Y = min(0.5, |O - E|), so it never overshoots when the table is close to independence.
 */
public final class PearsonChiSquareTest {

    private static final double SMALL_EXPECTED = 5.0;

    private PearsonChiSquareTest() {
    }

    /**
     * @param statistic              the chi-square statistic
     * @param degreesOfFreedom       (rows - 1)(columns - 1)
     * @param pValue                 upper-tail p-value
     * @param continuityCorrection   the Yates correction that was subtracted from every |O - E|
     *                               (0 when none)
     * @param minimumExpectedCount   the smallest expected count
     * @param smallExpectedCounts    true when an expected count is below 5, where R warns that the
     *                               chi-square approximation may be incorrect
     */
    public record Result(double statistic, int degreesOfFreedom, double pValue, double continuityCorrection,
                         double minimumExpectedCount, boolean smallExpectedCounts) {
    }

    /** The uncorrected test of a 2x2 table, as {@code chisq.test(x, correct = FALSE)}. */
    public static Result uncorrected(TwoByTwoTable table) {
        return of(table.toArray(), false);
    }

    /** The Yates-corrected test of a 2x2 table, as {@code chisq.test(x)} (R's default). */
    public static Result yatesCorrected(TwoByTwoTable table) {
        return of(table.toArray(), true);
    }

    /** The uncorrected test of an r x c table (rows of equal length). */
    public static Result of(long[][] table) {
        return of(table, false);
    }

    /**
     * The test of an r x c table; {@code yates} applies only when the table is 2x2 (as in R).
     *
     * @throws IllegalArgumentException for fewer than 2 rows or columns, negative counts, ragged
     *                                  rows, or a zero row or column total (expected counts of 0)
     */
    public static Result of(long[][] table, boolean yates) {
        int rows = table.length;
        if (rows < 2) {
            throw new IllegalArgumentException("chi-square test needs at least 2 rows, got " + rows);
        }
        int cols = table[0].length;
        if (cols < 2) {
            throw new IllegalArgumentException("chi-square test needs at least 2 columns, got " + cols);
        }
        double[] rowTotals = new double[rows];
        double[] colTotals = new double[cols];
        double n = 0;
        for (int i = 0; i < rows; i++) {
            if (table[i].length != cols) {
                throw new IllegalArgumentException("row " + (i + 1) + " has " + table[i].length
                        + " columns, expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (table[i][j] < 0) {
                    throw new IllegalArgumentException("counts must be >= 0, got " + table[i][j]
                            + " in row " + (i + 1) + ", column " + (j + 1));
                }
                rowTotals[i] += table[i][j];
                colTotals[j] += table[i][j];
                n += table[i][j];
            }
        }
        for (int i = 0; i < rows; i++) {
            if (rowTotals[i] == 0) {
                throw new IllegalArgumentException("row " + (i + 1)
                        + " total is zero: expected counts are zero and the chi-square statistic is undefined");
            }
        }
        for (int j = 0; j < cols; j++) {
            if (colTotals[j] == 0) {
                throw new IllegalArgumentException("column " + (j + 1)
                        + " total is zero: expected counts are zero and the chi-square statistic is undefined");
            }
        }
        double[][] expected = new double[rows][cols];
        double minExpected = Double.POSITIVE_INFINITY;
        double minAbsDiff = Double.POSITIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                expected[i][j] = rowTotals[i] * colTotals[j] / n;
                minExpected = Math.min(minExpected, expected[i][j]);
                minAbsDiff = Math.min(minAbsDiff, Math.abs(table[i][j] - expected[i][j]));
            }
        }
        double correction = (yates && rows == 2 && cols == 2) ? Math.min(0.5, minAbsDiff) : 0.0;
        double statistic = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double dev = Math.abs(table[i][j] - expected[i][j]) - correction;
                statistic += dev * dev / expected[i][j];
            }
        }
        ChiSquareTest test = ChiSquareTest.of(statistic, (rows - 1) * (cols - 1));
        return new Result(test.statistic(), test.degreesOfFreedom(), test.pValue(), correction, minExpected,
                minExpected < SMALL_EXPECTED);
    }
}
