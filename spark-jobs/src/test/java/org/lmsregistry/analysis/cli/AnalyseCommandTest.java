package org.lmsregistry.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.DriverJvm;
import org.lmsregistry.analysis.spark.TestRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code analyse}: the five analyses in one session give exactly what the five job commands give. */
class AnalyseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Options of the jobs, not the defaults, so that the test sees them reach each job. */
    private static final List<String> ASSOCIATIONS = List.of("--outcome", "recurrence", "--horizon-days", "1460",
            "--model", "peripheral_enhancement,deep,size,grade");
    private static final List<String> SURVIVAL = List.of("--endpoint", "local_recurrence", "--covariates",
            "margin,grade,retroperitoneal", "--max-years", "8");
    private static final List<String> ADHERENCE = List.of("--max-years", "8");

    @Test
    void oneSessionGivesTheSameResultsAsTheSeparateJobs() throws Exception {
        sameAsSeparateJobs("analyse-same", List.of("describe", "associations", "yield", "survival", "adherence"), null);
    }

    /**
     * A cohort smaller than the registry: the surveillance studies the session caches for describe, yield and
     * adherence are then only the cohort's (a semi-join the separate jobs do not make), with the same results.
     */
    @Test
    void aSelectedCohortGivesTheSameResultsInOneSessionAsInTheSeparateJobs() throws Exception {
        Path cohort = TestRegistry.newFolder("analyse-cohort-definition").resolve("cohort.json");
        Files.writeString(cohort, """
                {
                  "name": "high grade, followed a year",
                  "grades": ["G2", "G3"],
                  "minimumFollowUpDays": 365
                }
                """);
        sameAsSeparateJobs("analyse-cohort", List.of("describe", "yield", "adherence"), cohort);
    }

    /** Runs the jobs in one {@code analyse} session and one by one, and compares every output but the timings. */
    private static void sameAsSeparateJobs(String folder, List<String> jobs, Path cohort) throws Exception {
        String source = TestRegistry.snapshotFolder().toString();
        Path base = TestRegistry.newFolder(folder);
        Path together = base.resolve("together");
        List<String> common = new ArrayList<>(List.of("--source", source, "--min-cell", "11"));
        if (cohort != null) {
            common.addAll(List.of("--cohort", cohort.toString()));
        }
        List<String> args = new ArrayList<>(List.of("analyse", "--out", together.toString(), "--jobs",
                String.join(",", jobs)));
        args.addAll(common);
        if (jobs.contains("associations")) {
            args.addAll(ASSOCIATIONS);
        }
        if (jobs.contains("survival")) {
            args.addAll(SURVIVAL);
        }
        if (jobs.contains("adherence") && !jobs.contains("survival")) {
            args.addAll(ADHERENCE);
        }
        Cli.Run all = Cli.run(args.toArray(String[]::new));
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("after the Spark session was up");
        JsonNode summary = JSON.readTree(together.resolve("analyse.json").toFile());
        assertThat(summary.path("jobs").toString()).isEqualTo(JSON.valueToTree(jobs).toString());
        // the JVM that the timings were measured in, and the note on its collector where it applies
        assertThat(summary.path("jvm").path("garbageCollectors").toString())
                .isEqualTo(JSON.valueToTree(DriverJvm.collectors()).toString());
        assertThat(summary.path("jvm").path("javaVersion").asText()).isEqualTo(Runtime.version().toString());
        DriverJvm.collectorNote("local[*]", DriverJvm.collectors())
                .ifPresentOrElse(note -> assertThat(all.err()).contains(note),
                        () -> assertThat(all.err()).doesNotContain("UseParallelGC"));

        for (String job : jobs) {
            Path alone = base.resolve("alone-" + job);
            List<String> a = new ArrayList<>(List.of(job, "--out", alone.toString()));
            a.addAll(common);
            a.addAll(switch (job) {
                case "associations" -> ASSOCIATIONS;
                case "survival" -> SURVIVAL;
                case "adherence" -> ADHERENCE;
                default -> List.of();
            });
            Cli.Run run = Cli.run(a.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();

            Path shared = together.resolve(job);
            JsonNode doc = ResultAssertions.checkOutput(shared, job, 11, TestRegistry.data().checksum());
            assertThat(doc.path("provenance").path("timings").path("sharedBy").size()).isEqualTo(jobs.size());
            assertThat(withoutRunDetails(doc)).as(job + " result.json").isEqualTo(
                    withoutRunDetails(JSON.readTree(alone.resolve("result.json").toFile())));
            assertThat(csvFiles(shared)).as(job + " tables").isNotEmpty().isEqualTo(csvFiles(alone));
            for (String csv : csvFiles(alone)) {
                assertThat(Files.readString(shared.resolve(csv))).as(job + " " + csv)
                        .isEqualTo(Files.readString(alone.resolve(csv)));
            }
        }
    }

    @Test
    void anUnknownJobIsRefusedBeforeAnythingIsWritten() {
        Path out = TestRegistry.newFolder("analyse-unknown").resolve("out");
        Cli.Run run = Cli.run("analyse", "--source", TestRegistry.snapshotFolder().toString(), "--out", out.toString(),
                "--jobs", "describe,regress");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown job 'regress'").contains("describe,associations,yield,survival,adherence");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFilledOutputFolderOfOneJobStopsTheRunBeforeAnythingIsWritten() throws IOException {
        Path out = TestRegistry.newFolder("analyse-filled").resolve("out");
        Files.createDirectories(out.resolve("survival"));
        Files.writeString(out.resolve("survival").resolve("notes.txt"), "earlier work");
        Cli.Run run = Cli.run("analyse", "--source", TestRegistry.snapshotFolder().toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("survival").contains("not empty");
        assertThat(out.resolve("describe")).doesNotExist();
        assertThat(out.resolve("analyse.json")).doesNotExist();
    }

    /** The document without what differs from run to run (creation time, timings). */
    private static JsonNode withoutRunDetails(JsonNode doc) {
        ObjectNode copy = doc.deepCopy();
        ObjectNode provenance = (ObjectNode) copy.path("provenance");
        provenance.remove("createdAt");
        provenance.remove("timings");
        return copy;
    }

    private static List<String> csvFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
        }
    }
}
