package org.lmsregistry.analysis.cohort;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.model.code.FnclccGrade;
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

    /** The grade: derived from differentiation, mitoses and necrosis when all are known, else as stated. */
    public static final UserDefinedFunction GRADE_UDF = functions.udf(
            (UDF4<Integer, Integer, String, String, String>) (differentiation, mitoses, necrosis, stated) -> {
                if (differentiation != null && mitoses != null && necrosis != null) {
                    return FnclccGrade.derive(differentiation, mitoses, TumourNecrosis.valueOf(necrosis)).name();
                }
                return stated;
            }, DataTypes.StringType).withName("fnclcc_grade");

    /** The patient table of the registry (not cached). */
    public static Dataset<Row> of(RegistryData data) {
        Column[] key = {col(SITE), col(PSEUDONYM)};
        Dataset<Row> patients = data.table(RecordType.PATIENT).select(col(SITE), col(PSEUDONYM), col("sex").as(SEX),
                col("age_at_diagnosis_years").as(AGE), col("diagnosis_year").as(DIAGNOSIS_YEAR));

        Dataset<Row> tumours = data.table(RecordType.TUMOUR)
                .withColumn("rn", functions.row_number().over(Window.partitionBy(key).orderBy(col("primary_location"))))
                .where(col("rn").equalTo(1))
                .select(col(SITE), col(PSEUDONYM), col("primary_location").as(LOCATION), col("depth").as(DEPTH),
                        col("depth").equalTo("DEEP").as(DEEP), col("largest_diameter_mm").as(DIAMETER_MM),
                        GRADE_UDF.apply(col("differentiation_score"), col("mitoses_per_10hpf"), col("necrosis"),
                                col("fnclcc_grade")).as(GRADE),
                        col("primary_location").isin("RETROPERITONEUM", "VASCULAR_IVC").as(RETROPERITONEAL));

        // the days of the studies the features were read on: a semi-join against the (much smaller) features
        // keys first, so that the studies table is filtered where it lies instead of shuffled whole
        Dataset<Row> rawFeatures = data.table(RecordType.IMAGING_FEATURES);
        Dataset<Row> featureStudies = data.table(RecordType.IMAGING_STUDY)
                .join(functions.broadcast(rawFeatures.select(col(SITE), col(PSEUDONYM), col("study_id"))),
                        new String[] {SITE, PSEUDONYM, "study_id"}, "left_semi")
                .select(col(SITE), col(PSEUDONYM), col("study_id"), col("day").as("study_day"));
        Dataset<Row> features = rawFeatures
                .join(featureStudies, new String[] {SITE, PSEUDONYM, "study_id"}, "left")
                .withColumn("rn", functions.row_number().over(Window.partitionBy(key)
                        .orderBy(col("study_day").asc_nulls_last(), col("study_id"))))
                .where(col("rn").equalTo(1))
                .select(col(SITE), col(PSEUDONYM), lit(true).as(HAS_FEATURES), col("study_id").as(FEATURE_STUDY),
                        col("largest_diameter_mm").as(IMAGING_DIAMETER_MM), col("margin").as(MARGIN),
                        col("margin").isin("IRREGULAR", "INFILTRATIVE").as(IRREGULAR_MARGIN),
                        col("heterogeneous").as(HETEROGENEOUS), col("necrosis_present").as(NECROSIS),
                        col("peripheral_enhancement").as(PERIPHERAL_ENHANCEMENT), col("haemorrhage").as(HAEMORRHAGE),
                        col("t2_signal").as(T2_SIGNAL), col("adc_mean").as(ADC), col("calcification").as(CALCIFICATION),
                        col("vessel_involvement").as(VESSEL_INVOLVEMENT), col("organ_wall_continuity").as(ORGAN_WALL));

        Dataset<Row> events = data.table(RecordType.OUTCOME_EVENT).groupBy(key).agg(
                functions.min(when(col("kind").equalTo("LOCAL_RECURRENCE"), col("day"))).as(LOCAL_RECURRENCE_DAY),
                functions.min(when(col("kind").equalTo("DISTANT_METASTASIS"), col("day"))).as(METASTASIS_DAY),
                functions.min(when(col("kind").equalTo("DEATH"), col("day"))).as(DEATH_DAY),
                expr("min_by(case when kind = 'DEATH' then cause_of_death end, "
                        + "case when kind = 'DEATH' then day end)").as(DEATH_CAUSE),
                functions.max(col("day")).as(END_DAY));

        // primary treatment: before the first recurrence, not palliative
        Dataset<Row> firstRecurrence = events.select(col(SITE), col(PSEUDONYM),
                functions.least(col(LOCAL_RECURRENCE_DAY), col(METASTASIS_DAY)).as("recurrence_day"));
        Dataset<Row> treatments = data.table(RecordType.TREATMENT)
                .join(firstRecurrence, new String[] {SITE, PSEUDONYM}, "left")
                .where(col("setting").notEqual("PALLIATIVE")
                        .and(col("recurrence_day").isNull().or(col("start_day").lt(col("recurrence_day")))))
                .groupBy(key).agg(
                        functions.min(when(col("kind").equalTo("SURGERY"), col("start_day"))).as(SURGERY_DAY),
                        expr("min_by(case when kind = 'SURGERY' then surgical_margin end, "
                                + "case when kind = 'SURGERY' then start_day end)").as(SURGICAL_MARGIN),
                        functions.max(when(col("kind").equalTo("RADIOTHERAPY"), lit(1)).otherwise(lit(0)))
                                .equalTo(1).as(RADIOTHERAPY),
                        functions.max(when(col("setting").equalTo("NEOADJUVANT"), lit(1)).otherwise(lit(0)))
                                .equalTo(1).as(NEOADJUVANT));

        String[] k = {SITE, PSEUDONYM};
        return patients.join(tumours, k, "left").join(features, k, "left").join(treatments, k, "left")
                .join(events, k, "left")
                .withColumn(HAS_FEATURES, functions.coalesce(col(HAS_FEATURES), lit(false)))
                .withColumn(RADIOTHERAPY, functions.coalesce(col(RADIOTHERAPY), lit(false)))
                .withColumn(NEOADJUVANT, functions.coalesce(col(NEOADJUVANT), lit(false)));
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
