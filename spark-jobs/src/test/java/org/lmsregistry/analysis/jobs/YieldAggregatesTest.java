package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.analysis.spark.TestSpark;
import org.lmsregistry.analysis.stats.CountedValues;
import org.lmsregistry.model.record.RecordType;

/**
 * The yield job's Spark part (broadcast joins on the patient key, detecting studies matched after a key
 * semi-join, cube and latest negative days in one grouping-sets pass, quartiles from value counts) gives the
 * numbers of its former, plain formulation
 * (shuffled joins, a left non-equi join and Spark's percentile), kept here as the reference, on the shared
 * generated registry; with the broadcast joins and without them (Spark's own join choice for large cohorts).
 */
class YieldAggregatesTest {

    private static Cohort cohort;
    private static AnalysisContext ctx;

    @BeforeAll
    static void select() {
        ctx = TestRegistry.allPatientsContext();
        cohort = ctx.cohort();
    }

    @Test
    void equalsTheFormerFormulationWithBroadcastJoins() {
        compare(YieldJob.aggregate(ctx));
    }

    @Test
    void equalsTheFormerFormulationWithSparksOwnJoins() {
        SparkSession spark = TestSpark.session();
        String before = spark.conf().get(AnalysisContext.BROADCAST_MAX_PATIENTS, null);
        spark.conf().set(AnalysisContext.BROADCAST_MAX_PATIENTS, "0");
        spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
        try {
            compare(YieldJob.aggregate(ctx));
        } finally {
            spark.conf().unset("spark.sql.autoBroadcastJoinThreshold");
            if (before == null) {
                spark.conf().unset(AnalysisContext.BROADCAST_MAX_PATIENTS);
            } else {
                spark.conf().set(AnalysisContext.BROADCAST_MAX_PATIENTS, before);
            }
        }
    }

    /**
     * The first finders and delays equal those of the job's former one-pass formulation (every study joined with
     * its patient's recurrences, detecting studies and negative days collected per recurrence), also where the
     * generated registry has no such records: a detecting study id that occurs twice for the patient (on two
     * days), a detecting study without day and modality, a recurrence naming a study that does not exist, and
     * recurrences without a day, listed twice or without a detecting study.
     */
    @Test
    void findingsEqualTheCollectListFormulationOnOddRecords() {
        RegistryData data = TestRegistry.data();
        Dataset<Row> studies = data.table(RecordType.IMAGING_STUDY);
        Dataset<Row> events = data.table(RecordType.OUTCOME_EVENT);
        Dataset<Row> named = events.where(col("detected_by_study_id").isNotNull()).select(col(PatientTable.SITE),
                col(PatientTable.PSEUDONYM), col("detected_by_study_id").as("study_id"));
        Dataset<Row> detecting = studies.join(named, new String[] {PatientTable.SITE, PatientTable.PSEUDONYM,
                "study_id"}, "left_semi").orderBy(PatientTable.SITE, PatientTable.PSEUDONYM, "study_id").limit(6)
                .cache();
        List<Row> six = detecting.collectAsList();
        assertThat(six).hasSize(6);
        Dataset<Row> oddStudies = detecting.limit(3).withColumn("day", col("day").minus(40))
                .unionByName(detecting.orderBy(col("study_id").desc()).limit(2)
                        .withColumn("day", lit(null).cast("int")).withColumn("modality", lit(null).cast("string")));
        Dataset<Row> someEvents = events.where(col("kind").isin(YieldJob.RECURRENCE_KINDS.toArray()))
                .orderBy("event_id").limit(4);
        Dataset<Row> oddEvents = someEvents.limit(2).withColumn("event_id", functions.concat(col("event_id"),
                lit("-x"))).withColumn("detected_by_study_id", lit("NO-SUCH-STUDY"))
                .unionByName(someEvents.limit(2).withColumn("event_id", functions.concat(col("event_id"), lit("-y")))
                        .withColumn("day", lit(null).cast("int")).withColumn("detected_by_study_id",
                                lit(null).cast("string")))
                .unionByName(someEvents.limit(1));
        Map<RecordType, Dataset<Row>> tables = new java.util.EnumMap<>(RecordType.class);
        tables.putAll(data.tables());
        tables.put(RecordType.IMAGING_STUDY, studies.unionByName(oddStudies));
        tables.put(RecordType.OUTCOME_EVENT, events.unionByName(oddEvents));
        AnalysisContext odd = new AnalysisContext(TestSpark.session(), new RegistryData(tables, data.source()),
                cohort, 5, 0.95);
        try {
            YieldJob.Aggregates a = YieldJob.aggregate(odd);
            Former former = former(odd);
            assertThat(a.share()).isEqualTo(former.share());
            assertThat(a.delays().keySet()).isEqualTo(former.delays().keySet());
            former.delays().forEach((finder, counts) -> {
                var d = a.delays().get(finder);
                var f = CountedValues.of(counts);
                assertThat(d.n()).as(finder).isEqualTo(f.n());
                assertThat(new double[] {d.quantile(0.25), d.quantile(0.5), d.quantile(0.75), d.mean()}).as(finder)
                        .containsExactly(f.quantile(0.25), f.quantile(0.5), f.quantile(0.75), f.mean());
            });
            // the odd records changed the counts: the test sees them
            assertThat(former.share()).isNotEqualTo(YieldJob.aggregate(ctx).share());
        } finally {
            detecting.unpersist();
        }
    }

