package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What the associations need of every cohort patient, held on the driver as primitive columns: the site, whether
 * the outcome at the horizon is known, and for the patients whose outcome is known the outcome and the covariates
 * of the models and the binary features. From them come the eligibility per site ({@link #eligibility}), the 2x2
 * cells of a binary feature per site ({@link #cells}) and the covariate patterns of every logistic model
 * ({@link #patterns}). One Spark pass brings each patient once, packed per partition, for all of them and nothing
 * that identifies a patient: counting in Spark instead exploded some ten rows per patient into a hash aggregation
 * keyed by a site string (hashed and compared byte by byte), and a model with a continuous covariate has about one
 * pattern per patient anyway.
 *
 * <p>Each covariate is held as the rank of its value among the column's distinct values (an int per patient;
 * missing values rank last, as NaN sorts in {@link Double#compare}) with the distinct values beside it. A model's
 * patterns are then found by counting or sorting one long per patient, (outcome, ranks) packed in that order,
 * which is the order {@link CovariatePatterns} sorts patterns in: the patterns, their order and so the fits are
 * the ones Spark's counting gave. Memory: 4 bytes per patient and covariate, 1 for the outcome and 4 for the site
 * (1.62 million patients and 26 covariates: 180 MB), plus one long per patient of the model being sorted.
 */
final class PatientCovariates {

    private final List<String> covariates;
    /** The sites, sorted. */
    private final List<String> sites;
    /** Per site: patients, patients with the outcome known, events among them. */
    private final long[][] eligibility;
    /** Per patient whose outcome is known: the index of the site in {@link #sites}. */
    private final int[] site;
    private final boolean[] outcome;
    /** Per covariate: the distinct values, sorted as {@link Double#compare} (NaN, if any, last). */
    private final double[][] distinct;
    /** Per covariate and patient: the index of the value in {@link #distinct}. */
    private final int[][] rank;

    private PatientCovariates(List<String> covariates, List<String> sites, long[][] eligibility, int[] site,
            boolean[] outcome, double[][] distinct, int[][] rank) {
        this.covariates = List.copyOf(covariates);
        this.sites = List.copyOf(sites);
        this.eligibility = eligibility;
        this.site = site;
        this.outcome = outcome;
        this.distinct = distinct;
        this.rank = rank;
    }

    /** Patients held (those whose outcome is known). */
    int size() {
        return outcome.length;
    }

    /** Per site (sorted): patients, patients with the outcome known, events among them. */
    Map<String, long[]> eligibility() {
        Map<String, long[]> out = new TreeMap<>();
        for (int s = 0; s < sites.size(); s++) {
            out.put(sites.get(s), eligibility[s].clone());
        }
        return out;
    }

    /**
     * Per site (sorted, every site): the 2x2 cells a, b, c, d of a binary covariate among the patients with the
     * outcome and the covariate known (present: a value other than 0).
     */
    Map<String, long[]> cells(String feature) {
        int j = indexOf(feature);
        long[][] t = new long[sites.size()][4];
        int[] r = rank[j];
        double[] d = distinct[j];
        for (int i = 0; i < outcome.length; i++) {
            double x = d[r[i]];
            if (!Double.isNaN(x)) {
                t[site[i]][(x != 0 ? 0 : 2) + (outcome[i] ? 0 : 1)]++;
            }
        }
        Map<String, long[]> out = new TreeMap<>();
        for (int s = 0; s < sites.size(); s++) {
            out.put(sites.get(s), t[s]);
        }
        return out;
    }

    private int indexOf(String covariate) {
        int j = covariates.indexOf(covariate);
        if (j < 0) {
            throw new IllegalArgumentException("covariate " + covariate + " is not among " + covariates);
        }
        return j;
    }

    /**
     * Brings the rows of {@code rows} to the driver: one per cohort patient, the columns the site code (string),
     * whether the outcome is known (boolean), the outcome (boolean) and the covariates (boolean or numeric, null
     * when missing). Each partition is packed into one byte array of primitives (the site codes of the partition
     * once, each row a small index into them; a boolean covariate in one byte, others as doubles; the outcome and
     * covariates only of patients whose outcome is known), so that the driver never holds a Row per patient;
     * -0.0 is taken as 0.0 and null as NaN, as Spark groups them.
     *
     * @param rows       site, known, outcome and covariates, one row per cohort patient
     * @param covariates the names of the covariate columns, in order
     */
    static PatientCovariates collect(Dataset<Row> rows, List<String> covariates) {
        int k = covariates.size();
        StructField[] fields = rows.schema().fields();
        if (fields.length != k + 3) {
            throw new IllegalArgumentException("expected the site, whether the outcome is known, the outcome and " + k
                    + " covariates " + covariates + ", got the columns " + Arrays.toString(rows.columns()));
        }
        // renamed by position: covariate names need no quoting
        String[] names = new String[k + 3];
        List<Column> cols = new ArrayList<>();
        boolean[] flag = new boolean[k];
        for (int j = 0; j < k + 3; j++) {
            names[j] = "c" + j;
            boolean isFlag = j == 1 || j == 2 || fields[j].dataType().equals(DataTypes.BooleanType);
            if (j >= 3) {
                flag[j - 3] = isFlag;
            }
            cols.add(col(names[j]).cast(j == 0 ? "string" : isFlag ? "boolean" : "double"));
        }
        // Spark's rows as they are (no conversion to a Row object per patient, no deserializer to generate)
        List<byte[]> packed = new ArrayList<>(rows.toDF(names).select(cols.toArray(Column[]::new))
                .queryExecution().toRdd().toJavaRDD().mapPartitions(new Pack(flag)).collect());
        return unpack(packed, covariates, flag);
    }

    private static PatientCovariates unpack(List<byte[]> packed, List<String> covariates, boolean[] flag) {
        int k = covariates.size();
        // first the sites and the number of patients with the outcome known, to size the columns
        TreeMap<String, Integer> siteIndex = new TreeMap<>();
        long total = 0;
        for (byte[] p : packed) {
            ByteBuffer in = ByteBuffer.wrap(p);
            total += in.getInt();
            for (String s : partitionSites(in)) {
                siteIndex.put(s, 0);
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(total + " patients are more than one array holds");
        }
        List<String> sites = new ArrayList<>(siteIndex.keySet());
        for (int s = 0; s < sites.size(); s++) {
            siteIndex.put(sites.get(s), s);
        }
        int n = (int) total;
        long[][] eligibility = new long[sites.size()][3];
        int[] site = new int[n];
        boolean[] outcome = new boolean[n];
        double[][] values = new double[k][];
        byte[][] flags = new byte[k][];
        for (int j = 0; j < k; j++) {
            if (flag[j]) {
                flags[j] = new byte[n];
            } else {
                values[j] = new double[n];
            }
        }
        int i = 0;
        for (int part = 0; part < packed.size(); part++) {
            ByteBuffer in = ByteBuffer.wrap(packed.get(part));
            packed.set(part, null);
            in.getInt();
            List<String> local = partitionSites(in);
            int[] global = new int[local.size()];
            for (int s = 0; s < global.length; s++) {
                global[s] = siteIndex.get(local.get(s));
            }
            while (in.hasRemaining()) {
                int s = global[in.getShort() & 0xFFFF];
                byte known = in.get();
                long[] e = eligibility[s];
                e[0]++;
                if (known == 0) {
                    continue;
                }
                boolean y = in.get() != 0;
                e[1]++;
                e[2] += y ? 1 : 0;
                site[i] = s;
                outcome[i] = y;
                for (int j = 0; j < k; j++) {
                    if (flag[j]) {
                        flags[j][i] = in.get();
                    } else {
                        values[j][i] = in.getDouble();
                    }
                }
                i++;
            }
        }
        double[][] distinct = new double[k][];
        int[][] rank = new int[k][];
        // the columns ranked on all cores (each on its own: the same result in any order)
        IntStream.range(0, k).parallel().forEach(j -> {
            if (flag[j]) {
                rankFlags(flags[j], j, distinct, rank);
                flags[j] = null;
            } else {
                rankValues(values[j], j, distinct, rank);
                values[j] = null;
            }
        });
        return new PatientCovariates(covariates, sites, eligibility, site, outcome, distinct, rank);
    }

    /** The site codes at the head of a packed partition (after the number of patients with the outcome known). */
    private static List<String> partitionSites(ByteBuffer in) {
        int count = in.getShort() & 0xFFFF;
        List<String> sites = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            byte[] utf8 = new byte[in.getShort() & 0xFFFF];
            in.get(utf8);
            sites.add(new String(utf8, StandardCharsets.UTF_8));
        }
        return sites;
    }

    /** A boolean column (0, 1, 2 for missing): its distinct values among 0.0, 1.0, NaN and the ranks. */
    private static void rankFlags(byte[] column, int j, double[][] distinct, int[][] rank) {
        boolean[] seen = new boolean[3];
        for (byte b : column) {
            seen[b] = true;
        }
        double[] all = {0.0, 1.0, Double.NaN};
        int[] at = new int[3];
        double[] d = new double[3];
        int count = 0;
        for (int v = 0; v < 3; v++) {
            if (seen[v]) {
                at[v] = count;
                d[count++] = all[v];
            }
        }
        int[] r = new int[column.length];
        for (int i = 0; i < column.length; i++) {
            r[i] = at[column[i]];
        }
        distinct[j] = Arrays.copyOf(d, count);
        rank[j] = r;
    }

    /** A numeric column: its distinct values, sorted as {@link Double#compare}, and the ranks. */
    private static void rankValues(double[] column, int j, double[][] distinct, int[][] rank) {
        double[] sorted = column.clone();
        Arrays.sort(sorted);
        int d = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || Double.compare(sorted[i], sorted[d - 1]) != 0) {
                sorted[d++] = sorted[i];
            }
        }
        double[] values = Arrays.copyOf(sorted, d);
        int[] r = new int[column.length];
        for (int i = 0; i < column.length; i++) {
            r[i] = Arrays.binarySearch(values, column[i]);
        }
        distinct[j] = values;
        rank[j] = r;
    }

    /**
     * Packs a partition's rows into one array: the number of patients with the outcome known, the partition's
     * site codes (count, then each as length and UTF-8 bytes), then per row the site's index (2 bytes) and whether
     * the outcome is known (1 byte), and when it is the outcome (1 byte) and each covariate (a boolean in one
     * byte, 0, 1 or 2 for missing; others a double).
     */
    private static final class Pack implements FlatMapFunction<Iterator<InternalRow>, byte[]> {
        private static final long serialVersionUID = 1L;
        private final boolean[] flag;

        Pack(boolean[] flag) {
            this.flag = flag.clone();
        }

        @Override
        public Iterator<byte[]> call(Iterator<InternalRow> rows) {
            int rowBytes = 4 + flag.length * 8;
            ByteBuffer out = ByteBuffer.allocate(1 << 16);
            Map<UTF8String, Integer> sites = new LinkedHashMap<>();
            UTF8String lastSite = null;
            int lastIndex = -1;
            int known = 0;
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                if (r.isNullAt(0)) {
                    throw new IllegalStateException("a patient has no site code");
                }
                if (r.isNullAt(1)) {
                    throw new IllegalStateException("a patient (site " + r.getUTF8String(0)
                            + ") has no value for whether the outcome is known");
                }
                if (out.remaining() < rowBytes) {
                    out = ByteBuffer.allocate(2 * out.capacity() + rowBytes).put(out.flip());
                }
                UTF8String site = r.getUTF8String(0);
                if (!site.equals(lastSite)) {
                    // the row's bytes may be reused for the next row: the code is copied to be kept
                    lastSite = site.clone();
                    lastIndex = sites.computeIfAbsent(lastSite, c -> sites.size());
                    if (lastIndex > 0xFFFF) {
                        throw new IllegalStateException("more than " + 0xFFFF + " sites in one partition");
                    }
                }
                out.putShort((short) lastIndex);
                if (!r.getBoolean(1)) {
                    out.put((byte) 0);
                    continue;
                }
                if (r.isNullAt(2)) {
                    throw new IllegalStateException("a patient (site " + site
                            + ") with the outcome known has no outcome value");
                }
                known++;
                out.put((byte) 1);
                out.put((byte) (r.getBoolean(2) ? 1 : 0));
                for (int j = 0; j < flag.length; j++) {
                    if (flag[j]) {
                        out.put((byte) (r.isNullAt(j + 3) ? 2 : r.getBoolean(j + 3) ? 1 : 0));
                    } else {
                        // + 0.0 turns -0.0 into 0.0, as Spark normalises grouping keys
                        out.putDouble(r.isNullAt(j + 3) ? Double.NaN : r.getDouble(j + 3) + 0.0);
                    }
                }
            }
            int headBytes = 6;
            List<byte[]> codes = new ArrayList<>();
            for (UTF8String s : sites.keySet()) {
                codes.add(s.getBytes());
                headBytes += 2 + s.numBytes();
            }
            ByteBuffer packed = ByteBuffer.allocate(headBytes + out.position());
            packed.putInt(known).putShort((short) sites.size());
            for (byte[] c : codes) {
                packed.putShort((short) c.length).put(c);
            }
            packed.put(out.flip());
            return List.of(packed.array()).iterator();
        }
    }

    /**
     * The distinct (outcome, covariates) patterns of a model with the number of patients of each, sorted: the
     * patients with the first covariate known (with {@code allKnown}: every covariate known), missing values of
     * the others kept as NaN, as Spark counted a model's patterns.
     */
    CovariatePatterns patterns(List<String> model, boolean allKnown) {
        return patterns(model, allKnown, 20, 63);
    }

    /**
     * {@link #patterns(List, boolean)}: keys of at most {@code maxCountedBits} counted in an array indexed by the
     * key, else keys of at most {@code maxPackedBits} sorted as longs, else the patients sorted by their ranks.
     * All three give the same patterns in the same order (the test runs each).
     */
    CovariatePatterns patterns(List<String> model, boolean allKnown, int maxCountedBits, int maxPackedBits) {
        int k = model.size();
        int[] index = new int[k];
        int[] bits = new int[k];
        int[] missing = new int[k];
        int totalBits = 1;
        for (int j = 0; j < k; j++) {
            index[j] = indexOf(model.get(j));
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
        if (totalBits <= Math.min(30, maxCountedBits)) {
            // few possible keys (binary feature, grade, size): patients counted per key, keys read in order
            long[] perKey = new long[1 << totalBits];
            for (int r = 0; r < m; r++) {
                perKey[(int) key(kept[r], index, bits)]++;
            }
            int p = 0;
            for (long c : perKey) {
                p += c > 0 ? 1 : 0;
            }
            long[] keys = new long[p];
            long[] counts = new long[p];
            int at = 0;
            for (int key = 0; key < perKey.length; key++) {
                if (perKey[key] > 0) {
                    keys[at] = key;
                    counts[at++] = perKey[key];
                }
            }
            return fromKeys(model, index, bits, keys, counts);
        }
        if (totalBits <= Math.min(63, maxPackedBits)) {
            // (outcome, rank 0, rank 1, ...) packed high to low: the order of the longs is the patterns' order
            long[] keys = new long[m];
            for (int r = 0; r < m; r++) {
                keys[r] = key(kept[r], index, bits);
            }
            Arrays.sort(keys);
            int p = 0;
            for (int r = 0; r < m; r++) {
                if (r == 0 || keys[r] != keys[r - 1]) {
                    p++;
                }
            }
            long[] distinctKeys = new long[p];
            long[] counts = new long[p];
            int at = -1;
            for (int r = 0; r < m; r++) {
                if (r == 0 || keys[r] != keys[r - 1]) {
                    distinctKeys[++at] = keys[r];
                }
                counts[at]++;
            }
            return fromKeys(model, index, bits, distinctKeys, counts);
        }
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
        double[][] values = new double[k][p];
        boolean[] y = new boolean[p];
        long[] counts = new long[p];
        int at = -1;
        for (int r = 0; r < m; r++) {
            int i = order[r];
            if (r == 0 || same.compare(i, order[r - 1]) != 0) {
                at++;
                for (int j = 0; j < k; j++) {
                    values[j][at] = distinct[index[j]][rank[index[j]][i]];
                }
                y[at] = outcome[i];
            }
            counts[at]++;
        }
        return new CovariatePatterns(model, values, y, counts);
    }

    /** A patient's (outcome, rank 0, rank 1, ...) packed high to low: the order of the keys is the patterns' order. */
    private long key(int i, int[] index, int[] bits) {
        long key = outcome[i] ? 1 : 0;
        for (int j = 0; j < index.length; j++) {
            key = (key << bits[j]) | rank[index[j]][i];
        }
        return key;
    }

    /** The patterns of distinct keys (sorted) with their counts. */
    private CovariatePatterns fromKeys(List<String> model, int[] index, int[] bits, long[] keys, long[] counts) {
        int k = index.length;
        double[][] values = new double[k][keys.length];
        boolean[] y = new boolean[keys.length];
        for (int p = 0; p < keys.length; p++) {
            long key = keys[p];
            for (int j = k - 1; j >= 0; j--) {
                values[j][p] = distinct[index[j]][(int) (key & ((1L << bits[j]) - 1))];
                key >>>= bits[j];
            }
            y[p] = key != 0;
        }
        return new CovariatePatterns(model, values, y, counts);
    }
}
