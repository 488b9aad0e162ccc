package org.lmsregistry.analysis.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lmsregistry.analysis.disclosure.ShownCount;

/**
 * One estimate in {@code result.json}: a value with its confidence interval, test, counts (after
 * disclosure control) and the method that produced it.
 *
 * @param id              unique within the result, path-like (e.g. {@code association/metastasis/peripheral_enhancement/site/NORTH})
 * @param label           what it is, for people
 * @param measure         e.g. {@code odds_ratio}, {@code hazard_ratio}, {@code proportion}, {@code survival}
 * @param method          the method (e.g. "Woolf odds ratio, 95% logit interval")
 * @param estimate        the value (null when not estimable)
 * @param lower           lower confidence limit (null when none)
 * @param upper           upper confidence limit
 * @param confidenceLevel e.g. 0.95 (null when no interval)
 * @param pValue          p-value of the test named in {@code test} (null when none)
 * @param test            the test (e.g. "Fisher's exact test, two-sided")
 * @param statistic       test statistic (null when none or exact)
 * @param degreesOfFreedom degrees of freedom (null when none)
 * @param counts          counts behind the estimate, after disclosure control
 * @param details         more values (standard errors, adjusted p-values, q-values, heterogeneity, ...)
 * @param flags           conditions a reader must know (e.g. {@code zero_cell_corrected}, {@code small_cells})
 */
public record Estimate(String id, String label, String measure, String method, Double estimate, Double lower,
        Double upper, Double confidenceLevel, Double pValue, String test, Double statistic, Integer degreesOfFreedom,
        Map<String, ShownCount> counts, Map<String, Object> details, List<String> flags) {

    public Estimate {
        counts = counts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        flags = flags == null ? List.of() : List.copyOf(flags);
        estimate = finite(estimate);
        lower = finiteOrInfinity(lower);
        upper = finiteOrInfinity(upper);
        pValue = finite(pValue);
        statistic = finite(statistic);
    }

    private static Double finite(Double d) {
        return d == null || d.isNaN() ? null : d;
    }

    private static Double finiteOrInfinity(Double d) {
        return d == null || d.isNaN() ? null : d;
    }

    /** Starts an estimate. */
    public static Builder of(String id, String label, String measure, String method) {
        return new Builder(id, label, measure, method);
    }

    public static final class Builder {
        private final String id;
        private final String label;
        private final String measure;
        private final String method;
        private Double estimate;
        private Double lower;
        private Double upper;
        private Double level;
        private Double p;
        private String test;
        private Double statistic;
        private Integer df;
        private final Map<String, ShownCount> counts = new LinkedHashMap<>();
        private final Map<String, Object> details = new LinkedHashMap<>();
        private final java.util.ArrayList<String> flags = new java.util.ArrayList<>();

        private Builder(String id, String label, String measure, String method) {
            this.id = id;
            this.label = label;
            this.measure = measure;
            this.method = method;
        }

        public Builder value(double value) {
            this.estimate = value;
            return this;
        }

        public Builder interval(double lo, double hi, double confidenceLevel) {
            this.lower = lo;
            this.upper = hi;
            this.level = confidenceLevel;
            return this;
        }

        public Builder test(String name, Double statisticValue, Integer degrees, double pValue) {
            this.test = name;
            this.statistic = statisticValue;
            this.df = degrees;
            this.p = pValue;
            return this;
        }

        public Builder count(String name, ShownCount count) {
            counts.put(name, count);
            return this;
        }

        public Builder detail(String name, Object value) {
            if (value instanceof Double d && d.isNaN()) {
                value = null;
            }
            details.put(name, value);
            return this;
        }

        public Builder flag(String flag) {
            flags.add(flag);
            return this;
        }

        public Estimate build() {
            return new Estimate(id, label, measure, method, estimate, lower, upper, level, p, test, statistic, df,
                    counts, details, flags);
        }
    }
}
