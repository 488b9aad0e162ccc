package org.lmsregistry.analysis.cohort;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.lmsregistry.analysis.spark.PatientKey;
import org.lmsregistry.analysis.spark.PatientLevelBroadcast;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.model.code.CauseOfDeath;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.SurgicalMargin;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.RecordType;

/**
 * One row per patient with what the analyses need, aggregated by Spark from the record tables: the
 * patient, the tumour (grade derived from its FNCLCC components by the registry model), the imaging
 * features (of the earliest study they were read on), the primary treatment and the first outcome of each
 * kind. Days count from diagnosis.
 */
public final class PatientTable {

    // identity and demography
    public static final String SITE = "site_code";
    public static final String PSEUDONYM = "patient_pseudonym";
    public static final String SEX = "sex";
    public static final String AGE = "age";
    public static final String DIAGNOSIS_YEAR = "diagnosis_year";
    // tumour
    public static final String LOCATION = "primary_location";
    public static final String DEPTH = "depth";
    public static final String DEEP = "deep";
    public static final String DIAMETER_MM = "diameter_mm";
    public static final String GRADE = "grade";
    /** Retroperitoneal or vascular (IVC) primary. */
    public static final String RETROPERITONEAL = "retroperitoneal";
    // imaging features
    public static final String HAS_FEATURES = "has_features";
    public static final String FEATURE_STUDY = "feature_study_id";
    public static final String IMAGING_DIAMETER_MM = "imaging_diameter_mm";
    public static final String MARGIN = "margin";
    /** Irregular or infiltrative margins on imaging. */
    public static final String IRREGULAR_MARGIN = "irregular_margin";
    public static final String HETEROGENEOUS = "heterogeneous";
    public static final String NECROSIS = "necrosis_present";
    public static final String PERIPHERAL_ENHANCEMENT = "peripheral_enhancement";
    public static final String HAEMORRHAGE = "haemorrhage";
    public static final String T2_SIGNAL = "t2_signal";
    public static final String ADC = "adc_mean";
    public static final String CALCIFICATION = "calcification";
    public static final String VESSEL_INVOLVEMENT = "vessel_involvement";
    public static final String ORGAN_WALL = "organ_wall_continuity";
    // treatment
    public static final String SURGERY_DAY = "surgery_day";
    public static final String SURGICAL_MARGIN = "surgical_margin";
    public static final String RADIOTHERAPY = "radiotherapy";
    public static final String NEOADJUVANT = "neoadjuvant";
    // outcomes
    public static final String LOCAL_RECURRENCE_DAY = "local_recurrence_day";
    public static final String METASTASIS_DAY = "metastasis_day";
    public static final String DEATH_DAY = "death_day";
    public static final String DEATH_CAUSE = "death_cause";
    /** End of follow-up: the latest event day (last follow-up or death). */
    public static final String END_DAY = "end_day";

    private PatientTable() {
    }

    /**
     * The patient's join key: a 64-bit hash of site code and pseudonym (a string pair of about 70 characters),
     * {@link PatientKey}, so that the joins and groupings that build this table shuffle and compare 8 bytes per
     * row. A snapshot of format version 2 stores it in every table (checked collision-free when written) and
     * it is read from there; for other sources it is computed where each table is read, and {@link #of} checks
     * that no two patients of the registry share it, and joins on the strings themselves if any do.
     */
    public static final String KEY = PatientKey.COLUMN;

    /** The hashed key of a table with site code and pseudonym columns. */
    static Column hashedKey() {
        return PatientKey.hash();
    }

    /** The collision-proof key: site code and pseudonym in one string (a pseudonym never holds a NUL). */
    static Column stringKey() {
        return functions.concat_ws("\u0000", col(SITE), col(PSEUDONYM));
    }

    /**
     * The expression that gives, on any table of the registry data, the key this patient table (or a cohort
     * selected from it) was built with: the 64-bit key ({@link RegistryData#patientKey}: the stored column when
     * the tables carry it, else the hash), or the string key if the patient table was built on it.
     */
    public static Column keyFor(RegistryData data, Dataset<Row> patientTable) {
        return patientTable.schema().apply(KEY).dataType().equals(DataTypes.LongType) ? data.patientKey()
                : stringKey();
    }

