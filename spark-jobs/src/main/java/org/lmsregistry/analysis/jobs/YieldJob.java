package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.disclosure.ShownCount;
import org.lmsregistry.analysis.disclosure.SuppressedTable;
import org.lmsregistry.analysis.output.AnalysisResult;
import org.lmsregistry.analysis.output.Estimate;
import org.lmsregistry.analysis.output.Plots;
import org.lmsregistry.analysis.output.ResultTable;
import org.lmsregistry.analysis.stats.PairwiseProportionComparisons;
import org.lmsregistry.analysis.stats.Proportion;
import org.lmsregistry.analysis.stats.ProportionHomogeneityTest;
import org.lmsregistry.analysis.stats.StudiesPerDetection;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.record.RecordType;

/**
 * Recurrence-detection yield of surveillance imaging by modality: confirmed detections / surveillance
 * studies with Wilson intervals, by stratum (grade group, primary location, follow-up interval, recurrence
 * type, body region), chi-square homogeneity across modalities, pairwise comparisons with Holm's
 * adjustment, studies per detection; and the detection share (of the recorded recurrences, which modality
 * found each first, or the clinic) with the delay from the previous negative study.
 */
public final class YieldJob {

    /** First finder of a recurrence without a detecting study. */
    public static final String CLINICAL = "CLINICAL";

    private YieldJob() {
    }

