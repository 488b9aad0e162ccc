package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
import org.lmsregistry.model.code.CauseOfDeath;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.SurgicalMargin;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.validation.SurveillanceGuideline;

import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

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
 * the executors; only the sums per site and grade group reach the driver.
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
        // grouped and joined on the patient table's 64-bit key, computed where each table is read
        Column key = PatientTable.keyFor(ctx.cohort().patients()).as(PatientTable.KEY);
        Dataset<Row> patients = ctx.cohort().patients().select(col(PatientTable.SITE), col(PatientTable.PSEUDONYM),
                col(PatientTable.GRADE), col(PatientTable.LOCATION), col(PatientTable.END_DAY), col(PatientTable.KEY));
        Dataset<Row> studies = ctx.data().table(RecordType.IMAGING_STUDY).where(col("purpose").equalTo("SURVEILLANCE"))
                .groupBy(key)
                .agg(collect_list(struct(col("day"), col("modality"), col("body_region"), col("result"),
                        col("finding_confirmed"))).as("studies"));
        Dataset<Row> treatments = ctx.data().table(RecordType.TREATMENT)
                .groupBy(key)
                .agg(collect_list(struct(col("treatment_id"), col("kind"), col("setting"), col("start_day"),
                        col("surgical_margin"))).as("treatments"));
        Dataset<Row> events = ctx.data().table(RecordType.OUTCOME_EVENT)
                .groupBy(key)
                .agg(collect_list(struct(col("event_id"), col("kind"), col("day"), col("locations"),
                        col("detected_by_study_id"), col("cause_of_death"))).as("events"));
        Dataset<Row> joined = patients.join(studies, PatientTable.KEY, "left").join(treatments, PatientTable.KEY, "left")
                .join(events, PatientTable.KEY, "left");
        Dataset<Row> perPatient = joined.mapPartitions(new PatientAdherence(maxYears), Encoders.row(countsSchema()));
        List<Row> sums = perPatient.groupBy(PatientTable.SITE, "grade_group").agg(sum("applies").as("applies"),
                sum("any_intervals").as("any_intervals"), sum("any_adherent").as("any_adherent"),
                sum("primary_site_intervals").as("primary_site_intervals"),
                sum("primary_site_adherent").as("primary_site_adherent"), sum("chest_intervals").as("chest_intervals"),
                sum("chest_adherent").as("chest_adherent"), sum("gaps").as("gaps"),
                sum("overdue_gaps").as("overdue_gaps")).collectAsList();
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

    /** Counts one patient's guideline intervals and gaps (runs on the executors). */
    static final class PatientAdherence implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int maxYears;

        PatientAdherence(int maxYears) {
            this.maxYears = maxYears;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            SurveillanceGuideline guideline = SurveillanceGuideline.standard();
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                out.add(patient(guideline, rows.next()));
            }
            return out.iterator();
        }

        private Row patient(SurveillanceGuideline guideline, Row r) {
            String site = r.getString(r.fieldIndex(PatientTable.SITE));
            String gradeText = Rows.string(r, PatientTable.GRADE);
            String group = gradeText == null ? "UNKNOWN" : gradeText.equals("G1") ? "G1" : "G2-G3";
            int[] zero = new int[9];
            Integer endDay = Rows.integer(r, PatientTable.END_DAY);
            if (gradeText == null || endDay == null) {
                return row(site, group, zero);
            }
            FnclccGrade grade = FnclccGrade.valueOf(gradeText);
            String pseudonym = r.getString(r.fieldIndex(PatientTable.PSEUDONYM));
            List<OutcomeEvent> events = new ArrayList<>();
            for (Row e : list(r, "events")) {
                String kind = e.getString(1);
                EnumSet<FindingLocation> locations = EnumSet.noneOf(FindingLocation.class);
                if (!e.isNullAt(3)) {
                    for (Object l : CollectionConverters.asJava((Seq<?>) e.get(3))) {
                        locations.add(FindingLocation.valueOf(l.toString()));
                    }
                }
                events.add(new OutcomeEvent(site, pseudonym, e.getString(0), OutcomeKind.valueOf(kind), e.getInt(2),
                        locations, e.isNullAt(4) ? null : e.getString(4),
                        e.isNullAt(5) ? null : CauseOfDeath.valueOf(e.getString(5))));
            }
            List<Row> studies = new ArrayList<>(list(r, "studies"));
            studies.sort((a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
            // the surveillance end by the model's rule: first recurrence or death event, or confirmed detection
            int surveillanceEnd = SurveillanceGuideline.surveillanceEndDay(events, List.of());
            for (Row s : studies) {
                if (isConfirmedDetection(s)) {
                    surveillanceEnd = Math.min(surveillanceEnd, s.getInt(0));
                }
            }
            List<Treatment> treatments = new ArrayList<>();
            for (Row t : list(r, "treatments")) {
                treatments.add(new Treatment(site, pseudonym, t.getString(0), TreatmentKind.valueOf(t.getString(1)),
                        TreatmentSetting.valueOf(t.getString(2)), t.getInt(3),
                        t.isNullAt(4) ? null : SurgicalMargin.valueOf(t.getString(4))));
            }
            OptionalInt treatmentEnd = SurveillanceGuideline.primaryTreatmentEndDay(treatments, surveillanceEnd);
            if (treatmentEnd.isEmpty()) {
                return row(site, group, zero);
            }
            int start = treatmentEnd.getAsInt();
            int end = Math.min(Math.min(surveillanceEnd, endDay), start + (int) Math.round(maxYears * 365.25));
            String location = Rows.string(r, PatientTable.LOCATION);
            boolean abdominal = location != null && org.lmsregistry.model.synthetic.SurveillanceSchedule
                    .primarySiteRegion(org.lmsregistry.model.code.PrimaryLocation.valueOf(location))
                    .name().equals("ABDOMEN_PELVIS");
            int[] c = new int[9];
            c[0] = 1;
            // any imaging and primary site: the grade's schedule
            int s = start;
            while (true) {
                int length = guideline.maxIntervalDays(grade, s - start);
                if (s + length > end) {
                    break;
                }
                boolean any = false;
                boolean primary = false;
                for (Row st : studies) {
                    int day = st.getInt(0);
                    if (day >= s && day < s + length) {
                        any = true;
                        primary |= imagesPrimarySite(st, abdominal);
                    }
                }
                c[1]++;
                c[2] += any ? 1 : 0;
                c[3]++;
                c[4] += primary ? 1 : 0;
                s += length;
            }
            // chest: the grade's schedule for G2-G3, 12 months for G1
            s = start;
            while (true) {
                int length = grade.isHighGrade() ? guideline.maxIntervalDays(grade, s - start)
                        : SurveillanceGuideline.monthsToDays(12) + guideline.toleranceDays();
                if (s + length > end) {
                    break;
                }
                boolean chest = false;
                for (Row st : studies) {
                    int day = st.getInt(0);
                    chest |= day >= s && day < s + length && imagesChest(st);
                }
                c[5]++;
                c[6] += chest ? 1 : 0;
                s += length;
            }
            int[] days = studies.stream().mapToInt(x -> x.getInt(0)).toArray();
            int gapEnd = Math.min(surveillanceEnd, endDay);
            int gaps = 0;
            for (int d : days) {
                if (d > start && d <= gapEnd) {
                    gaps++;
                }
            }
            c[7] = gaps;
            c[8] = guideline.overdueGaps(grade, start, gapEnd, days).size();
            return row(site, group, c);
        }

        private static boolean isConfirmedDetection(Row s) {
            String result = s.isNullAt(3) ? null : s.getString(3);
            boolean recurrence = "LOCAL_RECURRENCE".equals(result) || "DISTANT_METASTASIS".equals(result)
                    || "LOCAL_AND_DISTANT".equals(result);
            return recurrence && !s.isNullAt(4) && s.getBoolean(4);
        }

        private static boolean imagesPrimarySite(Row s, boolean abdominal) {
            String modality = s.getString(1);
            String region = s.getString(2);
            if ("WHOLE_BODY".equals(region) && "PET_CT".equals(modality)) {
                return true;
            }
            if (abdominal) {
                return "ABDOMEN_PELVIS".equals(region) && ("CT".equals(modality) || "MRI".equals(modality));
            }
            return "PRIMARY_SITE".equals(region) && "MRI".equals(modality);
        }

        private static boolean imagesChest(Row s) {
            String modality = s.getString(1);
            String region = s.getString(2);
            return ("CHEST".equals(region) && "CT".equals(modality))
                    || ("WHOLE_BODY".equals(region) && "PET_CT".equals(modality));
        }

        private static List<Row> list(Row r, String field) {
            int i = r.fieldIndex(field);
            if (r.isNullAt(i)) {
                return List.of();
            }
            return r.getList(i);
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
}
