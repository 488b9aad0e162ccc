package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.cohort.CohortDefinition;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.spark.RegistryData;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.analysis.spark.TestSpark;
import org.lmsregistry.model.record.RecordType;

/**
 * The studies {@code analyse} caches once for its jobs (packed into one long per study) are, column for column,
 * those a single job reads straight from the source: for the whole registry and for a smaller cohort, on the
 * generated registry with studies added that it never holds (no day, the extreme days, no confirmation, no
 * result, a modality and a body region outside the vocabularies).
 */
class SurveillanceStudiesTest {

    @Test
    void theCachedStudiesAreTheSourcesStudiesForTheWholeRegistry() {
        sameRows(TestRegistry.allPatients());
    }

    @Test
    void theCachedStudiesAreTheSourcesStudiesOfASmallerCohort() {
        Cohort twoSites = Cohort.select(oddData(), CohortDefinition.parse("{\"sites\": [\"NORTH\", \"WEST\"]}"));
        try {
            sameRows(twoSites);
        } finally {
            twoSites.release();
        }
    }

    private static void sameRows(Cohort cohort) {
        RegistryData data = oddData();
        AnalysisContext context = new AnalysisContext(TestSpark.session(), data, cohort, 5, 0.95);
        SurveillanceStudies fromSource = SurveillanceStudies.read(data, cohort);
        SurveillanceStudies shared = SurveillanceStudies.shared(data, cohort);
        try {
            Dataset<Row> cohortKeys = cohort.patients().select(col(PatientTable.KEY));
            Dataset<Row> expected = fromSource.rows(context).join(cohortKeys, PatientTable.KEY, "left_semi");
            Dataset<Row> actual = shared.rows(context);
            assertThat(actual.schema().fieldNames()).containsExactly(expected.schema().fieldNames());
            for (int i = 0; i < expected.schema().size(); i++) {
                assertThat(actual.schema().fields()[i].dataType()).isEqualTo(expected.schema().fields()[i].dataType());
            }
            List<Row> want = sorted(expected.collectAsList());
            List<Row> got = sorted(actual.collectAsList());
            assertThat(got).hasSize(want.size()).isEqualTo(want);
            // the odd studies are among them, so the packing met every kind of value
            assertThat(want).anyMatch(r -> r.isNullAt(1)).anyMatch(r -> !r.isNullAt(1) && r.getInt(1) == Integer.MIN_VALUE)
                    .anyMatch(r -> !r.isNullAt(1) && r.getInt(1) == Integer.MAX_VALUE)
                    .anyMatch(r -> r.isNullAt(7)).anyMatch(r -> !r.isNullAt(7) && r.getBoolean(7))
                    .anyMatch(r -> "SPECT".equals(r.getString(3))).anyMatch(r -> "SPINE".equals(r.getString(5)))
                    .anyMatch(r -> r.getByte(6) == 0);
            assertThat(shared.mayHoldOtherValues(context)).isTrue();
        } finally {
            shared.release();
        }
    }

    /**
     * The test registry with copies of a fixed choice of surveillance studies at every site that hold the values
     * the generator never writes.
     */
    private static RegistryData oddData() {
        RegistryData data = TestRegistry.data();
        Dataset<Row> studies = data.table(RecordType.IMAGING_STUDY);
        // about one surveillance study in 25 at every site, chosen by a hash of its key, and a second hash to vary
        Dataset<Row> chosen = studies.where(col("purpose").equalTo("SURVEILLANCE").and(functions.pmod(functions
                .xxhash64(col(PatientTable.SITE), col(PatientTable.PSEUDONYM), col("study_id")), lit(25L)).equalTo(0)));
        Dataset<Row> odd = chosen.withColumn("study_id", functions.concat(col("study_id"), lit("-odd")))
                .withColumn("n", functions.pmod(functions.xxhash64(col(PatientTable.SITE), col(PatientTable.PSEUDONYM),
                        col("study_id")), lit(1_000_003L)))
                .withColumn("day", when(col("n").mod(5).equalTo(0), lit(null).cast("int"))
                        .when(col("n").mod(5).equalTo(1), lit(Integer.MIN_VALUE))
                        .when(col("n").mod(5).equalTo(2), lit(Integer.MAX_VALUE)).otherwise(col("day")))
                .withColumn("finding_confirmed", when(col("n").mod(3).equalTo(0), lit(null).cast("boolean"))
                        .when(col("n").mod(3).equalTo(1), lit(true)).otherwise(lit(false)))
                .withColumn("result", when(col("n").mod(7).equalTo(0), lit(null).cast("string"))
                        .otherwise(col("result")))
                .withColumn("modality", when(col("n").mod(11).equalTo(0), lit("SPECT")).otherwise(col("modality")))
                .withColumn("body_region", when(col("n").mod(13).equalTo(0), lit("SPINE"))
                        .otherwise(col("body_region")))
                .drop("n");
        Map<RecordType, Dataset<Row>> tables = new java.util.EnumMap<>(RecordType.class);
        tables.putAll(data.tables());
        tables.put(RecordType.IMAGING_STUDY, studies.unionByName(odd));
        return new RegistryData(tables, data.source());
    }

    private static List<Row> sorted(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparing(Row::toString)).toList();
    }
}