    /**
     * The FNCLCC grade as a built-in Spark expression (no Java UDF, so Spark's generated code evaluates it):
     * derived from differentiation, mitoses and necrosis when all three are known, else the stated grade. The
     * rules are {@link FnclccGrade}'s (mitotic score bands, necrosis scores, total score bands), spelled out
     * from its methods; {@code PatientTableTest} checks the expression against {@code Tumour.grade()} for every
     * combination of the components.
     */
    public static Column grade(Column differentiation, Column mitoses, Column necrosis, Column stated) {
        Column mitoticScore = when(mitoses.leq(9), FnclccGrade.mitoticScore(9))
                .when(mitoses.leq(19), FnclccGrade.mitoticScore(19)).otherwise(FnclccGrade.mitoticScore(20));
        Column necrosisScore = null;
        for (TumourNecrosis n : TumourNecrosis.values()) {
            necrosisScore = necrosisScore == null ? when(necrosis.equalTo(n.name()), n.score())
                    : necrosisScore.when(necrosis.equalTo(n.name()), n.score());
        }
        Column total = differentiation.plus(mitoticScore).plus(necrosisScore);
        Column derived = when(total.leq(3), FnclccGrade.ofTotalScore(3).name())
                .when(total.leq(5), FnclccGrade.ofTotalScore(5).name()).otherwise(FnclccGrade.ofTotalScore(8).name());
        return when(differentiation.isNotNull().and(mitoses.isNotNull()).and(necrosis.isNotNull()), derived)
                .otherwise(stated);
    }

    /**
     * The patient table of the registry (not cached). On a snapshot that carries the key, the key column is
     * joined on as it is (the snapshot was checked collision-free when written).
     */
    public static Dataset<Row> of(RegistryData data) {
        return data.carriesPatientKey() ? build(data, data.patientKey()) : of(data, hashedKey());
    }

    /** The patient table joined on the given hash of site code and pseudonym, or on the strings if it collides. */
    static Dataset<Row> of(RegistryData data, Column hash) {
        return build(data, collisionFree(data.table(RecordType.PATIENT), hash) ? hash : stringKey());
    }

    /** {@link PatientKey#collisionFree}. */
    static boolean collisionFree(Dataset<Row> patients, Column hash) {
        return PatientKey.collisionFree(patients, hash);
    }

    /** Whether no two rows of a table share a {@link #KEY}. */
    static boolean unique(Dataset<Row> keyed) {
        return PatientKey.unique(keyed);
    }

    /**
     * Whether a table holds at most one row per patient: as its snapshot's manifest records, else counted
     * (one aggregation of the keyed rows).
     */
    private static boolean holdsOneRowEach(RegistryData data, RecordType type, Dataset<Row> keyed) {
        return data.oneRowPerPatient(type).orElseGet(() -> unique(keyed));
    }

    /** The patient table joined on the given key expression. */
    static Dataset<Row> build(RegistryData data, Column keyExpression) {
        return build(data, keyExpression, true, broadcastable(data));
    }

    /** {@link #build(RegistryData, Column, boolean, boolean)}, its sides broadcast when the registry is small enough. */
    static Dataset<Row> build(RegistryData data, Column keyExpression, boolean oneRowEach) {
        return build(data, keyExpression, oneRowEach, broadcastable(data));
    }

    /**
     * Whether the registry's per-patient sides may be broadcast: its patients (as the source counted them) are
     * at most {@link PatientLevelBroadcast#SETTING}, the limit every patient-level broadcast keeps to.
     * A source that did not count them is joined as Spark chooses.
     */
    static boolean broadcastable(RegistryData data) {
        Long patients = data.source().rows().get(RecordType.PATIENT.baseName());
        return patients != null
                && patients <= PatientLevelBroadcast.maxPatients(data.table(RecordType.PATIENT).sparkSession());
    }

