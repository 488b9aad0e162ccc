package org.lmsregistry.analysis.stats;

/**
 * Counts of a binary feature against a binary outcome:
 *
 * <pre>
 *                 outcome   no outcome
 *   feature          a          b
 *   no feature       c          d
 * </pre>
 *
 * <p>This is the layout of R's {@code matrix(c(a, c, b, d), nrow = 2)}: the odds ratio is
 * {@code a d / (b c)}, &gt; 1 when the outcome is more frequent with the feature.
 *
 * @param a feature present, outcome present
 * @param b feature present, outcome absent
 * @param c feature absent, outcome present
 * @param d feature absent, outcome absent
 */
public record TwoByTwoTable(long a, long b, long c, long d) {

    public TwoByTwoTable {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException(
                    "counts must be >= 0, got a=" + a + " b=" + b + " c=" + c + " d=" + d);
        }
    }

    /** The table with cells a, b (feature row) and c, d (no-feature row). */
    public static TwoByTwoTable of(long a, long b, long c, long d) {
        return new TwoByTwoTable(a, b, c, d);
    }

    public long total() {
        return a + b + c + d;
    }

    /** Subjects with the feature (a + b). */
    public long featureTotal() {
        return a + b;
    }

    /** Subjects without the feature (c + d). */
    public long noFeatureTotal() {
        return c + d;
    }

    /** Subjects with the outcome (a + c). */
    public long outcomeTotal() {
        return a + c;
    }

    /** Subjects without the outcome (b + d). */
    public long noOutcomeTotal() {
        return b + d;
    }

    /** True when at least one of the four cells is zero. */
    public boolean hasZeroCell() {
        return a == 0 || b == 0 || c == 0 || d == 0;
    }

    /** True when a row or a column total is zero, so the table says nothing about association. */
    public boolean hasZeroMargin() {
        return featureTotal() == 0 || noFeatureTotal() == 0 || outcomeTotal() == 0 || noOutcomeTotal() == 0;
    }

    /** The cells as a 2 x 2 array, rows = feature / no feature, columns = outcome / no outcome. */
    public long[][] toArray() {
        return new long[][] {{a, b}, {c, d}};
    }

    @Override
    public String toString() {
        return "[[" + a + ", " + b + "], [" + c + ", " + d + "]]";
    }
}