    /**
     * The surveillance studies as {@code analyse} shares them (coded, cached): with the registry's values the
     * cube is grouped on the vocabularies' codes alone; with a modality and a body region outside the
     * vocabularies (possible from an unchecked CSV source) on the codes and those values. Both equal the
     * former formulation, which groups the strings themselves.
     */
    @Test
    void theSessionsCachedStudiesGiveTheSameAggregatesWithAndWithoutValuesOutsideTheVocabularies() {
        RegistryData data = TestRegistry.data();
        aggregateOnSharedStudies(data, false);

        Dataset<Row> studies = data.table(RecordType.IMAGING_STUDY);
        Dataset<Row> surveillance = studies.where(col("purpose").equalTo("SURVEILLANCE"));
        // a fixed choice of rows (ordered on the unique study key), so that the job and the reference see the same
        Dataset<Row> unlisted = surveillance.orderBy(PatientTable.SITE, PatientTable.PSEUDONYM, "study_id").limit(40)
                .withColumn("study_id", functions.concat(col("study_id"), lit("-u")))
                .withColumn("modality", when(col("day").mod(2).equalTo(0), lit("SPECT")).otherwise(col("modality")))
                .withColumn("body_region", when(col("day").mod(2).equalTo(1), lit("SPINE"))
                        .otherwise(col("body_region")));
        Map<RecordType, Dataset<Row>> tables = new java.util.EnumMap<>(RecordType.class);
        tables.putAll(data.tables());
        tables.put(RecordType.IMAGING_STUDY, studies.unionByName(unlisted));
        List<Row> cube = aggregateOnSharedStudies(new RegistryData(tables, data.source()), true);
        assertThat(cube.stream().map(r -> r.getString(0))).contains("SPECT");
        assertThat(cube.stream().map(r -> r.getString(1))).contains("SPINE");
    }

    private static List<Row> aggregateOnSharedStudies(RegistryData data, boolean otherValues) {
        SurveillanceStudies shared = SurveillanceStudies.shared(data, cohort);
        AnalysisContext c = new AnalysisContext(TestSpark.session(), data, cohort, 5, 0.95, shared);
        try {
            assertThat(shared.mayHoldOtherValues(c)).isEqualTo(otherValues);
            YieldJob.Aggregates a = YieldJob.aggregate(c);
            compare(a, c);
            return a.cube();
        } finally {
            shared.release();
        }
    }

    record Former(Map<String, Map<String, Long>> share, Map<String, Map<Double, Long>> delays) {
    }

