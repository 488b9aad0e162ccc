package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
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
import org.lmsregistry.analysis.stats.CountedValues;
import org.lmsregistry.analysis.stats.PairwiseProportionComparisons;
import org.lmsregistry.analysis.stats.Proportion;
import org.lmsregistry.analysis.stats.ProportionHomogeneityTest;
import org.lmsregistry.analysis.stats.StudiesPerDetection;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.SurveillanceResult;
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

    /** Grade groups of the yield strata, by their code in the Spark aggregation. */
    static final List<String> GRADE_GROUPS = List.of("UNKNOWN", "G1", "G2-G3");

    /** Follow-up intervals of the yield strata, by their code in the Spark aggregation. */
    static final List<String> INTERVALS = List.of("0-2 y", "2-3 y", "3-5 y", ">5 y");

    /** Recurrence kinds of the detection share, by their code in the Spark aggregation. */
    static final List<String> RECURRENCE_KINDS = List.of("LOCAL_RECURRENCE", "DISTANT_METASTASIS");

    public static AnalysisResult run(AnalysisContext ctx) {
        long t0 = System.nanoTime();
        Aggregates a = aggregate(ctx);
        t0 = ctx.lap("aggregateSeconds", t0);
        List<Row> cube = a.cube();

        AnalysisResult result = new AnalysisResult("yield", "Recurrence-detection yield of surveillance imaging by "
                + "modality");
        List<String> modalities = modalities(cube);
        long[][] overall = sums(cube, r -> "", modalities).getOrDefault("", new long[modalities.size()][4]);
        modalityTable(ctx, result, modalities, overall);
        strataTables(ctx, result, cube, modalities);
        shareTables(ctx, result, a.share(), a.delays());
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

    /**
     * What Spark computes for the tables: the surveillance cube (one row per modality, body region, primary
     * location, grade group and follow-up interval with [studies, detections, local, distant]), the recorded
     * recurrences by kind and first finder, and the delays by first finder as value counts.
     */
    record Aggregates(List<Row> cube, Map<String, Map<String, Long>> share, Map<String, CountedValues> delays) {
    }

    /**
     * The Spark part, in two queries that never shuffle study rows: the studies are joined with patient-level
     * tables by broadcast on the 64-bit patient key, and grouped on few, small values (codes of the model's
     * vocabularies, labelled after the aggregation).
     * <ol>
     * <li>the detecting studies: the cohort's recorded recurrences name their detecting study; only the studies
     * of patients with such a recurrence (a broadcast semi-join on the key, before the study id is read) are
     * matched with the named (key, study id) pairs, and the few that match are joined back to the recurrences,
     * which are collected once with their detecting study's modality and day (a few hundred thousand rows at
     * most). The first finder of each recurrence is its detecting study's modality and day, or the clinic on the
     * event's day;</li>
     * <li>the cohort's surveillance studies ({@link SurveillanceStudies}: coded once, and cached when several
     * jobs of a session read them), in two aggregations of one query: joined with the cohort's patients
     * (location, grade group and surgery day; broadcast) they are counted per modality, body region, location,
     * grade group and follow-up interval (the cube, grouped on small codes alone unless a value lies outside the
     * vocabularies); and the negative studies of the patients with a finding (each day on which a patient's
     * recurrence was found, with the patient's finding day before it: broadcast) are each assigned to the first
     * finding day after it by a hash join on the key with a range condition, so that
     * the latest negative day before each finding day is the maximum over the finding days up to it of a plain
     * maximum per (patient, finding day), a long and an int, partly aggregated where the studies lie.</li>
     * </ol>
     * The delay is the finding day minus the latest negative day before it. The recurrences are then counted by
     * kind, first finder and delay, which gives both the share and the delay quartiles (exact, from the value
     * counts).
     */
    static Aggregates aggregate(AnalysisContext ctx) {
        Dataset<Row> cohort = ctx.cohort().patients();
        Column patientKey = PatientTable.keyFor(ctx.data(), cohort).as(PatientTable.KEY);
        long t0 = System.nanoTime();
        List<Found> found = firstFinders(ctx, cohort, patientKey);
        t0 = ctx.lap("detectingStudiesSeconds", t0);
        // each patient's finding days, sorted and distinct
        Map<Object, java.util.TreeSet<Integer>> findingDays = new java.util.HashMap<>();
        for (Found f : found) {
            if (f.foundDay() != null) {
                findingDays.computeIfAbsent(f.patient(), k -> new java.util.TreeSet<>()).add(f.foundDay());
            }
        }
        Map<Object, java.util.TreeMap<Integer, Integer>> lastNegativeBefore = new java.util.HashMap<>();
        List<Row> cube = new ArrayList<>();
        for (Row r : surveillance(ctx, cohort, patientKey, findingDays).collectAsList()) {
            if (r.getByte(r.fieldIndex("negatives_set")) == 0) {
                if (!r.isNullAt(r.fieldIndex("finding_patient"))) {
                    lastNegativeBefore.computeIfAbsent(r.get(r.fieldIndex("finding_patient")),
                            k -> new java.util.TreeMap<>()).put(r.getInt(r.fieldIndex("next_finding_day")),
                                    r.getInt(r.fieldIndex("last_negative_day")));
                }
            } else {
                cube.add(r);
            }
        }
        ctx.lap("surveillanceStudiesSeconds", t0);

        java.util.Set<Finding> findings = new java.util.HashSet<>();
        for (Found f : found) {
            Integer negative = null;
            if (f.foundDay() != null && lastNegativeBefore.containsKey(f.patient())) {
                // negatives before the finding day were assigned to a finding day up to it
                for (int day : lastNegativeBefore.get(f.patient()).headMap(f.foundDay(), true).values()) {
                    negative = negative == null ? day : Math.max(negative, day);
                }
            }
            findings.add(new Finding(f.patient(), f.eventId(), f.kind(), f.foundBy(), f.foundDay(),
                    negative == null ? null : f.foundDay() - negative));
        }
        Map<String, Map<String, Long>> share = new TreeMap<>();
        Map<String, Map<Double, Long>> delayCounts = new TreeMap<>();
        for (Finding f : findings) {
            share.computeIfAbsent(f.kind(), k -> new TreeMap<>()).merge(f.foundBy(), 1L, Long::sum);
            if (f.delay() != null) {
                delayCounts.computeIfAbsent(f.foundBy(), k -> new TreeMap<>()).merge((double) f.delay(), 1L,
                        Long::sum);
            }
        }
        Map<String, CountedValues> delays = new TreeMap<>();
        delayCounts.forEach((finder, counts) -> delays.put(finder, CountedValues.of(counts)));
        return new Aggregates(cube, share, delays);
    }

    /**
     * The surveillance studies of the cohort aggregated twice (see {@link #aggregate}): the cube rows (modality,
     * body region, primary location, grade group, interval, studies, detections, local, distant; labelled), with
     * {@code negatives_set} 1; and the latest negative day per (finding_patient, next_finding_day), with
     * {@code negatives_set} 0. Two aggregations rather than grouping sets, so that neither hashes the other's
     * keys: the cube's 8.8 million rows (at 10M exams) take small codes only, and the negatives only the negative
     * studies of patients with a finding.
     */
    private static Dataset<Row> surveillance(AnalysisContext ctx, Dataset<Row> cohort, Column patientKey,
            Map<Object, java.util.TreeSet<Integer>> findingDays) {
        String key = PatientTable.KEY;
        Column grade = col(PatientTable.GRADE);
        Dataset<Row> patients = ctx.patientLevel(cohort.select(col(key),
                Vocabulary.code(col(PatientTable.LOCATION), PrimaryLocation.values()).as("location_code"),
                Vocabulary.other(col(PatientTable.LOCATION), PrimaryLocation.values()).as("location_other"),
                code(GRADE_GROUPS, when(grade.isNull(), "UNKNOWN").when(grade.equalTo("G1"), "G1")
                        .otherwise("G2-G3")).as("grade_code"),
                coalesce(col(PatientTable.SURGERY_DAY), lit(0)).as("origin_day")));
        // each finding day of a patient with the one before it: the negative studies on or after the previous finding
        // day and before this one are the ones whose next finding day it is
        StructType intervalSchema = new StructType().add("days_patient", cohort.schema().apply(key).dataType(), false)
                .add("next_finding_day", DataTypes.IntegerType, false)
                .add("previous_finding_day", DataTypes.IntegerType, true);
        List<Row> intervals = new ArrayList<>();
        findingDays.forEach((patient, days) -> {
            Integer previous = null;
            for (Integer day : days) {
                intervals.add(RowFactory.create(patient, day, previous));
                previous = day;
            }
        });
        Dataset<Row> findingIntervals = ctx.patientLevel(ctx.spark().createDataFrame(intervals, intervalSchema));

        Column years = col("day").minus(col("origin_day")).divide(365.25);
        Column confirmed = col(SurveillanceStudies.FINDING_CONFIRMED).equalTo(true);
        Column detected = SurveillanceStudies.resultIn(SurveillanceResult::isRecurrence).and(confirmed);
        Column local = SurveillanceStudies.resultIn(SurveillanceResult::findsLocal).and(confirmed);
        Column distant = SurveillanceStudies.resultIn(SurveillanceResult::findsDistant).and(confirmed);
        Column negative = SurveillanceStudies.resultIn(r -> r == SurveillanceResult.NO_EVIDENCE_OF_DISEASE)
                .and(col(SurveillanceStudies.DAY).isNotNull());
        Column interval = code(INTERVALS, when(years.lt(2), "0-2 y").when(years.lt(3), "2-3 y").when(years.lt(5),
                "3-5 y").otherwise(">5 y"));
        Dataset<Row> studies = ctx.surveillanceStudies();
        // values outside the vocabularies (only from an unchecked source) keep their own groups; when there are
        // none the cube is grouped on small codes alone, which Spark's generated fast hash map takes
        boolean others = ctx.surveillanceStudiesMayHoldOtherValues() || !cohort.where(
                col(PatientTable.LOCATION).isNotNull().and(Vocabulary.code(col(PatientTable.LOCATION),
                        PrimaryLocation.values()).equalTo(0))).isEmpty();
        Column noValue = lit(null).cast(DataTypes.StringType);
        Dataset<Row> rows = studies.select(col(key), col(SurveillanceStudies.DAY).as("day"),
                        col(SurveillanceStudies.MODALITY_CODE).as("modality_code"),
                        (others ? col(SurveillanceStudies.MODALITY_OTHER) : noValue).as("modality_other"),
                        col(SurveillanceStudies.REGION_CODE).as("region_code"),
                        (others ? col(SurveillanceStudies.REGION_OTHER) : noValue).as("region_other"),
                        detected.as("detected"), local.as("local"), distant.as("distant"))
                .join(patients, key)
                .select(col("modality_code"), col("modality_other"), col("region_code"), col("region_other"),
                        col("location_code"), others ? col("location_other") : noValue.as("location_other"),
                        col("grade_code"), interval.as("interval_code"), col("detected"), col("local"),
                        col("distant"));
        List<Column> cubeColumns = new ArrayList<>(List.of(col("modality_code"), col("region_code"),
                col("location_code"), col("grade_code"), col("interval_code")));
        if (others) {
            cubeColumns.addAll(List.of(col("modality_other"), col("region_other"), col("location_other")));
        }
        Column noDay = lit(null).cast(DataTypes.IntegerType);
        Dataset<Row> cube = rows.groupBy(cubeColumns.toArray(Column[]::new))
                .agg(count(lit(1)).as("studies"), sum(when(col("detected"), 1).otherwise(0)).as("detections"),
                        sum(when(col("local"), 1).otherwise(0)).as("local"),
                        sum(when(col("distant"), 1).otherwise(0)).as("distant"))
                // the labels back on the few aggregated cube rows
                .select(Vocabulary.label(col("modality_code"), others ? col("modality_other") : noValue,
                        Modality.values()).as("modality"),
                        Vocabulary.label(col("region_code"), others ? col("region_other") : noValue,
                                BodyRegion.values()).as("body_region"),
                        Vocabulary.label(col("location_code"), others ? col("location_other") : noValue,
                                PrimaryLocation.values()).as(PatientTable.LOCATION),
                        label(GRADE_GROUPS, col("grade_code")).as("grade_group"),
                        label(INTERVALS, col("interval_code")).as("interval"), col("studies"), col("detections"),
                        col("local"), col("distant"), lit((byte) 1).as("negatives_set"),
                        lit(null).cast(cohort.schema().apply(key).dataType()).as("finding_patient"),
                        noDay.as("next_finding_day"), noDay.as("last_negative_day"));

        // the negative studies of the patients with a finding, each assigned to the first finding day after it (the
        // one interval of its patient that holds its day: a hash join on the key with a range condition, no array
        // per study); the latest of them per (patient, finding day) is a plain maximum
        Dataset<Row> negatives = studies.where(negative)
                .select(col(key), col(SurveillanceStudies.DAY).as("day"))
                .join(findingIntervals, col(key).equalTo(col("days_patient"))
                        .and(col("day").lt(col("next_finding_day")))
                        .and(col("previous_finding_day").isNull().or(col("day").geq(col("previous_finding_day")))))
                .select(col(key).as("finding_patient"), col("next_finding_day"), col("day"))
                .groupBy(col("finding_patient"), col("next_finding_day"))
                .agg(functions.max(col("day")).as("last_negative_day"))
                .select(lit(null).cast(DataTypes.StringType).as("modality"),
                        lit(null).cast(DataTypes.StringType).as("body_region"),
                        lit(null).cast(DataTypes.StringType).as(PatientTable.LOCATION),
                        lit(null).cast(DataTypes.StringType).as("grade_group"),
                        lit(null).cast(DataTypes.StringType).as("interval"), lit(0L).as("studies"),
                        lit(0L).as("detections"), lit(0L).as("local"), lit(0L).as("distant"),
                        lit((byte) 0).as("negatives_set"), col("finding_patient"), col("next_finding_day"),
                        col("last_negative_day"));
        return cube.unionByName(negatives);
    }

    /**
     * A recorded recurrence with its first finder (a modality, or {@link #CLINICAL}), the day it was found and
     * the days since the patient's latest negative surveillance study before (null: none, or no finding day).
     * Counted once when equal.
     */
    record Finding(Object patient, Object eventId, String kind, String foundBy, Integer foundDay, Integer delay) {
    }

    /** A recurrence's first finder and the day it was found (null when neither study nor event has a day). */
    record Found(Object patient, Object eventId, String kind, String foundBy, Integer foundDay) {
    }

    /**
     * The cohort's recorded recurrences, each with its first finder: one per recurrence (distinct patient, event
     * id, kind, day and detecting study), or one per detecting study should the study id occur twice for the
     * patient.
     */
    static List<Found> firstFinders(AnalysisContext ctx, Dataset<Row> cohort, Column patientKey) {
        String key = PatientTable.KEY;
        Dataset<Row> recurrences = ctx.data().table(RecordType.OUTCOME_EVENT)
                .where(col("kind").isin(RECURRENCE_KINDS.toArray()))
                .select(patientKey, col("event_id"), col("kind"), col("day").as("event_day"),
                        col("detected_by_study_id"))
                .join(ctx.patientLevel(cohort.select(col(key))), key, "left_semi")
                .distinct();

        // the detecting studies named by the recurrences, all in Spark: the studies of the patients who have one
        // first (a semi-join on the key, so that the study ids of the other patients' studies are never decoded),
        // then the exact (key, study id); at most a few per patient, so they are broadcast back to the recurrences
        Dataset<Row> named = recurrences.where(col("detected_by_study_id").isNotNull())
                .select(col(key), col("detected_by_study_id").as("study_id"));
        Dataset<Row> detecting = ctx.data().table(RecordType.IMAGING_STUDY)
                .select(patientKey, col("study_id"), col("modality"), col("day"))
                .join(ctx.patientLevel(named.select(col(key)).distinct()), key, "left_semi")
                .join(ctx.patientLevel(named.distinct()), new String[] {key, "study_id"}, "left_semi")
                .select(col(key).as("study_patient"), col("study_id"), col("modality").as("study_modality"),
                        col("day").as("study_day"));
        List<Row> rows = recurrences.join(ctx.patientLevel(detecting), col(key).equalTo(col("study_patient"))
                        .and(col("detected_by_study_id").equalTo(col("study_id"))), "left")
                .select(col(key), col("event_id"), col("kind"), col("event_day"), col("study_patient"),
                        col("study_modality"), col("study_day"))
                .collectAsList();

        // each recurrence's first finders: its detecting studies (modality, day; a study without either leaves the
        // clinic, the event's day), or the clinic on the event's day; a recurrence whose detecting study id occurs
        // twice for the patient has a row (a finder) for each
        List<Found> found = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Integer eventDay = r.isNullAt(3) ? null : r.getInt(3);
            boolean byStudy = !r.isNullAt(4);
            found.add(new Found(r.get(0), r.get(1), r.getString(2),
                    byStudy && !r.isNullAt(5) ? r.getString(5) : CLINICAL,
                    byStudy && !r.isNullAt(6) ? Integer.valueOf(r.getInt(6)) : eventDay));
        }
        return found;
    }

    /** A label column as its (byte) index in the list of labels: Spark groups the code, not the string. */
    private static Column code(List<String> labels, Column label) {
        Column c = null;
        for (int i = 0; i < labels.size(); i++) {
            c = c == null ? when(label.equalTo(labels.get(i)), i) : c.when(label.equalTo(labels.get(i)), i);
        }
        return c.cast("byte");
    }

    /** The label of a code made by {@link #code}. */
    private static Column label(List<String> labels, Column code) {
        Column c = null;
        for (int i = 0; i < labels.size(); i++) {
            c = c == null ? when(code.equalTo(i), labels.get(i)) : c.when(code.equalTo(i), labels.get(i));
        }
        return c;
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

    private static void shareTables(AnalysisContext ctx, AnalysisResult result, Map<String, Map<String, Long>> share,
            Map<String, CountedValues> delays) {
        // finders x kinds (local recurrence, distant metastasis), with totals: ANY per finder and per kind
        List<String> kinds = RECURRENCE_KINDS;
        Map<String, long[]> byFinder = new TreeMap<>();
        share.forEach((kind, finders) -> {
            int k = kinds.indexOf(kind);
            if (k >= 0) {
                finders.forEach((finder, n) -> byFinder.computeIfAbsent(finder, x -> new long[2])[k] += n);
            }
        });
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
        for (Map.Entry<String, CountedValues> r : delays.entrySet()) {
            String finder = r.getKey();
            long n = r.getValue().n();
            ShownCount c = ctx.suppression().show(n);
            if (n < ctx.minCell()) {
                d.row(finder, c, null, null, null);
                continue;
            }
            double q1 = r.getValue().quantile(0.25);
            double median = r.getValue().quantile(0.5);
            double q3 = r.getValue().quantile(0.75);
            d.row(finder, c, q1, median, q3);
            result.add(Estimate.of("detection_delay/" + finder, "Median delay from the last negative study, "
                    + finder, "median_days", "Exact sample quartiles (Spark percentile)").value(median)
                    .count("recurrences", c).detail("q1", q1).detail("q3", q3).build());
        }
        result.add(d.build());
    }
}
