package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.disclosure.ShownCount;
import org.lmsregistry.analysis.disclosure.SuppressedTable;
import org.lmsregistry.analysis.output.AnalysisResult;
import org.lmsregistry.analysis.output.Estimate;
import org.lmsregistry.analysis.output.Plots;
import org.lmsregistry.analysis.output.ResultTable;
import org.lmsregistry.analysis.stats.Proportion;
import org.lmsregistry.analysis.stats.ProportionHomogeneityTest;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.synthetic.SurveillanceSchedule;
import org.lmsregistry.model.validation.SurveillanceGuideline;

/**
 * Adherence to the surveillance guideline ({@link SurveillanceGuideline}, the validator's lenient reading):
 * the share of follow-up intervals in which the patient was imaged as the guideline says, by site and grade
 * group, for three measures:
 * <ul>
 * <li><b>any imaging</b>: any surveillance study in the interval (the validator's reading);</li>
 * <li><b>primary site</b>: the primary site imaged as recommended: MRI of the primary site for extremity,
 * trunk, skin and head-and-neck tumours; CT or MRI of the abdomen and pelvis for the others; whole-body
 * PET-CT counts for both;</li>
 * <li><b>chest</b>: chest CT (or whole-body PET-CT; a chest X-ray does not count), in intervals of the
 * grade's schedule for G2-G3 and of 12 months for G1 (the guideline's "chest imaging at longer
 * intervals").</li>
 * </ul>
 * Intervals run back to back from the end of primary treatment ({@link SurveillanceGuideline#primaryTreatmentEndDay}),
 * each as long as the guideline's longest accepted gap at its start (tolerance included), while the patient
 * is alive, recurrence-free ({@link SurveillanceGuideline#surveillanceEndDay}) and followed; only complete
 * intervals count, up to {@code maxYears}. Also reported: the share of gaps between visits that the
 * validator would flag as overdue ({@link SurveillanceGuideline#overdueGaps}). The per-patient work runs on
 * the executors, over each cohort patient's records packed into 64-bit codes ({@link #perPatientRecords}); only
 * the sums per site and grade group reach the driver.
 */
public final class AdherenceJob {

    static final String[] MEASURES = {"any", "primary_site", "chest"};

    private AdherenceJob() {
    }