    /**
     * The patient table; with {@code oneRowEach}, a tumour or features table that holds one row per patient
     * is taken as it is (as a snapshot's manifest records, else checked by one count), without the grouping that
     * picks one of several rows. With {@code broadcast}, the three per-patient sides (tumour, features, and
     * {@link #treatmentsAndEvents}: at most one row per patient each) are broadcast hash joined into the scan of
     * the (narrow) patients, which are hash-partitioned on the key first, as the sort-merge joins left them; the
     * sides are hashed on the 64-bit key and none of their columns is shuffled. Without it,
     * Spark chooses (sort-merge joins of the sides on the key, each side and the patients shuffled).
     */
    static Dataset<Row> build(RegistryData data, Column keyExpression, boolean oneRowEach, boolean broadcast) {
        Column key = col(KEY);
        Dataset<Row> patients = data.table(RecordType.PATIENT).select(keyExpression.as(KEY), col(SITE), col(PSEUDONYM),
                col("sex").as(SEX), col("age_at_diagnosis_years").as(AGE), col("diagnosis_year").as(DIAGNOSIS_YEAR));

        // one tumour per patient (the registry's rule); should a source hold more, the first primary location wins
        // (the grouping that picks it, a sort-based aggregation of strings, runs only when a patient has two)
        Dataset<Row> tumourRows = data.table(RecordType.TUMOUR)
                .select(keyExpression.as(KEY), col("primary_location").as(LOCATION), col("depth").as(DEPTH),
                        col("depth").equalTo("DEEP").as(DEEP), col("largest_diameter_mm").as(DIAMETER_MM),
                        grade(col("differentiation_score"), col("mitoses_per_10hpf"), col("necrosis"),
                                col("fnclcc_grade")).as(GRADE),
                        col("primary_location").isin("RETROPERITONEUM", "VASCULAR_IVC").as(RETROPERITONEAL));
        Dataset<Row> tumours = oneRowEach && holdsOneRowEach(data, RecordType.TUMOUR, tumourRows) ? tumourRows
                : tumourRows.groupBy(key).agg(functions.min_by(functions.struct(col(LOCATION), col(DEPTH), col(DEEP),
                        col(DIAMETER_MM), col(GRADE), col(RETROPERITONEAL)), col(LOCATION)).as("t"))
                        .select(key, col("t.*"));

        Dataset<Row> rawFeatures = data.table(RecordType.IMAGING_FEATURES);
        Dataset<Row> featureRows = rawFeatures.select(keyExpression.as(KEY), col("study_id").as(FEATURE_STUDY),
                col("largest_diameter_mm").as(IMAGING_DIAMETER_MM), col("margin").as(MARGIN),
                col("margin").isin("IRREGULAR", "INFILTRATIVE").as(IRREGULAR_MARGIN),
                col("heterogeneous").as(HETEROGENEOUS), col("necrosis_present").as(NECROSIS),
                col("peripheral_enhancement").as(PERIPHERAL_ENHANCEMENT), col("haemorrhage").as(HAEMORRHAGE),
                col("t2_signal").as(T2_SIGNAL), col("adc_mean").as(ADC), col("calcification").as(CALCIFICATION),
                col("vessel_involvement").as(VESSEL_INVOLVEMENT), col("organ_wall_continuity").as(ORGAN_WALL));
        Dataset<Row> features;
        if (oneRowEach && holdsOneRowEach(data, RecordType.IMAGING_FEATURES, featureRows)) {
            // one reading per patient: it is the earliest, and the days of the (ten million) studies are not needed
            features = featureRows.select(readings(featureRows, key, lit(true).as(HAS_FEATURES)));
        } else {
            // the days of the studies the features were read on: a semi-join of the studies against the (much
            // smaller, broadcast) 64-bit hashes of the features' study keys, so that the studies table is
            // filtered where it lies instead of shuffled whole; the exact keys are compared in the join after it
            Column studyHash = functions.xxhash64(col(SITE), col(PSEUDONYM), col("study_id"));
            Dataset<Row> featureStudies = data.table(RecordType.IMAGING_STUDY)
                    .select(col(SITE), col(PSEUDONYM), col("study_id"), col("day"), studyHash.as("study_hash"))
                    .join(functions.broadcast(rawFeatures.select(studyHash.as("study_hash"))), "study_hash",
                            "left_semi")
                    .select(keyExpression.as(KEY), col("study_id").as(FEATURE_STUDY), col("day").as("study_day"));
            Column earliest = functions.struct(col("study_day").isNull(), col("study_day"), col(FEATURE_STUDY));
            features = featureRows.join(featureStudies, new String[] {KEY, FEATURE_STUDY}, "left")
                    // the features of the earliest study they were read on (undated studies last)
                    .groupBy(key).agg(functions.min_by(functions.struct(readings(featureRows)), earliest).as("f"))
                    .select(key, lit(true).as(HAS_FEATURES), col("f.*"));
        }

        Dataset<Row> treatmentsAndEvents = treatmentsAndEvents(data, keyExpression);
        Column recurrence = functions.least(col(LOCAL_RECURRENCE_DAY), col(METASTASIS_DAY));
        Column surgery = functions.floor(col(SURGERY_DAY).divide(CODES)).cast(DataTypes.IntegerType);
        Column surgeryFirst = recurrence.isNull().or(surgery.lt(recurrence));

        if (broadcast) {
            // the narrow patients (not the joined table) hash-partitioned on the key, as the sort-merge joins left
            // them: the cached table keeps its partitioning (shuffle partitions, known to Spark, so joins on the key
            // need not shuffle it again, and every core gets a share; the scan alone gave 2 partitions at 10M)
            patients = patients.repartition(col(KEY));
        }
        Dataset<Row> joined = patients.join(side(tumours, broadcast), KEY, "left")
                .join(side(features, broadcast), KEY, "left")
                .join(side(treatmentsAndEvents, broadcast), KEY, "left")
                .withColumn(DEATH_CAUSE, codeOf(col(DEATH_CAUSE), CauseOfDeath.values()))
                .withColumn(HAS_FEATURES, functions.coalesce(col(HAS_FEATURES), lit(false)))
                // the treatment columns, each in its place, computed together from the aggregated ones
                .withColumns(Map.of(SURGERY_DAY, when(surgeryFirst, surgery),
                        SURGICAL_MARGIN, when(surgeryFirst, codeOf(col(SURGICAL_MARGIN), SurgicalMargin.values())),
                        RADIOTHERAPY, before(col(RADIOTHERAPY), recurrence),
                        NEOADJUVANT, before(col(NEOADJUVANT), recurrence)));
        // the key last: the columns keep the order they had before it was added
        List<Column> ordered = new ArrayList<>();
        for (String c : joined.columns()) {
            if (!c.equals(KEY)) {
                ordered.add(col(c));
            }
        }
        ordered.add(key);
        return joined.select(ordered.toArray(Column[]::new));
    }