    /** The job's former detection share and delay: one pass, collect_list per recurrence. */
    private static Former former(AnalysisContext ctx) {
        String key = PatientTable.KEY;
        Dataset<Row> cohort = ctx.cohort().patients();
        Column patientKey = PatientTable.keyFor(ctx.data(), cohort).as(key);
        Dataset<Row> studies = ctx.data().table(RecordType.IMAGING_STUDY);
        Dataset<Row> events = ctx.data().table(RecordType.OUTCOME_EVENT)
                .where(col("kind").isin(YieldJob.RECURRENCE_KINDS.toArray()))
                .select(patientKey, col("event_id"), col("kind"), col("day").as("event_day"),
                        col("detected_by_study_id"))
                .join(cohort.select(col(key)), key, "left_semi")
                .withColumnRenamed(key, "event_patient");
        Dataset<Row> studyRows = studies.select(patientKey, col("study_id"), col("modality"), col("day"),
                col("purpose").equalTo("SURVEILLANCE").and(col("result").equalTo("NO_EVIDENCE_OF_DISEASE"))
                        .as("negative"), lit(false).as("undated"))
                .unionByName(cohort.select(col(key), lit(null).cast("string").as("study_id"),
                        lit(null).cast("string").as("modality"), lit(null).cast("int").as("day"),
                        lit(false).as("negative"), lit(true).as("undated")));
        Column detecting = col("study_id").equalTo(col("detected_by_study_id"));
        Dataset<Row> perRecurrence = studyRows.join(events, col(key).equalTo(col("event_patient"))
                .and(col("negative").or(detecting).or(col("undated"))))
                .groupBy(col("event_patient"), col("event_id"), col("kind"), col("event_day"),
                        col("detected_by_study_id"))
                .agg(functions.collect_list(when(detecting, functions.struct(col("modality"), col("day"))))
                        .as("finders"), functions.collect_list(when(col("negative"), col("day"))).as("negative_days"));
        Column noFinder = functions.array(functions.struct(lit(null).cast("string").as("modality"),
                lit(null).cast("int").as("day")));
        Dataset<Row> withDelay = perRecurrence
                .select(col("event_patient"), col("event_id"), col("kind"), col("event_day"), col("negative_days"),
                        functions.explode(when(functions.size(col("finders")).equalTo(0), noFinder)
                                .otherwise(col("finders"))).as("finder"))
                .select(col("event_patient"), col("event_id"), col("kind"),
                        coalesce(col("finder.modality"), lit(YieldJob.CLINICAL)).as("found_by"),
                        coalesce(col("finder.day"), col("event_day")).as("found_day"), col("negative_days"))
                .select(col("event_patient"), col("event_id"), col("kind"), col("found_by"), col("found_day"),
                        col("found_day").minus(functions.expr("array_max(filter(negative_days, d -> d < found_day))"))
                                .as("delay"))
                .distinct();
        Map<String, Map<String, Long>> share = new TreeMap<>();
        Map<String, Map<Double, Long>> delays = new TreeMap<>();
        for (Row r : withDelay.groupBy("kind", "found_by", "delay").agg(count(lit(1)).as("n")).collectAsList()) {
            share.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(r.getString(1), r.getLong(3),
                    Long::sum);
            if (!r.isNullAt(2)) {
                delays.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).merge((double) r.getInt(2), r.getLong(3),
                        Long::sum);
            }
        }
        return new Former(share, delays);
    }

    private static void compare(YieldJob.Aggregates a) {
        compare(a, ctx);
    }

    /** The aggregates against the former formulation's on the context's data. */
    private static void compare(YieldJob.Aggregates a, AnalysisContext ctx) {
        Reference ref = reference(ctx);
        assertThat(cubeCounts(a.cube())).isEqualTo(cubeCounts(ref.cube())).isNotEmpty();
        Map<String, Map<String, Long>> share = new TreeMap<>();
        for (Row r : ref.share()) {
            share.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(r.getString(1), r.getLong(2), Long::sum);
        }
        assertThat(a.share()).isEqualTo(share);
        // the registry has recurrences found clinically and some without an earlier negative study, so that both
        // the detecting-study join and the undated rows are exercised
        assertThat(share.values().stream().anyMatch(m -> m.containsKey(YieldJob.CLINICAL))).isTrue();
        long recurrences = share.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        long withDelay = ref.delays().stream().mapToLong(r -> r.getLong(1)).sum();
        assertThat(withDelay).isPositive().isLessThan(recurrences);
        assertThat(a.delays().keySet()).containsExactlyElementsOf(ref.delays().stream().map(r -> r.getString(0))
                .toList());
        for (Row r : ref.delays()) {
            var d = a.delays().get(r.getString(0));
            List<Double> q = r.getList(2);
            assertThat(d.n()).isEqualTo(r.getLong(1));
            assertThat(new double[] {d.quantile(0.25), d.quantile(0.5), d.quantile(0.75)})
                    .containsExactly(q.get(0), q.get(1), q.get(2));
        }
    }

    /** Cube rows as strata key -> [studies, detections, local, distant]. */
    private static Map<String, List<Long>> cubeCounts(List<Row> cube) {
        Map<String, List<Long>> out = new HashMap<>();
        for (Row r : cube) {
            String k = String.join("|", r.getString(0), r.getString(1), r.getString(2),
                    r.getString(r.fieldIndex("grade_group")), r.getString(r.fieldIndex("interval")));
            assertThat(out.put(k, List.of(r.getLong(r.fieldIndex("studies")), r.getLong(r.fieldIndex("detections")),
                    r.getLong(r.fieldIndex("local")), r.getLong(r.fieldIndex("distant"))))).as(k).isNull();
        }
        return out;
    }

    record Reference(List<Row> cube, List<Row> share, List<Row> delays) {
    }

    /** The former formulation of the job's queries. */
    private static Reference reference(AnalysisContext ctx) {
        String key = PatientTable.KEY;
        Column patientKey = PatientTable.keyFor(ctx.data(), ctx.cohort().patients()).as(key);
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
        Dataset<Row> events = ctx.data().table(RecordType.OUTCOME_EVENT)
                .where(col("kind").isin("LOCAL_RECURRENCE", "DISTANT_METASTASIS"))
                .select(patientKey, col("event_id"), col("kind"), col("day").as("event_day"),
                        col("detected_by_study_id"))
                .join(patients.select(col(key)), key);
        Dataset<Row> detecting = studies.select(patientKey, col("study_id").as("detected_by_study_id"),
                col("modality").as("found_by"), col("day").as("study_day"));
        Dataset<Row> found = events.join(detecting, new String[] {key, "detected_by_study_id"}, "left")
                .withColumn("found_by", coalesce(col("found_by"), lit(YieldJob.CLINICAL)))
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
        return new Reference(cube, share, delays);
    }
}