    static StructType countsSchema() {
        return DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
            DataTypes.createStructField(PatientTable.SITE, DataTypes.StringType, false),
            DataTypes.createStructField("grade_group", DataTypes.StringType, false),
            DataTypes.createStructField("applies", DataTypes.IntegerType, false),
            DataTypes.createStructField("any_intervals", DataTypes.IntegerType, false),
            DataTypes.createStructField("any_adherent", DataTypes.IntegerType, false),
            DataTypes.createStructField("primary_site_intervals", DataTypes.IntegerType, false),
            DataTypes.createStructField("primary_site_adherent", DataTypes.IntegerType, false),
            DataTypes.createStructField("chest_intervals", DataTypes.IntegerType, false),
            DataTypes.createStructField("chest_adherent", DataTypes.IntegerType, false),
            DataTypes.createStructField("gaps", DataTypes.IntegerType, false),
            DataTypes.createStructField("overdue_gaps", DataTypes.IntegerType, false)});
    }

    public static AnalysisResult run(AnalysisContext ctx, int maxYears) {
        long t0 = System.nanoTime();
        // partial sums per site and grade group from each partition; added up below
        List<Row> sums = perPatientRecords(ctx).mapPartitions(new PatientAdherence(maxYears),
                Encoders.row(countsSchema())).collectAsList();
        t0 = ctx.lap("aggregateSeconds", t0);

        AnalysisResult result = new AnalysisResult("adherence", "Adherence to the surveillance imaging guideline");
        // site -> grade group -> counts; and "ALL" grade group
        Map<String, Map<String, long[]>> bySite = new TreeMap<>();
        for (Row r : sums) {
            long[] v = new long[9];
            for (int i = 0; i < 9; i++) {
                v[i] = Rows.count(r, countsSchema().fieldNames()[i + 2]);
            }
            add(bySite.computeIfAbsent(r.getString(0), k -> new TreeMap<>()), r.getString(1), v);
            add(bySite.get(r.getString(0)), DescribeJob.OVERALL, v);
        }
        List<String> sites = new ArrayList<>(bySite.keySet());
        ResultTable.Builder t = ResultTable.builder("adherence_by_site",
                "Share of guideline intervals with the recommended imaging, by site and grade group")
                .text("site", "Site code, or ALL").text("grade_group", "G1, G2-G3 or ALL")
                .text("measure", "any, primary_site or chest").count("intervals", "Complete guideline intervals")
                .count("adherent", "Intervals with the recommended imaging").number("share", "Adherent share")
                .number("lower", "Lower Wilson limit").number("upper", "Upper Wilson limit");
        ResultTable.Builder g = ResultTable.builder("overdue_gaps_by_site",
                "Gaps between surveillance visits longer than the guideline allows (the validator's warning)")
                .text("site", "Site code, or ALL").count("patients", "Patients the schedule applies to")
                .count("gaps", "Gaps between visits").count("overdue", "Overdue gaps").number("share", "Overdue share");
        Map<String, List<Plots.IntervalRow>> plots = new LinkedHashMap<>();
        for (String m : MEASURES) {
            plots.put(m, new ArrayList<>());
        }
        List<String> groups = List.of("G1", "G2-G3", DescribeJob.OVERALL);
        Map<String, long[]> overallByGroup = new TreeMap<>();
        for (String s : sites) {
            bySite.get(s).forEach((grp, v) -> add(overallByGroup, grp, v));
        }
        List<String> siteRows = new ArrayList<>(sites);
        siteRows.add(DescribeJob.OVERALL);
        List<String> gradeGroups = List.of("G1", "G2-G3");
        for (int mi = 0; mi < MEASURES.length; mi++) {
            String measure = MEASURES[mi];
            if (sites.isEmpty()) {
                break;
            }
            // sites x grade groups, adherent intervals and all intervals, each suppressed with its totals (the
            // ALL group per site is the row total, ALL sites the column total)
            long[][] adherentCells = new long[sites.size()][2];
            long[][] intervalCells = new long[sites.size()][2];
            for (int si = 0; si < sites.size(); si++) {
                for (int gi = 0; gi < 2; gi++) {
                    long[] v = bySite.get(sites.get(si)).getOrDefault(gradeGroups.get(gi), new long[9]);
                    adherentCells[si][gi] = v[2 + 2 * mi];
                    intervalCells[si][gi] = v[1 + 2 * mi];
                }
            }
            SuppressedTable adh = Disclosure.table(ctx.suppression(), adherentCells);
            SuppressedTable ivl = Disclosure.table(ctx.suppression(), intervalCells);
            for (int gi = 0; gi <= 2; gi++) {
                String grp = groups.get(gi);
                for (int si = 0; si <= sites.size(); si++) {
                    boolean allSites = si == sites.size();
                    boolean allGroups = gi == 2;
                    ShownCount adherent = allSites && allGroups ? adh.grandTotal() : allSites ? adh.columnTotals().get(gi)
                            : allGroups ? adh.rowTotals().get(si) : adh.cell(si, gi);
                    ShownCount intervals = allSites && allGroups ? ivl.grandTotal() : allSites ? ivl.columnTotals().get(gi)
                            : allGroups ? ivl.rowTotals().get(si) : ivl.cell(si, gi);
                    long x = total(adherentCells, allSites ? -1 : si, allGroups ? -1 : gi);
                    long n = total(intervalCells, allSites ? -1 : si, allGroups ? -1 : gi);
                    String site = siteRows.get(si);
                    if (n == 0 || adherent.suppressed() || intervals.suppressed()) {
                        t.row(site, grp, measure, intervals, adherent, null, null, null);
                        continue;
                    }
                    Proportion p = Proportion.wilson(x, n, ctx.confidenceLevel());
                    t.row(site, grp, measure, intervals, adherent, p.estimate(), p.lower(), p.upper());
                    result.add(Estimate.of("adherence/" + measure + "/" + grp + "/" + site, "Adherence (" + measure
                            + "), " + grp + ", site " + site, "proportion", "Wilson score interval")
                            .value(p.estimate()).interval(p.lower(), p.upper(), p.confidenceLevel())
                            .count("intervals", intervals).count("adherent", adherent).build());
                    if (allGroups) {
                        plots.get(measure).add(new Plots.IntervalRow(site, 100 * p.estimate(), 100 * p.lower(),
                                100 * p.upper(), allSites));
                    }
                }
                long[][] homogeneity = new long[sites.size()][2];
                for (int si = 0; si < sites.size(); si++) {
                    long x = total(adherentCells, si, gi == 2 ? -1 : gi);
                    homogeneity[si][0] = x;
                    homogeneity[si][1] = total(intervalCells, si, gi == 2 ? -1 : gi) - x;
                }
                homogeneity(result, measure, grp, homogeneity);
            }
        }
        long[][] gapCells = new long[sites.size()][2];
        for (int si = 0; si < sites.size(); si++) {
            long[] v = bySite.get(sites.get(si)).getOrDefault(DescribeJob.OVERALL, new long[9]);
            gapCells[si][0] = v[8];
            gapCells[si][1] = v[7] - v[8];
        }
        if (!sites.isEmpty()) {
            SuppressedTable st = Disclosure.table(ctx.suppression(), firstColumn(gapCells));
            long[][] gapTotals = new long[sites.size()][1];
            for (int si = 0; si < sites.size(); si++) {
                gapTotals[si][0] = gapCells[si][0] + gapCells[si][1];
            }
            SuppressedTable gt = Disclosure.table(ctx.suppression(), gapTotals);
            for (int si = 0; si <= sites.size(); si++) {
                boolean all = si == sites.size();
                long applies = 0;
                if (all) {
                    for (String s : sites) {
                        applies += bySite.get(s).getOrDefault(DescribeJob.OVERALL, new long[9])[0];
                    }
                } else {
                    applies = bySite.get(sites.get(si)).getOrDefault(DescribeJob.OVERALL, new long[9])[0];
                }
                ShownCount overdue = all ? st.columnTotals().get(0) : st.cell(si, 0);
                long n = all ? sumColumn(gapCells, 0) + sumColumn(gapCells, 1) : gapCells[si][0] + gapCells[si][1];
                ShownCount gaps = all ? gt.columnTotals().get(0) : gt.cell(si, 0);
                long x = all ? sumColumn(gapCells, 0) : gapCells[si][0];
                g.row(siteRows.get(si), ctx.suppression().show(applies), gaps, overdue,
                        overdue.suppressed() || gaps.suppressed() || n == 0 ? null : (double) x / n);
            }
        }
        result.add(t.build());
        result.add(g.build());
        for (String m : MEASURES) {
            result.add(new AnalysisResult.ReportFigure("adherence_" + m, "Adherence by site: " + m,
                    Plots.intervals("Intervals with the recommended imaging (" + m + "), %", "% of guideline intervals "
                            + "(Wilson 95% limits)", plots.get(m), false, null),
                    "All grades; the diamond is all sites together."));
        }
        long patientsApplied = overallByGroup.getOrDefault(DescribeJob.OVERALL, new long[9])[0];
        result.summary().put("patientsScheduleAppliesTo", ctx.suppression().show(patientsApplied));
        result.summary().put("maxYears", maxYears);
        result.note("Guideline: SurveillanceGuideline, lenient reading (G2-G3: 4 months to year 2, 6 months to year 5, "
                + "then 12 months; G1: 6 months to year 3, then 12 months), each interval plus "
                + SurveillanceGuideline.DEFAULT_TOLERANCE_DAYS + " days of tolerance. Chest intervals of G1 patients "
                + "are 12 months plus tolerance.");
        result.note("Patients without a known grade, without primary treatment or without follow-up are not counted. "
                + "Heterogeneity across sites: chi-square test of equal proportions (as R prop.test).");
        ctx.lap("statisticsSeconds", t0);
        return result;
    }

    /** The sum over a row (or all rows, -1) and a column (or all columns, -1). */
    private static long total(long[][] cells, int row, int column) {
        long s = 0;
        for (int i = 0; i < cells.length; i++) {
            for (int j = 0; j < cells[i].length; j++) {
                if ((row < 0 || row == i) && (column < 0 || column == j)) {
                    s += cells[i][j];
                }
            }
        }
        return s;
    }

    /** The first column as a one-column table: the successes, published with their total only. */
    private static long[][] firstColumn(long[][] cells) {
        long[][] out = new long[cells.length][1];
        for (int i = 0; i < cells.length; i++) {
            out[i][0] = cells[i][0];
        }
        return out;
    }

    private static long sumColumn(long[][] cells, int j) {
        long s = 0;
        for (long[] r : cells) {
            s += r[j];
        }
        return s;
    }

    private static void add(Map<String, long[]> m, String k, long[] v) {
        long[] acc = m.computeIfAbsent(k, x -> new long[v.length]);
        for (int i = 0; i < v.length; i++) {
            acc[i] += v[i];
        }
    }

    private static void homogeneity(AnalysisResult result, String measure, String grp, long[][] cells) {
        List<Long> x = new ArrayList<>();
        List<Long> n = new ArrayList<>();
        for (long[] c : cells) {
            if (c[0] + c[1] > 0) {
                x.add(c[0]);
                n.add(c[0] + c[1]);
            }
        }
        Estimate.Builder e = Estimate.of("adherence/" + measure + "/" + grp + "/homogeneity", "Equal adherence ("
                + measure + ") across sites, " + grp, "homogeneity_test", "Chi-square test of equal proportions");
        if (x.size() < 2) {
            result.add(e.flag("not_estimable").detail("reason", "fewer than 2 sites with intervals").build());
            return;
        }
        try {
            ProportionHomogeneityTest.Result r = ProportionHomogeneityTest.of(x.stream().mapToLong(Long::longValue)
                    .toArray(), n.stream().mapToLong(Long::longValue).toArray());
            result.add(e.test("chi-square", r.statistic(), r.degreesOfFreedom(), r.pValue()).build());
        } catch (IllegalArgumentException ex) {
            result.add(e.flag("not_estimable").detail("reason", ex.getMessage()).build());
        }
    }

    // One long per record, so that the shuffle and the sort carry two primitive columns (patient key, record)
    // instead of structs of strings: the day in the high bits (sorting the longs sorts a patient's records by
    // day), then a few small codes, then what kind of record it is.
    static final int TAG_BITS = 2;
    static final int CODE_BITS = 8;
    static final int DAY_SHIFT = TAG_BITS + CODE_BITS;
    static final int STUDY = 0;
    static final int TREATMENT = 1;
    static final int EVENT = 2;
    static final int PATIENT = 3;
    // study codes: modality (3 bits), body region (3 bits), confirmed detection (1 bit)
    static final int REGION_SHIFT = 3;
    static final int CONFIRMED_DETECTION = 1 << 6;
    // patient codes: grade (2 bits), abdominal primary (1 bit), end of follow-up known (1 bit)
    static final int ABDOMINAL = 1 << 2;
    static final int END_DAY_KNOWN = 1 << 3;
    static final String RECORD = "record";

    /**
     * The cohort's records that the guideline needs, one row (patient key, packed record, site) each: a row per
     * cohort patient (grade, primary region, end of follow-up; the only row with the site) and a row per dated
     * surveillance study, treatment and outcome event of those patients. The record tables are filtered to the
     * cohort where they are read (a semi-join with the cohort's keys, broadcast while the cohort is small
     * enough) and keep only what the rules read, as codes of the model's vocabularies. Undated records are left
     * out: the rules place no undated study, treatment or event. Rows are hash-partitioned on the patient key and
     * sorted by key, so a patient's records arrive together; each row holds a run of records (see
     * {@link ConsecutiveRuns}).
     */
    static Dataset<Row> perPatientRecords(AnalysisContext ctx) {
        Dataset<Row> cohort = ctx.cohort().patients();
        Column key = PatientTable.keyFor(ctx.data(), cohort).as(PatientTable.KEY);
        Dataset<Row> cohortKeys = ctx.patientLevel(cohort.select(col(PatientTable.KEY)));
        List<String> abdominal = new ArrayList<>();
        for (PrimaryLocation l : PrimaryLocation.values()) {
            if (SurveillanceSchedule.primarySiteRegion(l) == BodyRegion.ABDOMEN_PELVIS) {
                abdominal.add(l.name());
            }
        }
        Column noSite = lit(null).cast(DataTypes.StringType).as(PatientTable.SITE);
        Dataset<Row> patients = cohort.select(col(PatientTable.KEY),
                packed(coalesce(col(PatientTable.END_DAY), lit(0)), PATIENT, code(col(PatientTable.GRADE),
                        FnclccGrade.values())
                        .bitwiseOR(when(col(PatientTable.LOCATION).isin(abdominal.toArray()), ABDOMINAL).otherwise(0))
                        .bitwiseOR(when(col(PatientTable.END_DAY).isNotNull(), END_DAY_KNOWN).otherwise(0))),
                col(PatientTable.SITE));
        Dataset<Row> studies = ctx.surveillanceStudies().where(col(SurveillanceStudies.DAY).isNotNull())
                .select(col(PatientTable.KEY), packed(col(SurveillanceStudies.DAY), STUDY,
                        col(SurveillanceStudies.MODALITY_CODE).cast(DataTypes.IntegerType)
                        .bitwiseOR(functions.shiftleft(col(SurveillanceStudies.REGION_CODE)
                                .cast(DataTypes.IntegerType), REGION_SHIFT))
                        .bitwiseOR(when(SurveillanceStudies.resultIn(SurveillanceResult::isRecurrence)
                                .and(coalesce(col(SurveillanceStudies.FINDING_CONFIRMED), lit(false))),
                                CONFIRMED_DETECTION).otherwise(0))), noSite);
        Dataset<Row> treatments = ctx.data().table(RecordType.TREATMENT).where(col("start_day").isNotNull())
                .select(key, packed(col("start_day"), TREATMENT, code(col("setting"), TreatmentSetting.values())),
                        noSite);
        Dataset<Row> events = ctx.data().table(RecordType.OUTCOME_EVENT).where(col("day").isNotNull())
                .select(key, packed(col("day"), EVENT, code(col("kind"), OutcomeKind.values())), noSite);
        Dataset<Row> records = studies.union(treatments).union(events).join(cohortKeys, PatientTable.KEY, "left_semi");
        Dataset<Row> all = patients.union(records);
        // consecutive records of a patient are joined into one row before the shuffle (registries are mostly written
        // patient by patient, so this shuffles about a row per patient and table instead of a row per study);
        // sorted on the key alone: a single 64-bit key lets Spark radix-sort; each patient's few studies are put in
        // order of day on the executor (Patient#countInto)
        return all.mapPartitions(new ConsecutiveRuns(), Encoders.row(runSchema(all.schema().apply(PatientTable.KEY)
                .dataType()))).repartition(col(PatientTable.KEY)).sortWithinPartitions(col(PatientTable.KEY));
    }

    static final String RECORDS = "records";

    /** Rows of {@link ConsecutiveRuns}: the patient key, the records as 8-byte big-endian longs, and the site. */
    static StructType runSchema(org.apache.spark.sql.types.DataType keyType) {
        return DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
            DataTypes.createStructField(PatientTable.KEY, keyType, false),
            DataTypes.createStructField(RECORDS, DataTypes.BinaryType, false),
            DataTypes.createStructField(PatientTable.SITE, DataTypes.StringType, true)});
    }

    /**
     * Joins the consecutive (key, record, site) rows of a partition that share a key into one (key, records, site)
     * row, lazily. Correct in any row order (a patient's records may come in several runs; they meet after the
     * shuffle); small when a patient's records lie together, as they do in snapshots written patient by patient.
     */
    static final class ConsecutiveRuns implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                private Row pending = rows.hasNext() ? rows.next() : null;
                private java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8 * 64);

                @Override
                public boolean hasNext() {
                    return pending != null;
                }

                @Override
                public Row next() {
                    if (pending == null) {
                        throw new java.util.NoSuchElementException();
                    }
                    Object key = pending.get(0);
                    String site = null;
                    buffer.clear();
                    while (pending != null && pending.get(0).equals(key)) {
                        if (buffer.remaining() < 8) {
                            java.nio.ByteBuffer larger = java.nio.ByteBuffer.allocate(2 * buffer.capacity());
                            buffer.flip();
                            larger.put(buffer);
                            buffer = larger;
                        }
                        buffer.putLong(pending.getLong(1));
                        if (!pending.isNullAt(2)) {
                            site = pending.getString(2);
                        }
                        pending = rows.hasNext() ? rows.next() : null;
                    }
                    return RowFactory.create(key, Arrays.copyOf(buffer.array(), buffer.position()), site);
                }
            };
        }
    }

    /** A vocabulary value as its ordinal plus one (0: none or unknown), by the enum's names. */
    static Column code(Column name, Enum<?>[] values) {
        return Vocabulary.code(name, values);
    }

    /** The decoded value of {@link #code}, or null for 0. */
    static <E extends Enum<E>> E decode(int code, E[] values) {
        return code == 0 ? null : values[code - 1];
    }

    private static Column packed(Column day, int tag, Column codes) {
        return functions.shiftleft(day.cast(DataTypes.LongType), DAY_SHIFT)
                .bitwiseOR(functions.shiftleft(codes.cast(DataTypes.LongType), TAG_BITS)).bitwiseOR(lit((long) tag))
                .as(RECORD);
    }

    /**
     * Counts the guideline intervals and gaps of the patients of a partition (runs on the executors), whose
     * records arrive together ({@link #perPatientRecords}); returns the sums per site and
     * grade group of the partition.
     */
    static final class PatientAdherence implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int maxYears;

        PatientAdherence(int maxYears) {
            this.maxYears = maxYears;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            SurveillanceGuideline guideline = SurveillanceGuideline.standard();
            Map<List<String>, int[]> sums = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                    .thenComparing(k -> k.get(1)));
            Patient p = new Patient();
            Object key = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                Object k = r.get(0);
                if (!k.equals(key)) {
                    p.countInto(guideline, maxYears, sums);
                    p.clear();
                    key = k;
                }
                java.nio.ByteBuffer records = java.nio.ByteBuffer.wrap((byte[]) r.get(1));
                String site = r.isNullAt(2) ? null : r.getString(2);
                while (records.hasRemaining()) {
                    p.add(records.getLong(), site);
                }
            }
            p.countInto(guideline, maxYears, sums);
            List<Row> out = new ArrayList<>();
            sums.forEach((k, c) -> out.add(row(k.get(0), k.get(1), c)));
            return out.iterator();
        }

        private static Row row(String site, String group, int[] c) {
            Object[] v = new Object[11];
            v[0] = site;
            v[1] = group;
            for (int i = 0; i < 9; i++) {
                v[i + 2] = c[i];
            }
            return RowFactory.create(v);
        }
    }

    /** One patient's records, decoded from {@link #perPatientRecords}; reused from patient to patient. */
    static final class Patient {
        String site;
        int gradeCode;
        boolean abdominal;
        Integer endDay;
        int studies;
        long[] studyRecords = new long[64];
        // the studies in order of day, decoded by sortStudies()
        int[] studyDays = new int[64];
        int[] studyCodes = new int[64];
        int treatments;
        int[] treatmentDays = new int[8];
        int[] treatmentCodes = new int[8];
        int events;
        int[] eventDays = new int[8];
        int[] eventCodes = new int[8];

        void clear() {
            site = null;
            studies = 0;
            treatments = 0;
            events = 0;
        }

        void add(long record, String siteCode) {
            int tag = (int) (record & ((1 << TAG_BITS) - 1));
            int codes = (int) ((record >>> TAG_BITS) & ((1 << CODE_BITS) - 1));
            int day = (int) (record >> DAY_SHIFT);
            switch (tag) {
                case PATIENT -> {
                    site = siteCode;
                    gradeCode = codes & 3;
                    abdominal = (codes & ABDOMINAL) != 0;
                    endDay = (codes & END_DAY_KNOWN) != 0 ? day : null;
                }
                case STUDY -> {
                    if (studies == studyRecords.length) {
                        studyRecords = Arrays.copyOf(studyRecords, 2 * studies);
                    }
                    studyRecords[studies++] = record;
                }
                case TREATMENT -> {
                    if (treatments == treatmentDays.length) {
                        treatmentDays = Arrays.copyOf(treatmentDays, 2 * treatments);
                        treatmentCodes = Arrays.copyOf(treatmentCodes, 2 * treatments);
                    }
                    treatmentDays[treatments] = day;
                    treatmentCodes[treatments++] = codes;
                }
                default -> {
                    if (events == eventDays.length) {
                        eventDays = Arrays.copyOf(eventDays, 2 * events);
                        eventCodes = Arrays.copyOf(eventCodes, 2 * events);
                    }
                    eventDays[events] = day;
                    eventCodes[events++] = codes;
                }
            }
        }

        /** Puts the studies in order of day (the day is in the high bits of the records) and decodes them. */
        void sortStudies() {
            Arrays.sort(studyRecords, 0, studies);
            if (studyDays.length < studies) {
                studyDays = new int[studyRecords.length];
                studyCodes = new int[studyRecords.length];
            }
            for (int i = 0; i < studies; i++) {
                studyDays[i] = (int) (studyRecords[i] >> DAY_SHIFT);
                studyCodes[i] = (int) ((studyRecords[i] >>> TAG_BITS) & ((1 << CODE_BITS) - 1));
            }
        }

        /** Adds this patient's counts to the sums by site and grade group (nothing when no patient row came). */
        void countInto(SurveillanceGuideline guideline, int maxYears, Map<List<String>, int[]> sums) {
            if (site == null) {
                return;
            }
            sortStudies();
            FnclccGrade grade = decode(gradeCode, FnclccGrade.values());
            String group = grade == null ? "UNKNOWN" : grade == FnclccGrade.G1 ? "G1" : "G2-G3";
            int[] acc = sums.computeIfAbsent(List.of(site, group), k -> new int[9]);
            int[] c = counts(guideline, grade, maxYears);
            if (c != null) {
                for (int i = 0; i < 9; i++) {
                    acc[i] += c[i];
                }
            }
        }

        /** The patient's counts (see {@link #countsSchema}), or null when the schedule does not apply. */
        int[] counts(SurveillanceGuideline guideline, FnclccGrade grade, int maxYears) {
            if (grade == null || endDay == null) {
                return null;
            }
            // the surveillance end by the model's rule: first recurrence or death event, or confirmed detection
            int surveillanceEnd = Integer.MAX_VALUE;
            for (int i = 0; i < events; i++) {
                if (SurveillanceGuideline.endsSurveillance(decode(eventCodes[i], OutcomeKind.values()))) {
                    surveillanceEnd = Math.min(surveillanceEnd, eventDays[i]);
                }
            }
            for (int i = 0; i < studies; i++) {
                if ((studyCodes[i] & CONFIRMED_DETECTION) != 0) {
                    surveillanceEnd = Math.min(surveillanceEnd, studyDays[i]);
                }
            }
            // the end of primary treatment: the latest start of a primary treatment (the model's rule)
            boolean treated = false;
            int start = 0;
            for (int i = 0; i < treatments; i++) {
                TreatmentSetting setting = decode(treatmentCodes[i], TreatmentSetting.values());
                if (SurveillanceGuideline.isPrimaryTreatment(setting, treatmentDays[i], surveillanceEnd)
                        && (!treated || treatmentDays[i] > start)) {
                    treated = true;
                    start = treatmentDays[i];
                }
            }
            if (!treated) {
                return null;
            }
            int end = Math.min(Math.min(surveillanceEnd, endDay), start + (int) Math.round(maxYears * 365.25));
            int[] c = new int[9];
            c[0] = 1;
            // any imaging and primary site: the grade's schedule; the studies are in order of day, so each interval
            // starts looking where the one before it stopped
            int s = start;
            int first = 0;
            while (true) {
                int length = guideline.maxIntervalDays(grade, s - start);
                if (s + length > end) {
                    break;
                }
                while (first < studies && studyDays[first] < s) {
                    first++;
                }
                boolean any = false;
                boolean primary = false;
                for (int i = first; i < studies && studyDays[i] < s + length; i++) {
                    any = true;
                    primary |= imagesPrimarySite(studyCodes[i], abdominal);
                }
                c[1]++;
                c[2] += any ? 1 : 0;
                c[3]++;
                c[4] += primary ? 1 : 0;
                s += length;
            }
            // chest: the grade's schedule for G2-G3, 12 months for G1
            s = start;
            first = 0;
            while (true) {
                int length = grade.isHighGrade() ? guideline.maxIntervalDays(grade, s - start)
                        : SurveillanceGuideline.monthsToDays(12) + guideline.toleranceDays();
                if (s + length > end) {
                    break;
                }
                while (first < studies && studyDays[first] < s) {
                    first++;
                }
                boolean chest = false;
                for (int i = first; i < studies && studyDays[i] < s + length; i++) {
                    chest |= imagesChest(studyCodes[i]);
                }
                c[5]++;
                c[6] += chest ? 1 : 0;
                s += length;
            }
            int[] days = Arrays.copyOf(studyDays, studies);
            int gapEnd = Math.min(surveillanceEnd, endDay);
            int gaps = 0;
            for (int d : days) {
                if (d > start && d <= gapEnd) {
                    gaps++;
                }
            }
            c[7] = gaps;
            c[8] = guideline.overdueGaps(grade, start, gapEnd, days).size();
            return c;
        }

        /**
         * The primary site imaged as recommended: MRI of the primary site, or CT or MRI of the abdomen and pelvis
         * for abdominal primaries; whole-body PET-CT counts for both.
         */
        static boolean imagesPrimarySite(int studyCodes, boolean abdominal) {
            Modality modality = decode(studyCodes & 7, Modality.values());
            BodyRegion region = decode((studyCodes >> REGION_SHIFT) & 7, BodyRegion.values());
            if (region == BodyRegion.WHOLE_BODY && modality == Modality.PET_CT) {
                return true;
            }
            if (abdominal) {
                return region == BodyRegion.ABDOMEN_PELVIS && (modality == Modality.CT || modality == Modality.MRI);
            }
            return region == BodyRegion.PRIMARY_SITE && modality == Modality.MRI;
        }

        /** Chest CT or whole-body PET-CT (a chest X-ray does not count). */
        static boolean imagesChest(int studyCodes) {
            Modality modality = decode(studyCodes & 7, Modality.values());
            BodyRegion region = decode((studyCodes >> REGION_SHIFT) & 7, BodyRegion.values());
            return (region == BodyRegion.CHEST && modality == Modality.CT)
                    || (region == BodyRegion.WHOLE_BODY && modality == Modality.PET_CT);
        }
    }
}