    /** Marks the outcome event rows of {@link #treatmentsAndEvents}' union. */
    private static final String IS_EVENT = "_event";

    /**
     * Per patient, the earliest curative surgery (with its margin, as {@link #dayAndCode}), radiotherapy and
     * neoadjuvant start, then the first local recurrence, distant metastasis and death (with its cause, as
     * {@link #dayAndCode}) and the latest event day; the treatment columns before the recurrence rule, which
     * {@link #build} applies after the join. One aggregation of the union of both record tables: one shuffle and
     * one per-patient side instead of one of each per table (a patient with records in only one of them has
     * nulls for the other's columns, as a join of separate aggregations gives).
     *
     * Primary treatment: not palliative, before the first recurrence. Aggregated as the earliest day of each
     * kind: a treatment before the recurrence exists exactly when the earliest one is before it, so the
     * recurrence is applied after the aggregation instead of joining the treatments with the events first.
     */
    static Dataset<Row> treatmentsAndEvents(RegistryData data, Column keyExpression) {
        Column event = col(IS_EVENT);
        Column treatment = functions.not(event);
        Dataset<Row> treatments = data.table(RecordType.TREATMENT).select(keyExpression.as(KEY), lit(false).as(IS_EVENT),
                col("kind"), col("start_day").as("day"), col("surgical_margin").as("code"), col("setting"));
        Dataset<Row> events = data.table(RecordType.OUTCOME_EVENT).select(keyExpression.as(KEY), lit(true).as(IS_EVENT),
                col("kind"), col("day"), col("cause_of_death").as("code"), lit(null).cast(DataTypes.StringType)
                        .as("setting"));
        Column curative = treatment.and(col("setting").notEqual("PALLIATIVE"));
        Column kind = col("kind");
        Column day = col("day");
        return treatments.unionByName(events).groupBy(col(KEY)).agg(
                functions.min(dayAndCode(curative.and(kind.equalTo("SURGERY")), day, col("code"),
                        SurgicalMargin.values())).as(SURGERY_DAY),
                functions.min(when(curative.and(kind.equalTo("RADIOTHERAPY")), day)).as(RADIOTHERAPY),
                functions.min(when(treatment.and(col("setting").equalTo("NEOADJUVANT")), day)).as(NEOADJUVANT),
                functions.min(when(event.and(kind.equalTo("LOCAL_RECURRENCE")), day)).as(LOCAL_RECURRENCE_DAY),
                functions.min(when(event.and(kind.equalTo("DISTANT_METASTASIS")), day)).as(METASTASIS_DAY),
                functions.min(when(event.and(kind.equalTo("DEATH")), day)).as(DEATH_DAY),
                functions.min(dayAndCode(event.and(kind.equalTo("DEATH")), day, col("code"), CauseOfDeath.values()))
                        .as(DEATH_CAUSE),
                functions.max(when(event, day)).as(END_DAY))
                .select(col(KEY), col(SURGERY_DAY), col(SURGERY_DAY).as(SURGICAL_MARGIN), col(RADIOTHERAPY),
                        col(NEOADJUVANT), col(LOCAL_RECURRENCE_DAY), col(METASTASIS_DAY), col(DEATH_DAY), col(DEATH_CAUSE),
                        col(END_DAY));
    }

