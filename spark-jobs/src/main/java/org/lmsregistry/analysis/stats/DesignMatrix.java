package org.lmsregistry.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The covariates of a regression model, one named column per coefficient (no intercept column:
 * {@link LogisticRegression} adds it, {@link CoxRegression} has none).
 *
 * <p>Categorical covariates are expanded into indicator columns for every level except the
 * reference, named covariate + level, in sorted level order: the columns R's default treatment
 * contrasts create for a factor (e.g. {@code grade} with reference {@code G1} gives
 * {@code gradeG2}, {@code gradeG3}).
 */
public final class DesignMatrix {

    private final List<String> names;
    private final double[][] columns;
    private final int rows;

    private DesignMatrix(List<String> names, double[][] columns, int rows) {
        this.names = List.copyOf(names);
        this.columns = columns;
        this.rows = rows;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A design with a single numeric covariate. */
    public static DesignMatrix of(String name, double[] values) {
        return builder().numeric(name, values).build();
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns.length;
    }

    /** Column names, in order. */
    public List<String> names() {
        return names;
    }

    /** The value of column j (0-based) in row i. */
    public double value(int row, int column) {
        return columns[column][row];
    }

    /** A copy of the named column. */
    public double[] column(String name) {
        return columns[indexOf(name)].clone();
    }

    int indexOf(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no covariate named '" + name + "'; covariates are " + names);
        }
        return j;
    }

    /** Sample standard deviation (n - 1 denominator, as R {@code sd()}) of the named column. */
    public double standardDeviation(String name) {
        double[] x = columns[indexOf(name)];
        if (x.length < 2) {
            throw new IllegalArgumentException("standard deviation of '" + name + "' needs at least 2 rows");
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** Builds a design column by column; every column must have the same number of rows. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<double[]> columns = new ArrayList<>();

        private Builder() {
        }

        /** A numeric covariate (per unit of its scale). */
        public Builder numeric(String name, double[] values) {
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("covariate '" + name + "' row " + (i + 1)
                            + " is not a finite number: " + values[i]);
                }
            }
            add(name, values.clone());
            return this;
        }

        /** A binary covariate coded 1 when true, 0 when false. */
        public Builder indicator(String name, boolean[] values) {
            double[] x = new double[values.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = values[i] ? 1 : 0;
            }
            add(name, x);
            return this;
        }

        /**
         * A categorical covariate: one indicator column per level other than the reference, named
         * name + level, levels in sorted order.
         */
        public Builder categorical(String name, String[] values, String reference) {
            TreeSet<String> levels = new TreeSet<>();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    throw new IllegalArgumentException("covariate '" + name + "' row " + (i + 1) + " is missing");
                }
                levels.add(values[i]);
            }
            if (!levels.contains(reference)) {
                throw new IllegalArgumentException("reference level '" + reference + "' of '" + name
                        + "' does not occur; levels are " + levels);
            }
            for (String level : levels) {
                if (level.equals(reference)) {
                    continue;
                }
                double[] x = new double[values.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = values[i].equals(level) ? 1 : 0;
                }
                add(name + level, x);
            }
            return this;
        }

        private void add(String name, double[] values) {
            if (names.contains(name)) {
                throw new IllegalArgumentException("duplicate covariate name '" + name + "'");
            }
            if (!columns.isEmpty() && columns.get(0).length != values.length) {
                throw new IllegalArgumentException("covariate '" + name + "' has " + values.length
                        + " rows, expected " + columns.get(0).length);
            }
            names.add(name);
            columns.add(values);
        }

        public DesignMatrix build() {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a design needs at least one covariate");
            }
            int rows = columns.get(0).length;
            return new DesignMatrix(names, columns.stream().map(double[]::clone).toArray(double[][]::new), rows);
        }
    }

    @Override
    public String toString() {
        return "DesignMatrix" + names + " x " + rows + " rows";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DesignMatrix d && names.equals(d.names) && Arrays.deepEquals(columns, d.columns);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + Arrays.deepHashCode(columns);
    }
}
