package org.lmsregistry.analysis.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.lmsregistry.analysis.stats.DesignMatrix;

/**
 * Per-subject values collected from Spark for model fitting: numeric covariates (NaN when missing),
 * the grade, and the subject's outcome or time. Builds {@link DesignMatrix}es for the complete cases of
 * a list of covariates.
 */
final class Covariates {

    private final int n;
    private final Map<String, double[]> numeric = new LinkedHashMap<>();
    private final Map<String, String[]> categorical = new LinkedHashMap<>();
    private final Map<String, String> references = new LinkedHashMap<>();
    private final String[] grade;

    Covariates(List<Row> rows, List<String> numericNames, String gradeColumn) {
        this(rows, numericNames, gradeColumn, Map.of());
    }

    /**
     * @param categoricalReferences categorical covariates (column name -> reference level), besides the grade
     */
    Covariates(List<Row> rows, List<String> numericNames, String gradeColumn, Map<String, String> categoricalReferences) {
        this.n = rows.size();
        for (String name : numericNames) {
            numeric.put(name, new double[n]);
        }
        for (Map.Entry<String, String> c : categoricalReferences.entrySet()) {
            String[] values = new String[n];
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                int idx = r.fieldIndex(c.getKey());
                values[i] = r.isNullAt(idx) ? null : r.get(idx).toString();
            }
            categorical.put(c.getKey(), values);
            references.put(c.getKey(), c.getValue());
        }
        this.grade = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            for (Map.Entry<String, double[]> e : numeric.entrySet()) {
                int idx = r.fieldIndex(e.getKey());
                Object v = r.isNullAt(idx) ? null : r.get(idx);
                e.getValue()[i] = v == null ? Double.NaN
                        : v instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) v).doubleValue();
            }
            int g = r.fieldIndex(gradeColumn);
            grade[i] = r.isNullAt(g) ? null : r.getString(g);
        }
    }

    int size() {
        return n;
    }

    double[] column(String name) {
        double[] c = numeric.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown covariate " + name);
        }
        return c;
    }

    boolean has(String name) {
        return numeric.containsKey(name) || categorical.containsKey(name) || Features.GRADE.equals(name);
    }

    private String[] categories(String name) {
        return Features.GRADE.equals(name) ? grade : categorical.get(name);
    }

    private boolean isCategorical(String name) {
        return Features.GRADE.equals(name) || categorical.containsKey(name);
    }

    /** The rows where every covariate is known (and {@code extra} is true). */
    int[] completeCases(List<String> covariates, boolean[] extra) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean ok = extra == null || extra[i];
            for (String c : covariates) {
                if (!ok) {
                    break;
                }
                ok = isCategorical(c) ? categories(c)[i] != null : !Double.isNaN(column(c)[i]);
            }
            if (ok) {
                keep.add(i);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The design of the covariates for the given rows; grade as G2, G3 against G1 ({@code gradeG2}, ...). */
    DesignMatrix design(List<String> covariates, int[] rows, Map<String, Boolean> binary) {
        DesignMatrix.Builder b = DesignMatrix.builder();
        for (String c : covariates) {
            if (isCategorical(c)) {
                String[] src = categories(c);
                String[] g = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    g[i] = src[rows[i]];
                }
                b.categorical(c, g, Features.GRADE.equals(c) ? "G1" : references.get(c));
            } else {
                double[] src = column(c);
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = src[rows[i]];
                }
                if (Boolean.TRUE.equals(binary.get(c))) {
                    boolean[] x = new boolean[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        x[i] = v[i] != 0;
                    }
                    b.indicator(c, x);
                } else {
                    b.numeric(c, v);
                }
            }
        }
        return b.build();
    }

    static boolean[] pick(boolean[] values, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    static double[] pick(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