    /** A per-patient side of the joins, marked for a broadcast join or not. */
    private static Dataset<Row> side(Dataset<Row> perPatient, boolean broadcast) {
        return broadcast ? functions.broadcast(perPatient) : perPatient;
    }

    /** Code values are packed below the day in {@link #dayAndCode}: 4 bits, the last one for "none". */
    private static final int CODES = 16;

    /**
     * The value of a code column where a condition holds, packed with its day into one number that orders by
     * day: {@code day * 16 + ordinal} (no value: 15). The minimum of it over a patient's rows is the value of
     * the earliest such row (of equal days, the first code), which Spark's hash aggregation computes on a
     * long, where {@code min_by} of a string falls back to sorting; {@link #codeOf} decodes it.
     */
    static Column dayAndCode(Column condition, Column day, Column value, Enum<?>[] codes) {
        if (codes.length >= CODES) {
            throw new IllegalArgumentException("at most " + (CODES - 1) + " codes fit, not " + codes.length);
        }
        Column code = lit(CODES - 1);
        for (int i = codes.length - 1; i >= 0; i--) {
            code = when(value.equalTo(codes[i].name()), i).otherwise(code);
        }
        return when(condition, day.cast(DataTypes.LongType).multiply(CODES).plus(code));
    }

    /** The code name of a {@link #dayAndCode} minimum (null for none). */
    static Column codeOf(Column dayAndCode, Enum<?>[] codes) {
        Column ordinal = functions.pmod(dayAndCode, lit((long) CODES));
        Column name = lit(null).cast(DataTypes.StringType);
        for (int i = codes.length - 1; i >= 0; i--) {
            name = when(ordinal.equalTo(i), codes[i].name()).otherwise(name);
        }
        return name;
    }

    /** Whether an earliest day is known and before the recurrence (when there is one). */
    private static Column before(Column earliestDay, Column recurrence) {
        return functions.coalesce(earliestDay.lt(functions.coalesce(recurrence, lit(Integer.MAX_VALUE))), lit(false));
    }

    /** The given columns, then every column of the table but its key. */
    private static Column[] readings(Dataset<Row> table, Column... first) {
        List<Column> out = new ArrayList<>(List.of(first));
        for (String c : table.columns()) {
            if (!c.equals(KEY)) {
                out.add(col(c));
            }
        }
        return out.toArray(Column[]::new);
    }

    /** Wide radiomics: one column per IBSI feature name ({@code radiomics_<name>}), for the features' study. */
    public static Dataset<Row> radiomics(RegistryData data, java.util.List<String> featureNames) {
        Dataset<Row> r = data.table(RecordType.RADIOMICS_VALUE);
        if (featureNames.isEmpty()) {
            return r.select(col(SITE), col(PSEUDONYM)).limit(0);
        }
        return r.groupBy(col(SITE), col(PSEUDONYM))
                .pivot("ibsi_feature", new java.util.ArrayList<Object>(featureNames))
                .agg(functions.first(col("value")))
                .select(buildRadiomicsColumns(featureNames));
    }

    private static Column[] buildRadiomicsColumns(java.util.List<String> names) {
        Column[] cols = new Column[names.size() + 2];
        cols[0] = col(SITE);
        cols[1] = col(PSEUDONYM);
        for (int i = 0; i < names.size(); i++) {
            cols[i + 2] = col("`" + names.get(i) + "`").as("radiomics_" + names.get(i));
        }
        return cols;
    }
}
