package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.cohort.Cohort;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.model.record.RecordType;

/**
 * The describe job's Spark part (value counts for the continuous summaries, joins on the patient key for the
 * completeness) gives the numbers of its former formulation (Spark's mean, stddev_samp and percentile per site;
 * joins and a per-patient count on site and pseudonym strings), kept here as the reference, on the shared
 * generated registry.
 */
class DescribeAggregatesTest {

    private static Cohort cohort;
    private static AnalysisContext ctx;

    @BeforeAll
    static void select() {
        ctx = TestRegistry.allPatientsContext();
        cohort = ctx.cohort();
    }

    @Test
    void continuousSummariesEqualSparksOnTheRows() {
        List<DescribeJob.Summary> summaries = DescribeJob.continuousSummaries(cohort.patients());
        List<Row> reference = referenceContinuous(cohort.patients());
        assertThat(summaries).hasSameSizeAs(reference).hasSizeGreaterThan(4);
        for (int i = 0; i < reference.size(); i++) {
            Row r = reference.get(i);
            DescribeJob.Summary s = summaries.get(i);
            assertThat(s.site()).isEqualTo(r.getString(0));
            assertThat(s.variable()).isEqualTo(r.getString(1));
            assertThat(s.values().n()).isEqualTo(r.getLong(2));
            assertThat(s.values().mean()).isCloseTo(r.getDouble(3), within(1e-12 * Math.abs(r.getDouble(3))));
            assertThat(s.values().sd()).isCloseTo(r.getDouble(4), within(1e-12 * Math.abs(r.getDouble(4))));
            List<Double> q = r.getList(5);
            assertThat(new double[] {s.values().quantile(0.25), s.values().quantile(0.5), s.values().quantile(0.75)})
                    .as("%s at %s", s.variable(), s.site()).containsExactly(q.get(0), q.get(1), q.get(2));
        }
    }

    @Test
    void completenessEqualsTheStringJoins() {
        Map<String, long[]> completeness = DescribeJob.completeness(ctx, cohort.patients());
        // the reference joins on site code and pseudonym: the cohort's rows of the full patient table have them
        Map<String, long[]> reference = referenceCompleteness(ctx, PatientTable.of(ctx.data())
                .join(cohort.patients().select(PatientTable.KEY), PatientTable.KEY, "left_semi"));
        assertThat(completeness.keySet()).containsExactlyElementsOf(reference.keySet()).hasSizeGreaterThan(1);
        for (String site : reference.keySet()) {
            assertThat(completeness.get(site)).as(site).containsExactly(reference.get(site));
        }
        // the surveillance field is neither all complete nor all missing, so the join is exercised both ways
        int f = new ArrayList<>(DescribeJob.completenessFields().keySet()).indexOf("surveillance_imaging");
        long complete = reference.values().stream().mapToLong(v -> v[f]).sum();
        assertThat(complete).isPositive().isLessThan(cohort.size());
    }

    private static List<Row> referenceContinuous(Dataset<Row> p) {
        Dataset<Row> long1 = p.select(col(PatientTable.SITE), explode(array(
                struct(lit("age_years").as("variable"), col(PatientTable.AGE).cast("double").as("value")),
                struct(lit("diameter_mm").as("variable"), col(PatientTable.DIAMETER_MM).cast("double").as("value")),
                struct(lit("imaging_diameter_mm").as("variable"),
                        col(PatientTable.IMAGING_DIAMETER_MM).cast("double").as("value")),
                struct(lit("follow_up_years").as("variable"),
                        col(PatientTable.END_DAY).cast("double").divide(365.25).as("value")))).as("x"))
                .select(col(PatientTable.SITE), col("x.variable").as("variable"), col("x.value").as("value"))
                .where(col("value").isNotNull());
        Column[] aggs = {count(lit(1)).as("n"), functions.mean("value").as("mean"),
                functions.stddev_samp("value").as("sd"), expr("percentile(value, array(0.25, 0.5, 0.75))").as("q")};
        Dataset<Row> bySite = long1.groupBy(col(PatientTable.SITE), col("variable")).agg(aggs[0], aggs[1], aggs[2],
                aggs[3]);
        Dataset<Row> overall = long1.groupBy(col("variable")).agg(aggs[0], aggs[1], aggs[2], aggs[3])
                .select(lit(DescribeJob.OVERALL).as(PatientTable.SITE), col("variable"), col("n"), col("mean"),
                        col("sd"), col("q"));
        return bySite.unionByName(overall).orderBy(col("variable"), col(PatientTable.SITE)).collectAsList();
    }

    private static Map<String, long[]> referenceCompleteness(AnalysisContext ctx, Dataset<Row> p) {
        Dataset<Row> tumours = ctx.data().table(RecordType.TUMOUR).select(col(PatientTable.SITE),
                col(PatientTable.PSEUDONYM), col("differentiation_score"), col("mitoses_per_10hpf"), col("necrosis"),
                col("stage"));
        Dataset<Row> surveillance = ctx.data().table(RecordType.IMAGING_STUDY)
                .where(col("purpose").equalTo("SURVEILLANCE"))
                .groupBy(PatientTable.SITE, PatientTable.PSEUDONYM).agg(count(lit(1)).as("surveillance_studies"));
        Dataset<Row> x = p.join(tumours, new String[] {PatientTable.SITE, PatientTable.PSEUDONYM}, "left")
                .join(surveillance, new String[] {PatientTable.SITE, PatientTable.PSEUDONYM}, "left");
        Map<String, Column> fields = DescribeJob.completenessFields();
        List<Column> aggs = new ArrayList<>();
        for (Map.Entry<String, Column> f : fields.entrySet()) {
            aggs.add(functions.sum(when(f.getValue(), 1).otherwise(0)).as(f.getKey()));
        }
        Map<String, long[]> out = new TreeMap<>();
        for (Row r : x.groupBy(PatientTable.SITE).agg(aggs.get(0), aggs.subList(1, aggs.size())
                .toArray(Column[]::new)).collectAsList()) {
            long[] v = new long[fields.size()];
            int i = 0;
            for (String f : fields.keySet()) {
                v[i++] = Rows.count(r, f);
            }
            out.put(r.getString(0), v);
        }
        return out;
    }
}
