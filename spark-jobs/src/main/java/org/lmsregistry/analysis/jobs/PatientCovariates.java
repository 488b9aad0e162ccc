package org.lmsregistry.analysis.jobs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The outcome and some covariates of every patient whose outcome is known, held on the driver as primitive
 * columns, from which the covariate patterns of the logistic models with a continuous covariate are taken
 * ({@link #patterns}). Such a model has about one pattern per patient, so counting its patterns in Spark only
 * moved every patient through a large hash aggregation and then to the driver once per model; this brings each
 * patient once, for all those models, and nothing that identifies a patient.
 *
 * <p>Each covariate is held as the rank of its value among the column's distinct values (an int per patient;
 * missing values rank last, as NaN sorts in {@link Double#compare}) with the distinct values beside it. A model's
 * patterns are then found by sorting one long per patient, (outcome, ranks) packed in that order, which is the
 * order {@link CovariatePatterns} sorts patterns in: the patterns, their order and so the fits are the ones Spark's
 * counting gave. Memory: 4 bytes per patient and covariate, 1 for the outcome (1.62 million patients and 12
 * covariates: 80 MB), plus one long per patient of the model being sorted.
 */
final class PatientCovariates {

    private final List<String> covariates;
    private final boolean[] outcome;
    /** Per covariate: the distinct values, sorted as {@link Double#compare} (NaN, if any, last). */
    private final double[][] distinct;
    /** Per covariate and patient: the index of the value in {@link #distinct}. */
    private final int[][] rank;

    private PatientCovariates(List<String> covariates, boolean[] outcome, double[][] values) {
        this.covariates = List.copyOf(covariates);
        this.outcome = outcome;
        this.distinct = new double[values.length][];
        this.rank = new int[values.length][];
        for (int j = 0; j < values.length; j++) {
            double[] column = values[j];
            double[] sorted = column.clone();
            Arrays.sort(sorted);
            int d = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || Double.compare(sorted[i], sorted[d - 1]) != 0) {
                    sorted[d++] = sorted[i];
                }
            }
            distinct[j] = Arrays.copyOf(sorted, d);
            int[] r = new int[column.length];
            for (int i = 0; i < column.length; i++) {
                r[i] = Arrays.binarySearch(distinct[j], column[i]);
            }
            rank[j] = r;
            values[j] = null;
        }
    }

    /** Patients held. */
    int size() {
        return outcome.length;
    }

    /**
     * Brings the rows of {@code rows} to the driver: the first column the outcome (boolean, not null), the others
     * the covariates (double, null when missing). Each partition is packed into one byte array of primitives, so
     * that the driver never holds a Row per patient; -0.0 is taken as 0.0 and null as NaN, as Spark groups them.
     *
     * @param rows       outcome and covariates, one row per patient whose outcome is known
     * @param covariates the names of the covariate columns, in order
     */
    static PatientCovariates collect(Dataset<Row> rows, List<String> covariates) {
        int k = covariates.size();
        if (rows.columns().length != k + 1) {
            throw new IllegalArgumentException("expected the outcome and " + k + " covariates " + covariates
                    + ", got the columns " + Arrays.toString(rows.columns()));
        }
        List<byte[]> packed = rows.mapPartitions(new Pack(k), Encoders.BINARY()).collectAsList();
        int rowBytes = 1 + 8 * k;
        long total = 0;
        for (byte[] p : packed) {
            total += p.length / rowBytes;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(total + " patients are more than one array holds");
        }
        int n = (int) total;
        boolean[] outcome = new boolean[n];
        double[][] values = new double[k][n];
        int i = 0;
        try {
            for (int part = 0; part < packed.size(); part++) {
                byte[] p = packed.get(part);
                packed.set(part, null);
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(p));
                for (int r = p.length / rowBytes; r > 0; r--, i++) {
                    outcome[i] = in.readBoolean();
                    for (int j = 0; j < k; j++) {
                        values[j][i] = in.readDouble();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PatientCovariates(covariates, outcome, values);
    }

    /** Packs a partition's rows into one array: per row the outcome byte and k doubles. */
    private static final class Pack implements MapPartitionsFunction<Row, byte[]> {
        private static final long serialVersionUID = 1L;
        private final int k;

        Pack(int k) {
            this.k = k;
        }

        @Override
        public Iterator<byte[]> call(Iterator<Row> rows) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            DataOutputStream out = new DataOutputStream(bytes);
            while (rows.hasNext()) {
                Row r = rows.next();
                if (r.isNullAt(0)) {
                    throw new IllegalStateException("a patient with the outcome known has no outcome value: " + r);
                }
                out.writeBoolean(r.getBoolean(0));
                for (int j = 1; j <= k; j++) {
                    // + 0.0 turns -0.0 into 0.0, as Spark normalises grouping keys
                    out.writeDouble(r.isNullAt(j) ? Double.NaN : r.getDouble(j) + 0.0);
                }
            }
            out.flush();
            return List.of(bytes.toByteArray()).iterator();
        }
    }

    /** The rows of {@link #collect}: the outcome, then each covariate as a double. */
    static Column[] columns(Column outcome, List<Column> covariates) {
        List<Column> cols = new ArrayList<>();
        cols.add(outcome.cast("boolean"));
        for (Column c : covariates) {
            cols.add(c.cast("double"));
        }
        return cols.toArray(Column[]::new);
    }

    /**
     * The distinct (outcome, covariates) patterns of a model with the number of patients of each, sorted: the
     * patients with the first covariate known (with {@code allKnown}: every covariate known), missing values of
     * the others kept as NaN, exactly as {@link AssociationsJob#counts} counts a model's patterns in Spark.
     */
    CovariatePatterns patterns(List<String> model, boolean allKnown) {
        return patterns(model, allKnown, 63);
    }

    /** {@link #patterns(List, boolean)}, packing keys of at most {@code maxPackedBits} (else sorting patients). */
    CovariatePatterns patterns(List<String> model, boolean allKnown, int maxPackedBits) {
        int k = model.size();
        int[] index = new int[k];
        int[] bits = new int[k];
        int[] missing = new int[k];
        int totalBits = 1;
        for (int j = 0; j < k; j++) {
            index[j] = covariates.indexOf(model.get(j));
            if (index[j] < 0) {
                throw new IllegalArgumentException("covariate " + model.get(j) + " is not among " + covariates);
            }
            double[] d = distinct[index[j]];
            bits[j] = d.length <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(d.length - 1);
            missing[j] = d.length > 0 && Double.isNaN(d[d.length - 1]) ? d.length - 1 : -1;
            totalBits += bits[j];
        }
        int n = outcome.length;
        int[] kept = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            boolean use = rank[index[0]][i] != missing[0];
            for (int j = 1; allKnown && use && j < k; j++) {
                use = rank[index[j]][i] != missing[j];
            }
            if (use) {
                kept[m++] = i;
            }
        }
        int[][] patternRanks;
        boolean[] y;
        long[] counts;
        if (totalBits <= Math.min(63, maxPackedBits)) {
            // (outcome, rank 0, rank 1, ...) packed high to low: the order of the longs is the patterns' order
            long[] keys = new long[m];
            for (int r = 0; r < m; r++) {
                int i = kept[r];
                long key = outcome[i] ? 1 : 0;
                for (int j = 0; j < k; j++) {
                    key = (key << bits[j]) | rank[index[j]][i];
                }
                keys[r] = key;
            }
            Arrays.sort(keys);
            int p = 0;
            for (int r = 0; r < m; r++) {
                if (r == 0 || keys[r] != keys[r - 1]) {
                    p++;
                }
            }
            patternRanks = new int[k][p];
            y = new boolean[p];
            counts = new long[p];
            int at = -1;
            for (int r = 0; r < m; r++) {
                long key = keys[r];
                if (r == 0 || key != keys[r - 1]) {
                    at++;
                    for (int j = k - 1; j >= 0; j--) {
                        patternRanks[j][at] = (int) (key & ((1L << bits[j]) - 1));
                        key >>>= bits[j];
                    }
                    y[at] = key != 0;
                }
                counts[at]++;
            }
        } else {
            // too many distinct values to pack (a model of several continuous covariates): sort the patients
            Integer[] order = new Integer[m];
            for (int r = 0; r < m; r++) {
                order[r] = kept[r];
            }
            Comparator<Integer> byPattern = Comparator.comparing(i -> outcome[i]);
            for (int j = 0; j < k; j++) {
                int[] column = rank[index[j]];
                byPattern = byPattern.thenComparingInt(i -> column[i]);
            }
            Arrays.sort(order, byPattern);
            Comparator<Integer> same = byPattern;
            int p = 0;
            for (int r = 0; r < m; r++) {
                if (r == 0 || same.compare(order[r], order[r - 1]) != 0) {
                    p++;
                }
            }
            patternRanks = new int[k][p];
            y = new boolean[p];
            counts = new long[p];
            int at = -1;
            for (int r = 0; r < m; r++) {
                int i = order[r];
                if (r == 0 || same.compare(i, order[r - 1]) != 0) {
                    at++;
                    for (int j = 0; j < k; j++) {
                        patternRanks[j][at] = rank[index[j]][i];
                    }
                    y[at] = outcome[i];
                }
                counts[at]++;
            }
        }
        double[][] values = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] d = distinct[index[j]];
            int[] r = patternRanks[j];
            double[] v = new double[r.length];
            for (int q = 0; q < r.length; q++) {
                v[q] = d[r[q]];
            }
            values[j] = v;
        }
        return new CovariatePatterns(model, values, y, counts);
    }
}
