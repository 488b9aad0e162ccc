package org.lmsregistry.analysis.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * A sample given as its distinct values and how often each occurs (e.g. the ages of a site's patients, which
 * Spark counts per value instead of sorting every row): its size, mean, sample standard deviation and exact
 * quantiles.
 *
 * <p>Quantiles are R's type 7 ({@code quantile(x, p)}, the default), the linear interpolation between the order
 * statistics around position (n - 1) p, computed exactly as Spark's exact {@code percentile} aggregate does
 * (same position, same interpolation formula), so the numbers are those Spark gives on the expanded rows.
 * The standard deviation is computed in two passes over the distinct values (mean first), which is
 * accurate however large n is.
 */
public final class CountedValues {

    private final double[] values;
    private final long[] counts;
    private final long n;

    private CountedValues(double[] values, long[] counts, long n) {
        this.values = values;
        this.counts = counts;
        this.n = n;
    }

    /**
     * The sample of the given value counts.
     *
     * @throws IllegalArgumentException on a count below 1 or a value that is not a finite number
     */
    public static CountedValues of(Map<Double, Long> valueCounts) {
        TreeMap<Double, Long> sorted = new TreeMap<>(valueCounts);
        double[] v = new double[sorted.size()];
        long[] c = new long[sorted.size()];
        long n = 0;
        int i = 0;
        for (Map.Entry<Double, Long> e : sorted.entrySet()) {
            if (e.getKey() == null || !Double.isFinite(e.getKey())) {
                throw new IllegalArgumentException("value " + e.getKey() + " is not a finite number");
            }
            if (e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException("count " + e.getValue() + " of value " + e.getKey()
                        + " is not a positive count");
            }
            v[i] = e.getKey();
            c[i++] = e.getValue();
            n = Math.addExact(n, e.getValue());
        }
        return new CountedValues(v, c, n);
    }

    /** Number of observations. */
    public long n() {
        return n;
    }

    /** Arithmetic mean, or NaN without observations. */
    public double mean() {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * counts[i];
        }
        return sum / n;
    }

    /** Sample standard deviation (denominator n - 1), or NaN with fewer than two observations. */
    public double sd() {
        if (n < 2) {
            return Double.NaN;
        }
        double mean = mean();
        double squares = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean;
            squares += d * d * counts[i];
        }
        return Math.sqrt(squares / (n - 1));
    }

    /**
     * The type-7 quantile at probability p.
     *
     * @throws IllegalArgumentException when p is not in [0, 1]
     * @throws IllegalStateException    without observations
     */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability " + p + " is not in [0, 1]");
        }
        if (n == 0) {
            throw new IllegalStateException("no observations");
        }
        double position = (n - 1) * p;
        long lower = (long) Math.floor(position);
        long higher = (long) Math.ceil(position);
        double lowerValue = orderStatistic(lower);
        if (higher == lower) {
            return lowerValue;
        }
        double higherValue = orderStatistic(higher);
        if (higherValue == lowerValue) {
            return lowerValue;
        }
        return (higher - position) * lowerValue + (position - lower) * higherValue;
    }

    /** The value at 0-based rank r of the sorted sample. */
    private double orderStatistic(long r) {
        long seen = 0;
        for (int i = 0; i < values.length; i++) {
            seen += counts[i];
            if (r < seen) {
                return values[i];
            }
        }
        throw new IllegalStateException("rank " + r + " outside the sample of " + n);
    }
}
