package org.lmsregistry.analysis.jobs;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.lmsregistry.analysis.stats.DesignMatrix;
import org.lmsregistry.analysis.stats.LogisticRegression;
import org.lmsregistry.model.code.FnclccGrade;

/**
 * The distinct (outcome, covariates) patterns of the patients of one logistic model, each with the number of
 * patients who have it, taken on the driver from the patients' ranks ({@link PatientCovariates}). A frequency-weighted
 * fit on the patterns is the fit on the patients ({@link LogisticRegression#fit(DesignMatrix, boolean[],
 * long[], double)}); a model of a binary feature, grade and size has a few thousand patterns however large the
 * registry.
 *
 * <p>Missing values are kept (NaN) so that one set of patterns serves every model on a subset of its
 * covariates (the crude model of a feature uses the patterns of its adjusted model, complete cases taken
 * again). The grade is carried as its {@link FnclccGrade} ordinal. Patterns are sorted, so that the sums of
 * the fits, and with them the last digits of every estimate, are the same on every run.
 */
final class CovariatePatterns {

    /** The outcome of a fit: the fit, or why the model is not estimable. */
    record Fitted(LogisticRegression.Fit fit, String whyNot) {
    }

    private final List<String> covariates;
    private final double[][] values;
    private final boolean[] outcome;
    private final long[] counts;

    /**
     * @param covariates the model's covariates, in order
     * @param values     per covariate, the value of every pattern (NaN when missing; grade: its ordinal)
     * @param outcome    the outcome of every pattern
     * @param counts     patients per pattern
     */
    CovariatePatterns(List<String> covariates, double[][] values, boolean[] outcome, long[] counts) {
        this.covariates = List.copyOf(covariates);
        int n = outcome.length;
        if (sorted(values, outcome, counts)) {
            // patterns taken on the driver come sorted; a million of them would cost a boxed sort for nothing
            this.values = values;
            this.outcome = outcome;
            this.counts = counts;
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Comparator<Integer> byPattern = Comparator.comparing(i -> outcome[i]);
        for (double[] column : values) {
            byPattern = byPattern.thenComparing((a, b) -> Double.compare(column[a], column[b]));
        }
        Arrays.sort(order, byPattern.thenComparingLong(i -> counts[i]));
        this.values = new double[values.length][n];
        this.outcome = new boolean[n];
        this.counts = new long[n];
        for (int i = 0; i < n; i++) {
            int from = order[i];
            for (int j = 0; j < values.length; j++) {
                this.values[j][i] = values[j][from];
            }
            this.outcome[i] = outcome[from];
            this.counts[i] = counts[from];
        }
    }

    /**
     * The same patients with equal patterns merged (counts summed): for patterns counted with a further key, such
     * as the site. The patterns are sorted, so equal ones are neighbours and the order stays the sorted one.
     */
    CovariatePatterns merged() {
        int n = outcome.length;
        int p = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || !samePattern(i - 1, i)) {
                p++;
            }
        }
        double[][] v = new double[values.length][p];
        boolean[] y = new boolean[p];
        long[] c = new long[p];
        int at = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || !samePattern(i - 1, i)) {
                at++;
                for (int j = 0; j < values.length; j++) {
                    v[j][at] = values[j][i];
                }
                y[at] = outcome[i];
            }
            c[at] += counts[i];
        }
        return new CovariatePatterns(covariates, v, y, c);
    }

    private boolean samePattern(int a, int b) {
        if (outcome[a] != outcome[b]) {
            return false;
        }
        for (double[] column : values) {
            if (Double.compare(column[a], column[b]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the patterns are in the order of the constructor's sort (outcome, values, count). */
    private static boolean sorted(double[][] values, boolean[] outcome, long[] counts) {
        for (int i = 1; i < outcome.length; i++) {
            int c = Boolean.compare(outcome[i - 1], outcome[i]);
            for (int j = 0; c == 0 && j < values.length; j++) {
                c = Double.compare(values[j][i - 1], values[j][i]);
            }
            if (c == 0) {
                c = Long.compare(counts[i - 1], counts[i]);
            }
            if (c > 0) {
                return false;
            }
        }
        return true;
    }

    /** Distinct patterns held. */
    int size() {
        return outcome.length;
    }

    /** The covariates, in order. */
    List<String> covariates() {
        return covariates;
    }

    /** The values of covariate j, pattern by pattern (a copy). */
    double[] values(int j) {
        return values[j].clone();
    }

    /** The outcome of every pattern (a copy). */
    boolean[] outcomes() {
        return outcome.clone();
    }

    /** The patients of every pattern (a copy). */
    long[] counts() {
        return counts.clone();
    }

    /** The grade level of an ordinal carried in a pattern. */
    static String gradeLevel(double ordinal) {
        int i = (int) ordinal;
        if (i != ordinal || i < 0 || i >= FnclccGrade.values().length) {
            throw new IllegalStateException("grade ordinal " + ordinal + " is not an FNCLCC grade");
        }
        return FnclccGrade.values()[i].name();
    }

    /**
     * Fits the model of some of the covariates on the patterns where all of them are known (complete cases),
     * as R glm on the patients: grade as G2, G3 against G1 ({@code gradeG2}, ...), binary covariates as 0/1.
     */
    Fitted fit(List<String> model, Map<String, Boolean> binary, double level) {
        int[] index = new int[model.size()];
        for (int k = 0; k < index.length; k++) {
            index[k] = covariates.indexOf(model.get(k));
            if (index[k] < 0) {
                throw new IllegalArgumentException("covariate " + model.get(k) + " is not among " + covariates);
            }
        }
        int[] keep = new int[outcome.length];
        int n = 0;
        for (int i = 0; i < outcome.length; i++) {
            boolean complete = true;
            for (int j : index) {
                complete &= !Double.isNaN(values[j][i]);
            }
            if (complete) {
                keep[n++] = i;
            }
        }
        boolean[] y = new boolean[n];
        long[] f = new long[n];
        for (int r = 0; r < n; r++) {
            y[r] = outcome[keep[r]];
            f[r] = counts[keep[r]];
        }
        try {
            DesignMatrix.Builder b = DesignMatrix.builder();
            for (int k = 0; k < index.length; k++) {
                String name = model.get(k);
                double[] column = values[index[k]];
                if (Features.GRADE.equals(name)) {
                    String[] g = new String[n];
                    for (int r = 0; r < n; r++) {
                        g[r] = gradeLevel(column[keep[r]]);
                    }
                    b.categorical(name, g, FnclccGrade.G1.name());
                } else if (Boolean.TRUE.equals(binary.get(name))) {
                    boolean[] x = new boolean[n];
                    for (int r = 0; r < n; r++) {
                        x[r] = column[keep[r]] != 0;
                    }
                    b.indicator(name, x);
                } else {
                    double[] x = new double[n];
                    for (int r = 0; r < n; r++) {
                        x[r] = column[keep[r]];
                    }
                    b.numeric(name, x);
                }
            }
            return new Fitted(LogisticRegression.fit(b.build(), y, f, level), null);
        } catch (IllegalArgumentException e) {
            return new Fitted(null, e.getMessage());
        }
    }
}