    /** The strata of the yield tables: name -> column of the study table. */
    static Map<String, String> strata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("grade_group", "grade_group");
        m.put("primary_location", PatientTable.LOCATION);
        m.put("follow_up_interval", "interval");
        m.put("body_region", "body_region");
        return m;
    }

    public static AnalysisResult run(AnalysisContext ctx) {
        long t0 = System.nanoTime();
        // joined on the patient table's 64-bit key, computed where each table is read
        String key = PatientTable.KEY;
        Column patientKey = PatientTable.keyFor(ctx.cohort().patients()).as(key);
        Dataset<Row> patients = ctx.cohort().patients().select(col(key), col(PatientTable.GRADE),
                col(PatientTable.LOCATION), col(PatientTable.SURGERY_DAY));
        Dataset<Row> studies = ctx.data().table(RecordType.IMAGING_STUDY);
        Column years = col("day").minus(coalesce(col(PatientTable.SURGERY_DAY), lit(0))).divide(365.25);
        Column confirmed = col("finding_confirmed").equalTo(true);
        Dataset<Row> surveillance = studies.where(col("purpose").equalTo("SURVEILLANCE"))
                .select(patientKey, col("day"), col("modality"), col("body_region"), col("result"),
                        col("finding_confirmed"))
                .join(patients, key)
                .select(col("modality"), col("body_region"), col(PatientTable.LOCATION),
                        when(col(PatientTable.GRADE).isNull(), "UNKNOWN").when(col(PatientTable.GRADE).equalTo("G1"),
                                "G1").otherwise("G2-G3").as("grade_group"),
                        when(years.lt(2), "0-2 y").when(years.lt(3), "2-3 y").when(years.lt(5), "3-5 y")
                                .otherwise(">5 y").as("interval"),
                        col("result").isin("LOCAL_RECURRENCE", "DISTANT_METASTASIS", "LOCAL_AND_DISTANT").and(confirmed)
                                .as("detected"),
                        col("result").isin("LOCAL_RECURRENCE", "LOCAL_AND_DISTANT").and(confirmed).as("local"),
                        col("result").isin("DISTANT_METASTASIS", "LOCAL_AND_DISTANT").and(confirmed).as("distant"));
        List<Row> cube = surveillance.groupBy("modality", "body_region", PatientTable.LOCATION, "grade_group",
                "interval").agg(count(lit(1)).as("studies"), sum(when(col("detected"), 1).otherwise(0)).as("detections"),
                sum(when(col("local"), 1).otherwise(0)).as("local"),
                sum(when(col("distant"), 1).otherwise(0)).as("distant")).collectAsList();

        // detection share and delay: recorded recurrences of the cohort's patients
        Dataset<Row> events = ctx.data().table(RecordType.OUTCOME_EVENT)
                .where(col("kind").isin("LOCAL_RECURRENCE", "DISTANT_METASTASIS"))
                .select(patientKey, col("event_id"), col("kind"), col("day").as("event_day"),
                        col("detected_by_study_id"))
                .join(patients.select(col(key)), key);
        Dataset<Row> detecting = studies.select(patientKey, col("study_id").as("detected_by_study_id"),
                col("modality").as("found_by"), col("day").as("study_day"));
        Dataset<Row> found = events.join(detecting, new String[] {key, "detected_by_study_id"}, "left")
                .withColumn("found_by", coalesce(col("found_by"), lit(CLINICAL)))
                .withColumn("found_day", coalesce(col("study_day"), col("event_day")));
        Dataset<Row> negatives = studies.where(col("purpose").equalTo("SURVEILLANCE")
                .and(col("result").equalTo("NO_EVIDENCE_OF_DISEASE")))
                .select(patientKey, col("day").as("negative_day"));
        Dataset<Row> withDelay = found.join(negatives, found.col(key).equalTo(negatives.col(key))
                .and(negatives.col("negative_day").lt(found.col("found_day"))), "left")
                .groupBy(found.col(key), found.col("event_id"), found.col("kind"), found.col("found_by"),
                        found.col("found_day"))
                .agg(org.apache.spark.sql.functions.max("negative_day").as("last_negative_day"))
                .withColumn("delay", col("found_day").minus(col("last_negative_day")));
        List<Row> share = withDelay.groupBy("kind", "found_by").agg(count(lit(1)).as("n")).collectAsList();
        List<Row> delays = withDelay.where(col("delay").isNotNull()).groupBy("found_by")
                .agg(count(lit(1)).as("n"), expr("percentile(delay, array(0.25, 0.5, 0.75))").as("q"))
                .orderBy("found_by").collectAsList();
        t0 = ctx.lap("aggregateSeconds", t0);

        AnalysisResult result = new AnalysisResult("yield", "Recurrence-detection yield of surveillance imaging by "
                + "modality");
        List<String> modalities = modalities(cube);
        long[][] overall = sums(cube, r -> "", modalities).getOrDefault("", new long[modalities.size()][4]);
        modalityTable(ctx, result, modalities, overall);
        strataTables(ctx, result, cube, modalities);
        shareTables(ctx, result, share, delays);
        long studiesTotal = 0;
        long detectionsTotal = 0;
        for (long[] m : overall) {
            studiesTotal += m[0];
            detectionsTotal += m[1];
        }
        result.summary().put("surveillanceStudies", ctx.suppression().show(studiesTotal));
        result.summary().put("confirmedDetections", ctx.suppression().show(detectionsTotal));
        result.summary().put("modalities", modalities);
        result.note("Yield = surveillance studies reporting a recurrence (local, distant or both) that was then "
                + "confirmed, over all surveillance studies of the cohort's patients. Wilson score intervals (as R "
                + "prop.test(correct = FALSE)); homogeneity across modalities by the chi-square test of R prop.test; "
                + "pairwise tests uncorrected with Holm's adjustment (as R pairwise.prop.test); studies per "
                + "detection = 1 / yield with inverted Wilson limits.");
        result.note("Follow-up interval: time from the primary surgery (from diagnosis when no surgery is recorded) "
                + "to the study. Recurrence type: local yield counts studies that found a local recurrence, distant "
                + "yield those that found a distant metastasis (a study finding both counts in each).");
        result.note("Detection share: of the recorded recurrences (local recurrence and distant metastasis events), "
                + "the share first found by each modality (the event's detecting study) or clinically (no detecting "
                + "study). Delay: days from the patient's last negative surveillance study before the finding.");
        ctx.lap("statisticsSeconds", t0);
        return result;
    }

    private static List<String> modalities(List<Row> cube) {
        List<String> out = new ArrayList<>();
        for (Modality m : Modality.values()) {
            for (Row r : cube) {
                if (r.getString(0).equals(m.name()) && !out.contains(m.name())) {
                    out.add(m.name());
                }
            }
        }
        return out;
    }

    /** Sums [studies, detections, local, distant] by a stratum level and modality. */
    private static Map<String, long[][]> sums(List<Row> cube, java.util.function.Function<Row, String> level,
            List<String> modalities) {
        Map<String, long[][]> out = new TreeMap<>();
        for (Row r : cube) {
            long[][] m = out.computeIfAbsent(level.apply(r), k -> new long[modalities.size()][4]);
            int i = modalities.indexOf(r.getString(0));
            m[i][0] += r.getLong(r.fieldIndex("studies"));
            m[i][1] += r.getLong(r.fieldIndex("detections"));
            m[i][2] += r.getLong(r.fieldIndex("local"));
            m[i][3] += r.getLong(r.fieldIndex("distant"));
        }
        return out;
    }

    /**
     * The success counts (e.g. detections) by modality after suppression, as a one-column table with its
     * total: a small count is hidden, and so is one more count of the column so that it cannot be recovered
     * from the total. Study counts (column 0) are suppressed the same way, on their own.
     */
    private static SuppressedTable shown(AnalysisContext ctx, long[][] m, int successColumn) {
        long[][] cells = new long[m.length][1];
        for (int i = 0; i < m.length; i++) {
            cells[i][0] = m[i][successColumn];
        }
        return Disclosure.table(ctx.suppression(), cells);
    }

    private static void modalityTable(AnalysisContext ctx, AnalysisResult result, List<String> modalities,
            long[][] m) {
        ResultTable.Builder b = ResultTable.builder("yield_by_modality", "Detection yield by modality")
                .text("modality", "Modality").count("studies", "Surveillance studies")
                .count("detections", "Confirmed detections").number("yield", "Detections per study")
                .number("lower", "Lower Wilson limit").number("upper", "Upper Wilson limit")
                .number("studies_per_detection", "Studies per detection").number("spd_lower", "Lower limit")
                .number("spd_upper", "Upper limit").count("local_detections", "Confirmed local recurrences found")
                .number("local_yield", "Local detections per study").count("distant_detections",
                        "Confirmed distant metastases found")
                .number("distant_yield", "Distant detections per study");
        SuppressedTable all = shown(ctx, m, 1);
        SuppressedTable local = shown(ctx, m, 2);
        SuppressedTable distant = shown(ctx, m, 3);
        SuppressedTable studyCounts = shown(ctx, m, 0);
        List<Plots.IntervalRow> plot = new ArrayList<>();
        for (int i = 0; i < modalities.size(); i++) {
            String mod = modalities.get(i);
            long studies = m[i][0];
            Object[] row = new Object[b.columnCount()];
            row[0] = mod;
            row[1] = studyCounts.cell(i, 0);
            row[2] = all.cell(i, 0);
            row[9] = local.cell(i, 0);
            row[11] = distant.cell(i, 0);
            if (studies > 0 && !all.cell(i, 0).suppressed() && !studyCounts.cell(i, 0).suppressed()) {
                StudiesPerDetection spd = StudiesPerDetection.of(m[i][1], studies);
                Proportion y = Proportion.wilson(m[i][1], studies, ctx.confidenceLevel());
                row[3] = y.estimate();
                row[4] = y.lower();
                row[5] = y.upper();
                row[6] = spd.estimate();
                row[7] = spd.lower();
                row[8] = spd.upper();
                result.add(Estimate.of("yield/" + mod, "Detection yield of " + mod, "proportion",
                        "Wilson score interval").value(y.estimate()).interval(y.lower(), y.upper(), y.confidenceLevel())
                        .count("studies", studyCounts.cell(i, 0)).count("detections", all.cell(i, 0))
                        .detail("studiesPerDetection", spd.estimate()).detail("studiesPerDetectionLower", spd.lower())
                        .detail("studiesPerDetectionUpper", spd.upper()).build());
                plot.add(new Plots.IntervalRow(mod, 100 * y.estimate(), 100 * y.lower(), 100 * y.upper(), false));
            }
            if (studies > 0 && !local.cell(i, 0).suppressed()) {
                row[10] = (double) m[i][2] / studies;
                Proportion y = Proportion.wilson(m[i][2], studies, ctx.confidenceLevel());
                result.add(Estimate.of("yield/" + mod + "/local", "Local-recurrence yield of " + mod, "proportion",
                        "Wilson score interval").value(y.estimate()).interval(y.lower(), y.upper(), y.confidenceLevel())
                        .count("detections", local.cell(i, 0)).build());
            }
            if (studies > 0 && !distant.cell(i, 0).suppressed()) {
                row[12] = (double) m[i][3] / studies;
                Proportion y = Proportion.wilson(m[i][3], studies, ctx.confidenceLevel());
                result.add(Estimate.of("yield/" + mod + "/distant", "Distant-metastasis yield of " + mod, "proportion",
                        "Wilson score interval").value(y.estimate()).interval(y.lower(), y.upper(), y.confidenceLevel())
                        .count("detections", distant.cell(i, 0)).build());
            }
            b.row(row);
        }
        b.row(DescribeJob.OVERALL, studyCounts.columnTotals().get(0), all.columnTotals().get(0), null, null, null, null,
                null,
                null, local.columnTotals().get(0), null, distant.columnTotals().get(0), null);
        b.note("Counts by modality are suppressed as one column with its total; local and distant detections "
                + "separately.");
        result.add(b.build());
        homogeneity(ctx, result, "yield/homogeneity", "all studies", modalities, m, 1);
        homogeneity(ctx, result, "yield/homogeneity/local", "local recurrence", modalities, m, 2);
        homogeneity(ctx, result, "yield/homogeneity/distant", "distant metastasis", modalities, m, 3);
        pairwise(ctx, result, modalities, m);
        result.add(new AnalysisResult.ReportFigure("yield_by_modality", "Detection yield by modality",
                Plots.intervals("Confirmed detections per 100 surveillance studies", "Yield, % (Wilson 95% limits)",
                        plot, false, null),
                "Yield of each modality over all surveillance studies of the cohort with Wilson intervals."));
    }

    private static void homogeneity(AnalysisContext ctx, AnalysisResult result, String id, String what,
            List<String> modalities, long[][] m, int column) {
        List<Long> x = new ArrayList<>();
        List<Long> n = new ArrayList<>();
        for (long[] row : m) {
            if (row[0] > 0) {
                x.add(row[column]);
                n.add(row[0]);
            }
        }
        Estimate.Builder e = Estimate.of(id, "Equal yield across modalities (" + what + ")", "homogeneity_test",
                "Chi-square test of equal proportions (as R prop.test)");
        try {
            ProportionHomogeneityTest.Result r = ProportionHomogeneityTest.of(x.stream().mapToLong(Long::longValue)
                    .toArray(), n.stream().mapToLong(Long::longValue).toArray());
            e.test("chi-square", r.statistic(), r.degreesOfFreedom(), r.pValue());
        } catch (IllegalArgumentException ex) {
            e.flag("not_estimable").detail("reason", ex.getMessage());
        }
        result.add(e.build());
    }

    private static void pairwise(AnalysisContext ctx, AnalysisResult result, List<String> modalities, long[][] m) {
        List<String> labels = new ArrayList<>();
        List<Long> x = new ArrayList<>();
        List<Long> n = new ArrayList<>();
        for (int i = 0; i < modalities.size(); i++) {
            if (m[i][0] > 0) {
                labels.add(modalities.get(i));
                x.add(m[i][1]);
                n.add(m[i][0]);
            }
        }
        ResultTable.Builder b = ResultTable.builder("yield_pairwise", "Pairwise comparisons of yield between "
                + "modalities").text("first", "Modality").text("second", "Modality")
                .number("p", "Chi-square p (no continuity correction)").number("holm_p", "Holm-adjusted p");
        if (labels.size() >= 2) {
            for (PairwiseProportionComparisons.Comparison c : PairwiseProportionComparisons.holm(labels,
                    x.stream().mapToLong(Long::longValue).toArray(), n.stream().mapToLong(Long::longValue).toArray())) {
                Double p = c.pValue().isPresent() ? c.pValue().getAsDouble() : null;
                Double holm = c.adjustedPValue().isPresent() ? c.adjustedPValue().getAsDouble() : null;
                b.row(c.first(), c.second(), p, holm);
                Estimate.Builder e = Estimate.of("yield/pairwise/" + c.first() + "_vs_" + c.second(), "Yield of "
                        + c.first() + " vs " + c.second(), "comparison",
                        "Chi-square test of two proportions without correction, Holm-adjusted (as R pairwise.prop.test)");
                if (p != null) {
                    e.test("chi-square", null, 1, p).detail("holmAdjustedP", holm);
                } else {
                    e.flag("not_testable");
                }
                result.add(e.build());
            }
        }
        result.add(b.build());
    }

    private static void strataTables(AnalysisContext ctx, AnalysisResult result, List<Row> cube,
            List<String> modalities) {
        ResultTable.Builder b = ResultTable.builder("yield_strata", "Detection yield by modality within strata")
                .text("stratum", "Stratum").text("level", "Level").text("modality", "Modality")
                .count("studies", "Surveillance studies").count("detections", "Confirmed detections")
                .number("yield", "Detections per study").number("lower", "Lower Wilson limit")
                .number("upper", "Upper Wilson limit");
        ResultTable.Builder h = ResultTable.builder("yield_homogeneity",
                "Chi-square tests of equal yield across modalities within each stratum level")
                .text("stratum", "Stratum").text("level", "Level").number("chi_square", "Statistic")
                .integer("df", "Degrees of freedom").number("p", "p-value");
        Map<String, java.util.function.Function<Row, String>> levels = new LinkedHashMap<>();
        for (Map.Entry<String, String> s : strata().entrySet()) {
            levels.put(s.getKey(), r -> r.getString(r.fieldIndex(s.getValue())));
        }
        for (Map.Entry<String, java.util.function.Function<Row, String>> s : levels.entrySet()) {
            stratum(ctx, result, b, h, s.getKey(), sums(cube, s.getValue(), modalities), modalities, 1);
        }
        Map<String, long[][]> all = sums(cube, r -> "", modalities);
        if (all.containsKey("")) {
            stratum(ctx, result, b, h, "recurrence_type", Map.of("local", all.get("")), modalities, 2);
            stratum(ctx, result, b, h, "recurrence_type", Map.of("distant", all.get("")), modalities, 3);
        }
        result.add(b.build());
        result.add(h.build());
    }

    /**
     * One stratum: detections and studies as levels x modalities tables whose column totals are the
     * overall counts by modality, suppressed jointly; a modality whose total had to be hidden in a
     * stratum has its whole column hidden there (the overall table publishes the totals).
     */
    private static void stratum(AnalysisContext ctx, AnalysisResult result, ResultTable.Builder b, ResultTable.Builder h,
            String stratum, Map<String, long[][]> byLevel, List<String> modalities, int column) {
        List<String> levels = new ArrayList<>(byLevel.keySet());
        long[][] det = new long[levels.size()][modalities.size()];
        long[][] stu = new long[levels.size()][modalities.size()];
        for (int l = 0; l < levels.size(); l++) {
            for (int i = 0; i < modalities.size(); i++) {
                det[l][i] = byLevel.get(levels.get(l))[i][column];
                stu[l][i] = byLevel.get(levels.get(l))[i][0];
            }
        }
        SuppressedTable detShown = columnsSafe(Disclosure.table(ctx.suppression(), det));
        SuppressedTable stuShown = columnsSafe(Disclosure.table(ctx.suppression(), stu));
        for (int l = 0; l < levels.size(); l++) {
            String level = levels.get(l);
            for (int i = 0; i < modalities.size(); i++) {
                ShownCount studies = stuShown.cell(l, i);
                ShownCount detections = detShown.cell(l, i);
                // a level without studies of the modality is left out, unless a count of it is hidden (a hidden
                // zero protects others; leaving the row out would publish it as zero)
                if (stu[l][i] == 0 && !studies.suppressed() && !detections.suppressed()) {
                    continue;
                }
                if (studies.suppressed() || detections.suppressed()) {
                    b.row(stratum, level, modalities.get(i), studies, detections, null, null, null);
                    continue;
                }
                Proportion y = Proportion.wilson(det[l][i], stu[l][i], ctx.confidenceLevel());
                b.row(stratum, level, modalities.get(i), studies, detections, y.estimate(), y.lower(), y.upper());
                result.add(Estimate.of("yield/" + stratum + "/" + level + "/" + modalities.get(i), "Yield of "
                        + modalities.get(i) + ", " + stratum + " " + level, "proportion",
                        "Wilson score interval").value(y.estimate()).interval(y.lower(), y.upper(), y.confidenceLevel())
                        .count("studies", studies).count("detections", detections).build());
            }
            List<Long> x = new ArrayList<>();
            List<Long> n = new ArrayList<>();
            for (int i = 0; i < modalities.size(); i++) {
                if (stu[l][i] > 0) {
                    x.add(det[l][i]);
                    n.add(stu[l][i]);
                }
            }
            if (x.size() >= 2) {
                try {
                    ProportionHomogeneityTest.Result r = ProportionHomogeneityTest.of(
                            x.stream().mapToLong(Long::longValue).toArray(), n.stream().mapToLong(Long::longValue)
                                    .toArray());
                    h.row(stratum, level, r.statistic(), r.degreesOfFreedom(), r.pValue());
                } catch (IllegalArgumentException ex) {
                    h.row(stratum, level, null, null, null);
                }
            }
        }
    }

    /** Hides every cell of a column whose total is hidden (the totals are published elsewhere, visible). */
    private static SuppressedTable columnsSafe(SuppressedTable t) {
        List<List<ShownCount>> cells = new ArrayList<>();
        for (List<ShownCount> row : t.cells()) {
            List<ShownCount> r = new ArrayList<>(row);
            for (int j = 0; j < r.size(); j++) {
                if (t.columnTotals().get(j).suppressed()) {
                    r.set(j, Disclosure.hidden());
                }
            }
            cells.add(r);
        }
        return new SuppressedTable(t.threshold(), cells, t.rowTotals(), t.columnTotals(), t.grandTotal());
    }

    private static void shareTables(AnalysisContext ctx, AnalysisResult result, List<Row> share, List<Row> delays) {
        // finders x kinds (local recurrence, distant metastasis), with totals: ANY per finder and per kind
        List<String> kinds = List.of("LOCAL_RECURRENCE", "DISTANT_METASTASIS");
        Map<String, long[]> byFinder = new TreeMap<>();
        for (Row r : share) {
            int k = kinds.indexOf(r.getString(0));
            if (k >= 0) {
                byFinder.computeIfAbsent(r.getString(1), x -> new long[2])[k] += r.getLong(2);
            }
        }
        ResultTable.Builder b = ResultTable.builder("detection_share",
                "Detection share: which modality first found each recorded recurrence")
                .text("recurrence", "LOCAL_RECURRENCE, DISTANT_METASTASIS or ANY").text("first_found_by",
                        "Modality of the detecting study, or CLINICAL")
                .count("recurrences", "Recurrences").number("share", "Share of the recurrences of the kind")
                .number("lower", "Lower Wilson limit").number("upper", "Upper Wilson limit");
        List<String> finders = new ArrayList<>(byFinder.keySet());
        if (!finders.isEmpty()) {
            long[][] cells = byFinder.values().toArray(long[][]::new);
            SuppressedTable st = Disclosure.table(ctx.suppression(), cells);
            for (int k = 0; k <= kinds.size(); k++) {
                boolean any = k == kinds.size();
                String kind = any ? "ANY" : kinds.get(k);
                long total = 0;
                for (long[] c : cells) {
                    total += any ? c[0] + c[1] : c[k];
                }
                ShownCount totalShown = any ? st.grandTotal() : st.columnTotals().get(k);
                for (int i = 0; i < finders.size(); i++) {
                    ShownCount c = any ? st.rowTotals().get(i) : st.cell(i, k);
                    long n = any ? cells[i][0] + cells[i][1] : cells[i][k];
                    if (c.suppressed() || total == 0) {
                        b.row(kind, finders.get(i), c, null, null, null);
                        continue;
                    }
                    Proportion p = Proportion.wilson(n, total, ctx.confidenceLevel());
                    b.row(kind, finders.get(i), c, p.estimate(), p.lower(), p.upper());
                    result.add(Estimate.of("detection_share/" + kind + "/" + finders.get(i), "Share of " + kind
                            + " first found by " + finders.get(i), "proportion", "Wilson score interval")
                            .value(p.estimate()).interval(p.lower(), p.upper(), p.confidenceLevel())
                            .count("recurrences", c).count("total", totalShown).build());
                }
                b.row(kind, DescribeJob.OVERALL, totalShown, null, null, null);
            }
        }
        result.add(b.build());
        ResultTable.Builder d = ResultTable.builder("detection_delay",
                "Days from the last negative surveillance study to the finding, by first finder")
                .text("first_found_by", "Modality or CLINICAL").count("recurrences",
                        "Recurrences with an earlier negative study")
                .number("q1", "First quartile, days").number("median", "Median, days").number("q3",
                        "Third quartile, days");
        for (Row r : delays) {
            long n = r.getLong(1);
            ShownCount c = ctx.suppression().show(n);
            if (n < ctx.minCell()) {
                d.row(r.getString(0), c, null, null, null);
                continue;
            }
            List<Double> q = r.getList(2);
            d.row(r.getString(0), c, q.get(0), q.get(1), q.get(2));
            result.add(Estimate.of("detection_delay/" + r.getString(0), "Median delay from the last negative study, "
                    + r.getString(0), "median_days", "Exact sample quartiles (Spark percentile)").value(q.get(1))
                    .count("recurrences", c).detail("q1", q.get(0)).detail("q3", q.get(2)).build());
        }
        result.add(d.build());
    }
}
