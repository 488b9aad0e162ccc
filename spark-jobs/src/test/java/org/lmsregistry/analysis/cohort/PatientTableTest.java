package org.lmsregistry.analysis.cohort;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import java.util.EnumMap;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.PatientLevelBroadcast;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.analysis.spark.RegistrySources;
import org.lmsregistry.analysis.spark.TestSnapshots;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.analysis.spark.TestSpark;
import org.lmsregistry.model.code.CauseOfDeath;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.Tumour;

/** The patient table's grade expression and join key. */
class PatientTableTest {

    private static final String PSEUDONYM = "a".repeat(63) + "1";

    @Test
    void theGradeExpressionGivesTumourGradeForEveryCombination() {
        // every differentiation score, mitoses at and around the band limits, every necrosis, every stated grade,
        // and each component unknown
        List<Integer> differentiations = Arrays.asList(null, 1, 2, 3);
        List<Integer> mitoses = Arrays.asList(null, 0, 9, 10, 19, 20, 500);
        List<TumourNecrosis> necroses = new ArrayList<>(Arrays.asList(TumourNecrosis.values()));
        necroses.add(null);
        List<FnclccGrade> stated = new ArrayList<>(Arrays.asList(FnclccGrade.values()));
        stated.add(null);
        List<Row> rows = new ArrayList<>();
        int byTumour = 0;
        for (Integer d : differentiations) {
            for (Integer m : mitoses) {
                for (TumourNecrosis n : necroses) {
                    for (FnclccGrade s : stated) {
                        FnclccGrade expected;
                        try {
                            expected = new Tumour("NORTH", PSEUDONYM, PrimaryLocation.UTERUS, TumourDepth.DEEP, 95, d, m,
                                    n, s, null, null).grade();
                            byTumour++;
                        } catch (RuntimeException notARecord) {
                            // the registry refuses this tumour (e.g. a stated grade that disagrees with the
                            // components); the table still grades what a source holds, by the same rule
                            expected = d != null && m != null && n != null ? FnclccGrade.derive(d, m, n) : s;
                        }
                        rows.add(RowFactory.create(d, m, n == null ? null : n.name(), s == null ? null : s.name(),
                                expected == null ? null : expected.name()));
                    }
                }
            }
        }
        StructType schema = DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
                DataTypes.createStructField("d", DataTypes.IntegerType, true),
                DataTypes.createStructField("m", DataTypes.IntegerType, true),
                DataTypes.createStructField("n", DataTypes.StringType, true),
                DataTypes.createStructField("s", DataTypes.StringType, true),
                DataTypes.createStructField("expected", DataTypes.StringType, true)});
        Dataset<Row> grades = TestSpark.session().createDataFrame(rows, schema)
                .withColumn("grade", PatientTable.grade(col("d"), col("m"), col("n"), col("s")));
        List<Row> wrong = grades.where(col("grade").eqNullSafe(col("expected")).unary_$bang()).collectAsList();
        assertThat(wrong).as("combinations graded differently from Tumour.grade()").isEmpty();
        assertThat(grades.count()).isEqualTo(4 * 7 * 4 * 4);
        // 3 x 3 x 3 complete component sets (x the 2 stated grades they allow: none or the agreeing one) and
        // the incomplete ones with a stated grade are records the registry accepts
        assertThat(byTumour).isGreaterThanOrEqualTo(54);
        assertThat(grades.where(col("grade").equalTo("G3")).count()).isPositive();
    }

    @Test
    void theHashedAndTheStringKeyGiveTheSameTable() {
        RegistryData data = TestRegistry.data();
        Dataset<Row> hashed = PatientTable.of(data);
        assertThat(hashed.schema().apply(PatientTable.KEY).dataType()).isEqualTo(DataTypes.LongType);
        Dataset<Row> string = PatientTable.build(data, PatientTable.stringKey());
        assertThat(hashed.count()).isEqualTo(3000);
        assertThat(hashed.drop(PatientTable.KEY).exceptAll(string.drop(PatientTable.KEY)).count()).isZero();
        assertThat(string.drop(PatientTable.KEY).exceptAll(hashed.drop(PatientTable.KEY)).count()).isZero();
    }

    @Test
    void aHashThatCollidesIsNotUsed() {
        RegistryData data = TestRegistry.data();
        // a deliberately weak hash: the site alone, shared by hundreds of patients
        org.apache.spark.sql.Column weak = org.apache.spark.sql.functions.xxhash64(col(PatientTable.SITE));
        assertThat(PatientTable.collisionFree(data.table(org.lmsregistry.model.record.RecordType.PATIENT), weak))
                .isFalse();
        assertThat(PatientTable.collisionFree(data.table(org.lmsregistry.model.record.RecordType.PATIENT),
                PatientTable.hashedKey())).isTrue();
        Dataset<Row> table = PatientTable.of(data, weak);
        assertThat(table.schema().apply(PatientTable.KEY).dataType()).isEqualTo(DataTypes.StringType);
        assertThat(table.count()).isEqualTo(3000);
        assertThat(table.select(PatientTable.KEY).distinct().count()).isEqualTo(3000);
    }

    @Test
    void tablesWithOneRowPerPatientAreTakenAsTheyAreWithTheSameResultAsTheGrouping() {
        RegistryData data = TestRegistry.data();
        Dataset<Row> direct = PatientTable.build(data, PatientTable.hashedKey(), true);
        Dataset<Row> grouped = PatientTable.build(data, PatientTable.hashedKey(), false);
        assertThat(direct.count()).isEqualTo(3000);
        assertThat(direct.exceptAll(grouped).count()).isZero();
        assertThat(grouped.exceptAll(direct).count()).isZero();
    }

    /**
     * The broadcast build (the per-patient sides hashed and joined into the patients) gives exactly the table
     * of the shuffled sort-merge joins, in as many partitions, on the generated registry and on
     * one with odd records (a second tumour, patients without some records, an unregistered patient); above the
     * patient limit the table is built without broadcasts.
     */
    @Test
    void theBroadcastJoinsGiveExactlyTheTableOfTheSortMergeJoins() {
        SparkSession spark = TestSpark.session();
        for (RegistryData data : List.of(TestRegistry.data(), withSecondReadingsAndTumours(TestRegistry.data()))) {
            assertThat(PatientTable.broadcastable(data)).isTrue();
            Dataset<Row> broadcast = PatientTable.build(data, PatientTable.hashedKey(), false, true);
            // the four joins of the patients with their sides (and the join of the readings with their studies)
            assertThat(joins(broadcast)).doesNotContain("SortMergeJoin").filteredOn("BroadcastHashJoin"::equals)
                    .hasSizeGreaterThanOrEqualTo(4);
            List<Row> sortMerge;
            String before = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
            String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
            spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
            spark.conf().set("spark.sql.adaptive.enabled", "false");
            try {
                Dataset<Row> shuffled = PatientTable.build(data, PatientTable.hashedKey(), false, false);
                assertThat(joins(shuffled)).filteredOn("SortMergeJoin"::equals).hasSizeGreaterThanOrEqualTo(4);
                sortMerge = shuffled.collectAsList();
                // the broadcast build keeps the partitions of the sort-merge joins (not their row order)
                Dataset<Row> broadcastFixed = PatientTable.build(data, PatientTable.hashedKey(), false, true);
                assertThat(broadcastFixed.javaRDD().getNumPartitions()).isEqualTo(shuffled.javaRDD().getNumPartitions())
                        .isEqualTo(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")));
            } finally {
                spark.conf().set("spark.sql.autoBroadcastJoinThreshold", before);
                spark.conf().set("spark.sql.adaptive.enabled", adaptive);
            }
            List<Row> broadcastRows = broadcast.collectAsList();
            assertThat(broadcastRows).hasSize(3000).containsExactlyInAnyOrderElementsOf(sortMerge);
        }
        // the registry's 3000 patients are broadcast at a limit of 3000, not at 2999
        String before = spark.conf().get(PatientLevelBroadcast.SETTING, null);
        for (int limit : new int[] {2999, 3000}) {
            spark.conf().set(PatientLevelBroadcast.SETTING, Integer.toString(limit));
            try {
                assertThat(PatientTable.broadcastable(TestRegistry.data())).as("limit %d", limit)
                        .isEqualTo(limit >= 3000);
            } finally {
                if (before == null) {
                    spark.conf().unset(PatientLevelBroadcast.SETTING);
                } else {
                    spark.conf().set(PatientLevelBroadcast.SETTING, before);
                }
            }
        }
    }

    /**
     * The registry with odd records: patients without tumour, without features, without treatments or without
     * events, a second tumour (in an alphabetically earlier location) for some, and the records of a patient who is
     * not in the patients table.
     */
    private static RegistryData withSecondReadingsAndTumours(RegistryData data) {
        Column group = functions.pmod(functions.xxhash64(col(PatientTable.SITE), col(PatientTable.PSEUDONYM)),
                functions.lit(7L));
        Map<RecordType, Dataset<Row>> tables = new EnumMap<>(data.tables());
        Dataset<Row> tumours = data.table(RecordType.TUMOUR);
        tables.put(RecordType.TUMOUR, tumours.where(group.notEqual(0)).unionByName(tumours.where(group.equalTo(1))
                .withColumn("primary_location", functions.lit("AAA_TEST"))));
        tables.put(RecordType.IMAGING_FEATURES, data.table(RecordType.IMAGING_FEATURES).where(group.notEqual(2)));
        tables.put(RecordType.TREATMENT, data.table(RecordType.TREATMENT).where(group.notEqual(4)));
        tables.put(RecordType.OUTCOME_EVENT, data.table(RecordType.OUTCOME_EVENT).where(group.notEqual(5)));
        for (RecordType t : List.of(RecordType.TUMOUR, RecordType.TREATMENT, RecordType.OUTCOME_EVENT)) {
            Dataset<Row> rows = tables.get(t);
            tables.put(t, rows.unionByName(data.table(t).limit(1).withColumn(PatientTable.PSEUDONYM,
                    functions.lit("b".repeat(63) + "2"))));
        }
        return new RegistryData(tables, data.source());
    }

    /**
     * The one aggregation of the treatments and events gives per patient exactly the columns of the former two
     * aggregations (one per record table, joined), also for the odd records: patients with only treatments, only
     * events, or neither, and a patient who is not in the patients table.
     */
    @Test
    void theTreatmentsAndEventsAggregatedTogetherEqualTheFormerSeparateAggregations() {
        for (RegistryData data : List.of(TestRegistry.data(), withSecondReadingsAndTumours(TestRegistry.data()))) {
            Column key = PatientTable.hashedKey();
            Dataset<Row> together = PatientTable.treatmentsAndEvents(data, key);
            Dataset<Row> events = data.table(RecordType.OUTCOME_EVENT).select(key.as(PatientTable.KEY), col("kind"),
                    col("day"), col("cause_of_death")).groupBy(col(PatientTable.KEY)).agg(
                    functions.min(functions.when(col("kind").equalTo("LOCAL_RECURRENCE"), col("day")))
                            .as(PatientTable.LOCAL_RECURRENCE_DAY),
                    functions.min(functions.when(col("kind").equalTo("DISTANT_METASTASIS"), col("day")))
                            .as(PatientTable.METASTASIS_DAY),
                    functions.min(functions.when(col("kind").equalTo("DEATH"), col("day"))).as(PatientTable.DEATH_DAY),
                    functions.min(PatientTable.dayAndCode(col("kind").equalTo("DEATH"), col("day"),
                            col("cause_of_death"), CauseOfDeath.values())).as(PatientTable.DEATH_CAUSE),
                    functions.max(col("day")).as(PatientTable.END_DAY));
            Column curative = col("setting").notEqual("PALLIATIVE");
            Dataset<Row> treatments = data.table(RecordType.TREATMENT).select(key.as(PatientTable.KEY), col("setting"),
                    col("start_day"), col("kind"), col("surgical_margin")).groupBy(col(PatientTable.KEY)).agg(
                    functions.min(PatientTable.dayAndCode(curative.and(col("kind").equalTo("SURGERY")),
                            col("start_day"), col("surgical_margin"), org.lmsregistry.model.code.SurgicalMargin.values()))
                            .as(PatientTable.SURGERY_DAY),
                    functions.min(functions.when(curative.and(col("kind").equalTo("RADIOTHERAPY")), col("start_day")))
                            .as(PatientTable.RADIOTHERAPY),
                    functions.min(functions.when(col("setting").equalTo("NEOADJUVANT"), col("start_day")))
                            .as(PatientTable.NEOADJUVANT))
                    .select(col(PatientTable.KEY), col(PatientTable.SURGERY_DAY),
                            col(PatientTable.SURGERY_DAY).as(PatientTable.SURGICAL_MARGIN), col(PatientTable.RADIOTHERAPY),
                            col(PatientTable.NEOADJUVANT));
            Dataset<Row> former = treatments.join(events, PatientTable.KEY, "full")
                    .select(Arrays.stream(together.columns()).map(functions::col).toArray(Column[]::new));
            List<Row> expected = former.collectAsList();
            assertThat(together.columns()).containsExactly(former.columns());
            assertThat(together.schema().fields()).extracting(f -> f.dataType()).containsExactly(Arrays.stream(
                    former.schema().fields()).map(f -> f.dataType()).toArray(org.apache.spark.sql.types.DataType[]::new));
            assertThat(expected).hasSizeGreaterThan(2900);
            if (data != TestRegistry.data()) {
                // treatments without events, and events without treatments
                assertThat(expected).anyMatch(r -> !r.isNullAt(1) && r.isNullAt(9))
                        .anyMatch(r -> r.isNullAt(1) && r.isNullAt(3) && r.isNullAt(4) && !r.isNullAt(9));
            }
            assertThat(together.collectAsList()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The join operators of a table's physical plan, in plan order. */
    private static List<String> joins(Dataset<Row> table) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(BroadcastHashJoin|SortMergeJoin|ShuffledHashJoin"
                + "|BroadcastNestedLoopJoin)").matcher(table.queryExecution().executedPlan().toString());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void aSecondReadingAndASecondTumourArePickedByTheirRules() {
        RegistryData data = TestRegistry.data();
        Dataset<Row> features = data.table(RecordType.IMAGING_FEATURES);
        Dataset<Row> studies = data.table(RecordType.IMAGING_STUDY);
        // a patient with features and several studies; a new study is added ten days before the first one
        Dataset<Row> span = studies.groupBy(PatientTable.SITE, PatientTable.PSEUDONYM).agg(
                functions.min("day").as("first_day"), functions.max_by(col("study_id"), col("day")).as("last_study"),
                functions.max("day").as("last_day"));
        Row reading = features.join(studies.select(col(PatientTable.SITE), col(PatientTable.PSEUDONYM),
                        col("study_id"), col("day").as("read_day")),
                        new String[] {PatientTable.SITE, PatientTable.PSEUDONYM, "study_id"})
                .join(span, new String[] {PatientTable.SITE, PatientTable.PSEUDONYM})
                .where(col("read_day").lt(col("last_day")))
                .orderBy(PatientTable.SITE, PatientTable.PSEUDONYM).first();
        String site = reading.getAs(PatientTable.SITE);
        String pseudonym = reading.getAs(PatientTable.PSEUDONYM);
        Column patient = col(PatientTable.SITE).equalTo(site).and(col(PatientTable.PSEUDONYM).equalTo(pseudonym));
        String earlier = "EARLIER-TEST-STUDY";
        Dataset<Row> earlierStudy = studies.where(patient.and(col("study_id").equalTo(reading.<String>getAs("study_id"))))
                .withColumn("study_id", functions.lit(earlier))
                .withColumn("day", functions.lit(reading.<Integer>getAs("first_day") - 10));
        // a second reading on the new earlier study (it wins) and a third on the last one (it does not)
        Dataset<Row> twoMore = features.where(patient).withColumn("study_id", functions.lit(earlier))
                .withColumn("margin", functions.lit("INFILTRATIVE"))
                .unionByName(features.where(patient).withColumn("study_id", functions.lit(reading.<String>getAs(
                        "last_study"))).withColumn("margin", functions.lit("WELL_DEFINED")));
        // a second tumour of the same patient in an alphabetically earlier location (it wins)
        Dataset<Row> tumours = data.table(RecordType.TUMOUR);
        Dataset<Row> secondTumour = tumours.where(patient).withColumn("primary_location", functions.lit("AAA_TEST"));
        Map<RecordType, Dataset<Row>> tables = new EnumMap<>(data.tables());
        tables.put(RecordType.IMAGING_FEATURES, features.unionByName(twoMore));
        tables.put(RecordType.IMAGING_STUDY, studies.unionByName(earlierStudy));
        tables.put(RecordType.TUMOUR, tumours.unionByName(secondTumour));
        Dataset<Row> table = PatientTable.of(new RegistryData(tables, data.source()));

        assertThat(table.count()).isEqualTo(3000);
        Row p = table.where(patient).first();
        assertThat(p.<String>getAs(PatientTable.FEATURE_STUDY)).isEqualTo(earlier);
        assertThat(p.<String>getAs(PatientTable.MARGIN)).isEqualTo("INFILTRATIVE");
        assertThat(p.<Boolean>getAs(PatientTable.IRREGULAR_MARGIN)).isTrue();
        assertThat(p.<String>getAs(PatientTable.LOCATION)).isEqualTo("AAA_TEST");
        // every other patient as before
        Dataset<Row> before = PatientTable.of(data).where(functions.not(patient));
        assertThat(table.where(functions.not(patient)).exceptAll(before).count()).isZero();
    }

    @Test
    void theDayAndCodeMinimumIsTheCodeOfTheEarliestRow() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("p", DataTypes.IntegerType, false),
                DataTypes.createStructField("kind", DataTypes.StringType, false),
                DataTypes.createStructField("day", DataTypes.IntegerType, false),
                DataTypes.createStructField("cause", DataTypes.StringType, true)));
        List<Row> rows = List.of(
                // the earliest death (a negative day) wins over a later one and over other kinds
                RowFactory.create(1, "DEATH", 40, "DISEASE"), RowFactory.create(1, "DEATH", -3, "OTHER_CAUSE"),
                RowFactory.create(1, "LOCAL_RECURRENCE", -900, null),
                // a death without a recorded cause gives no cause
                RowFactory.create(2, "DEATH", 7, null), RowFactory.create(2, "DEATH", 9, "DISEASE"),
                // no death at all
                RowFactory.create(3, "LOCAL_RECURRENCE", 5, null),
                RowFactory.create(4, "DEATH", 1_000_000, "UNKNOWN"));
        Dataset<Row> events = TestSpark.session().createDataFrame(rows, schema);
        List<Row> out = events.groupBy("p").agg(functions.min(PatientTable.dayAndCode(col("kind").equalTo("DEATH"),
                col("day"), col("cause"), CauseOfDeath.values())).as("packed"))
                .select(col("p"), PatientTable.codeOf(col("packed"), CauseOfDeath.values()).as("cause"))
                .orderBy("p").collectAsList();
        assertThat(out).extracting(r -> r.isNullAt(1) ? null : r.getString(1))
                .containsExactly("OTHER_CAUSE", null, null, "UNKNOWN");
    }

    @Test
    void thePrimaryTreatmentIsTheCurativeTreatmentBeforeTheFirstRecurrence() {
        // the rule spelled out row by row (treatments joined with each patient's first recurrence, then filtered),
        // against the table's earliest-day aggregation
        RegistryData data = TestRegistry.data();
        Dataset<Row> recurrences = data.table(RecordType.OUTCOME_EVENT)
                .where(col("kind").isin("LOCAL_RECURRENCE", "DISTANT_METASTASIS"))
                .groupBy(PatientTable.SITE, PatientTable.PSEUDONYM).agg(functions.min("day").as("recurrence_day"));
        Dataset<Row> treatments = data.table(RecordType.TREATMENT);
        Dataset<Row> expected = treatments.join(recurrences, new String[] {PatientTable.SITE, PatientTable.PSEUDONYM},
                        "left")
                .where(col("setting").notEqual("PALLIATIVE").and(col("recurrence_day").isNull()
                        .or(col("start_day").lt(col("recurrence_day")))))
                .groupBy(PatientTable.SITE, PatientTable.PSEUDONYM).agg(
                        functions.min(functions.when(col("kind").equalTo("SURGERY"), col("start_day"))).as("s"),
                        functions.expr("min_by(case when kind = 'SURGERY' then surgical_margin end, "
                                + "case when kind = 'SURGERY' then start_day end)").as("m"),
                        functions.max(col("kind").equalTo("RADIOTHERAPY")).as("r"),
                        functions.max(col("setting").equalTo("NEOADJUVANT")).as("n"));
        Dataset<Row> table = PatientTable.of(data);
        Dataset<Row> actual = table.where(col(PatientTable.SURGERY_DAY).isNotNull().or(col(PatientTable.RADIOTHERAPY))
                        .or(col(PatientTable.NEOADJUVANT)))
                .select(col(PatientTable.SITE), col(PatientTable.PSEUDONYM), col(PatientTable.SURGERY_DAY).as("s"),
                        col(PatientTable.SURGICAL_MARGIN).as("m"), col(PatientTable.RADIOTHERAPY).as("r"),
                        col(PatientTable.NEOADJUVANT).as("n"));
        // patients whose only curative treatments are neither surgery, radiotherapy nor neoadjuvant have no row
        Dataset<Row> expectedShown = expected.where(col("s").isNotNull().or(col("r")).or(col("n")));
        assertThat(expectedShown.count()).isGreaterThan(1000);
        assertThat(expected.where(col("r")).count()).isPositive();
        assertThat(expected.where(col("n")).count()).isPositive();
        // the rule matters in these data: some treatments are palliative or after a recurrence
        assertThat(treatments.join(recurrences, new String[] {PatientTable.SITE, PatientTable.PSEUDONYM})
                .where(col("start_day").geq(col("recurrence_day"))).count()).isPositive();
        assertThat(actual.exceptAll(expectedShown).count()).isZero();
        assertThat(expectedShown.exceptAll(actual).count()).isZero();
    }

    @Test
    void aSnapshotWithTheStoredKeyGivesExactlyTheTableOfTheCsvSource() {
        var spark = TestSpark.session();
        RegistryData csv = RegistrySources.read(spark, TestRegistry.csvFolder().toString(), false);
        RegistryData v1 = RegistrySources.read(spark, TestSnapshots.version1().toString(), false);
        RegistryData v2 = RegistrySources.read(spark, TestRegistry.snapshotFolder().toString(), false);
        assertThat(v2.carriesPatientKey()).isTrue();
        assertThat(csv.carriesPatientKey()).isFalse();
        Dataset<Row> fromCsv = PatientTable.of(csv);
        for (Dataset<Row> other : List.of(PatientTable.of(v1), PatientTable.of(v2))) {
            assertThat(other.columns()).containsExactly(fromCsv.columns());
            assertThat(other.schema().fields()).extracting(f -> f.dataType())
                    .containsExactly(Arrays.stream(fromCsv.schema().fields()).map(f -> f.dataType())
                            .toArray(org.apache.spark.sql.types.DataType[]::new));
            assertThat(other.count()).isEqualTo(3000);
            assertThat(other.exceptAll(fromCsv).count()).isZero();
            assertThat(fromCsv.exceptAll(other).count()).isZero();
        }
        csv.unpersist();
    }

    @Test
    void onAKeyedSnapshotTheStudiesAreKeyedWithoutReadingTheirPseudonyms() {
        var spark = TestSpark.session();
        RegistryData v2 = RegistrySources.read(spark, TestRegistry.snapshotFolder().toString(), false);
        RegistryData v1 = RegistrySources.read(spark, TestSnapshots.version1().toString(), false);
        String keyed = studyScan(v2);
        assertThat(keyed).contains("ReadSchema: struct<day:int,patient_key:bigint>")
                .doesNotContain(PatientTable.PSEUDONYM);
        assertThat(studyScan(v1)).contains("ReadSchema: struct<site_code:string,patient_pseudonym:string,day:int>");
        // the stored key joins the studies to the patients as the hash does
        Dataset<Row> patients = PatientTable.of(v2);
        assertThat(v2.table(RecordType.IMAGING_STUDY).select(PatientTable.keyFor(v2, patients).as(PatientTable.KEY))
                .join(patients, PatientTable.KEY).count()).isEqualTo(v1.table(RecordType.IMAGING_STUDY).count());
    }

    private static String studyScan(RegistryData data) {
        Dataset<Row> studies = data.table(RecordType.IMAGING_STUDY)
                .select(PatientTable.keyFor(data, PatientTable.of(data)).as(PatientTable.KEY), col("day"));
        return studies.queryExecution().executedPlan().toString();
    }
}
