package org.lmsregistry.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.Storage;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.analysis.spark.TestSnapshots;
import org.lmsregistry.analysis.spark.TestSpark;
import org.lmsregistry.model.record.RecordType;

/**
 * {@code bench} runs the analyses' aggregations in Spark and in DuckDB on the same snapshot and reports whether the
 * engines agree; on a snapshot that stores the patient key the queries join on it, and they must give the answers
 * of the queries on site code and pseudonym.
 */
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bothEnginesGiveTheSameAnswersOnTheKeyedSnapshot() throws Exception {
        JsonNode report = bench(TestRegistry.snapshotFolder(), "v2");
        assertThat(report.path("patientKey").asText()).startsWith("patient_key");
        assertEveryAnswerTheSame(report);
    }

    @Test
    void bothEnginesGiveTheSameAnswersOnAVersion1Snapshot() throws Exception {
        JsonNode report = bench(TestSnapshots.version1(), "v1");
        assertThat(report.path("patientKey").asText()).isEqualTo("site_code, patient_pseudonym");
        assertEveryAnswerTheSame(report);
    }

    @Test
    void keyedQueriesGiveTheAnswersOfTheStringKeyedOnes() {
        SparkSession spark = TestSpark.session();
        String source = TestRegistry.snapshotFolder().toString();
        for (RecordType t : RecordType.values()) {
            spark.read().parquet(Storage.uri(Storage.child(source, t.baseName()))).createOrReplaceTempView(t.baseName());
        }
        Map<String, String> keyed = BenchCommand.queries(true);
        Map<String, String> strings = BenchCommand.queries(false);
        assertThat(keyed.keySet()).containsExactlyElementsOf(strings.keySet());
        for (String q : keyed.keySet()) {
            if (!q.equals("yield_by_modality")) {
                assertThat(keyed.get(q)).as(q).contains("patient_key").doesNotContain("patient_pseudonym");
            }
            List<Row> a = spark.sql(keyed.get(q)).collectAsList();
            List<Row> b = spark.sql(strings.get(q)).collectAsList();
            assertThat(a).as(q).isNotEmpty().containsExactlyElementsOf(b);
        }
    }

    private static JsonNode bench(Path snapshot, String name) throws Exception {
        Path out = TestRegistry.newFolder("bench-" + name).resolve("bench.json");
        Cli.Run run = Cli.run("bench", "--source", snapshot.toString(), "--repeat", "1", "--duckdb-jar",
                duckdbJar().toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(Files.readString(out));
    }

    private static void assertEveryAnswerTheSame(JsonNode report) {
        JsonNode queries = report.path("queries");
        assertThat(queries.size()).isEqualTo(BenchCommand.queries(true).size());
        queries.fields().forEachRemaining(q -> {
            assertThat(q.getValue().path("sameAnswer").asBoolean()).as(q.getKey()).isTrue();
            assertThat(q.getValue().path("rows").asInt()).as(q.getKey() + " rows").isPositive();
        });
    }

    /** The DuckDB JDBC jar of the test class path (a provided dependency: not in the jobs jar). */
    private static Path duckdbJar() throws Exception {
        return Paths.get(Class.forName("org.duckdb.DuckDBDriver").getProtectionDomain().getCodeSource().getLocation()
                .toURI());
    }
}
