package org.lmsregistry.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.RegistrySources;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.analysis.spark.TestSnapshots;
import org.lmsregistry.analysis.spark.TestSpark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import scala.jdk.javaapi.CollectionConverters;

/**
 * Snapshots of format version 1, version 2 with the patient key, and version 2 without it (keys collided): the
 * upgrade, and the analyses giving the same results on each, reading no pseudonym of a study where the key is
 * stored.
 */
class SnapshotVersionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aVersion1SnapshotIsUpgradedToVersion2WithTheSameChecksum() {
        Path out = TestRegistry.newFolder("upgrade").resolve("snapshot");
        Cli.Run run = Cli.run("snapshot", "--source", TestSnapshots.version1().toString(), "--out", out.toString(),
                "--files-per-table", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String checksum = TestRegistry.data().checksum();
        assertThat(run.out()).contains("checksum " + checksum)
                .contains("patient key patient_key = xxhash64(site_code, patient_pseudonym) in every table");
        Map<String, Object> m = RegistrySources.readManifest(out.toString());
        assertThat(m).containsEntry("formatVersion", 2).containsEntry("checksum", checksum);
        assertThat(m.get("created").toString()).contains("sourceFormatVersion=1");
        var read = RegistrySources.parquet(TestSpark.session(), out.toString(), true);
        assertThat(read.carriesPatientKey()).isTrue();
        assertThat(read.checksum()).isEqualTo(checksum);
    }

    @Test
    void aSnapshotWhoseFilesWereChangedIsNotUpgraded() throws Exception {
        Path out = TestRegistry.newFolder("upgrade-changed").resolve("snapshot");
        Path source = TestRegistry.newFolder("upgrade-changed-source").resolve("snapshot");
        Files.createDirectories(source);
        Files.copy(TestSnapshots.version1().resolve("manifest.json"), source.resolve("manifest.json"));
        Cli.Run run = Cli.run("snapshot", "--source", source.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("does not match its manifest");
        assertThat(out).doesNotExist();
    }

    @Test
    void theAnalysesGiveTheSameResultsOnEveryVersionAndReadNoStudyPseudonymWhereTheKeyIsStored() throws Exception {
        Path base = TestRegistry.newFolder("versions");
        List<String> v2Scans = new ArrayList<>();
        Path v2 = analyse(TestRegistry.snapshotFolder(), base.resolve("v2"), v2Scans);
        List<String> v1Scans = new ArrayList<>();
        Path v1 = analyse(TestSnapshots.version1(), base.resolve("v1"), v1Scans);
        Path collided = analyse(TestSnapshots.collided(), base.resolve("collided"), new ArrayList<>());

        assertThat(v2Scans).as("scans of imaging_studies on version 2").isNotEmpty()
                .allSatisfy(schema -> assertThat(schema).contains("patient_key").doesNotContain("patient_pseudonym"));
        assertThat(v1Scans).as("scans of imaging_studies on version 1").anySatisfy(
                schema -> assertThat(schema).contains("patient_pseudonym"));

        for (String job : List.of("describe", "associations", "yield", "survival", "adherence")) {
            JsonNode expected = results(v1.resolve(job));
            assertThat(results(v2.resolve(job))).as(job + " version 2").isEqualTo(expected);
            assertThat(results(collided.resolve(job))).as(job + " collided").isEqualTo(expected);
            List<String> tables = csvFiles(v1.resolve(job));
            assertThat(tables).isNotEmpty();
            for (Path other : List.of(v2, collided)) {
                assertThat(csvFiles(other.resolve(job))).isEqualTo(tables);
                for (String csv : tables) {
                    assertThat(Files.readString(other.resolve(job).resolve(csv))).as(other + " " + job + " " + csv)
                            .isEqualTo(Files.readString(v1.resolve(job).resolve(csv)));
                }
            }
        }
    }

    /** Runs analyse on a snapshot, noting the read schema of every scan of its studies. */
    private static Path analyse(Path snapshot, Path out, List<String> studyScans) throws Exception {
        SparkSession spark = TestSpark.session();
        String studies = snapshot.resolve("imaging_studies").toAbsolutePath().toString();
        QueryExecutionListener listener = new QueryExecutionListener() {
            @Override
            public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
                List<FileSourceScanExec> scans = new ArrayList<>();
                scans(qe.executedPlan(), scans);
                for (FileSourceScanExec s : scans) {
                    boolean ofStudies = CollectionConverters.asJava(s.relation().location().rootPaths()).stream()
                            .anyMatch(p -> p.toUri().getPath().replaceAll("/$", "").equals(studies));
                    if (ofStudies) {
                        synchronized (studyScans) {
                            studyScans.add(s.requiredSchema().simpleString());
                        }
                    }
                }
            }

            @Override
            public void onFailure(String funcName, QueryExecution qe, Exception exception) {
            }
        };
        spark.listenerManager().register(listener);
        try {
            Cli.Run run = Cli.run("analyse", "--source", snapshot.toString(), "--out", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.listenerManager().unregister(listener);
        }
        return out;
    }

    private static void scans(SparkPlan plan, List<FileSourceScanExec> out) {
        if (plan instanceof FileSourceScanExec s) {
            out.add(s);
        }
        if (plan instanceof AdaptiveSparkPlanExec a) {
            scans(a.executedPlan(), out);
        }
        if (plan instanceof QueryStageExec q) {
            scans(q.plan(), out);
        }
        if (plan instanceof InMemoryTableScanExec m) {
            scans(m.relation().cachedPlan(), out);
        }
        for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
            scans(child, out);
        }
        for (SparkPlan sub : CollectionConverters.asJava(plan.subqueries())) {
            scans(sub, out);
        }
    }

    /** A result.json without what differs between runs and sources (provenance). */
    private static JsonNode results(Path job) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(job.resolve("result.json").toFile());
        doc.remove("provenance");
        return doc;
    }

    private static List<String> csvFiles(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
        }
    }
}
