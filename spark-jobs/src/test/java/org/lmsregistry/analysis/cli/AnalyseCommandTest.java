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
        sameAsSeparateJobs("analyse-same", List.of("describe", "associations", "yield", "survival", "adherence"), (Path) null);
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

    /**
     * Two cohorts (a main analysis and a sensitivity analysis) in one session: the source is read and the registry's
     * patient table built once, and each cohort's outputs, in a folder named after its file, are those of the
     * separate job commands on that cohort alone. A single job command takes several cohorts the same way.
     */
    @Test
    void severalCohortsInOneSessionGiveWhatEachGivesAlone() throws Exception {
        Path definitions = TestRegistry.newFolder("analyse-cohorts-definitions");
        Path main = definitions.resolve("main.json");
        Files.writeString(main, """
                {"name": "high grade", "grades": ["G2", "G3"]}
                """);
        Path sensitivity = definitions.resolve("two-sites.JSON");
        Files.writeString(sensitivity, """
                {"name": "two sites, followed a year", "sites": ["NORTH", "WEST"], "minimumFollowUpDays": 365}
                """);
        List<String> jobs = List.of("describe", "survival", "adherence");
        Path together = sameAsSeparateJobs("analyse-cohorts", jobs, List.of(main, sensitivity));
        for (String name : List.of("main", "two-sites")) {
            JsonNode summary = JSON.readTree(together.resolve(name).resolve("analyse.json").toFile());
            assertThat(summary.path("cohortsInSession").asInt()).isEqualTo(2);
            assertThat(summary.path("cohortSetSeconds").asDouble()).isPositive()
                    .isLessThanOrEqualTo(summary.path("secondsAfterSessionUp").asDouble());
            assertThat(JSON.readTree(together.resolve(name).resolve("survival").resolve("result.json").toFile())
                    .path("provenance").path("timings").path("cohortsInSession").asInt()).isEqualTo(2);
        }
        assertThat(together.resolve("analyse.json")).doesNotExist();

        Path survival = TestRegistry.newFolder("analyse-cohorts-survival").resolve("out");
        List<String> args = new ArrayList<>(List.of("survival", "--source", TestRegistry.snapshotFolder().toString(),
                "--min-cell", "11", "--out", survival.toString(), "--cohort", main.toString(), "--cohort",
                sensitivity.toString()));
        args.addAll(SURVIVAL);
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cohort 'high grade'").contains("cohort 'two sites, followed a year'");
        for (String name : List.of("main", "two-sites")) {
            assertThat(withoutRunDetails(JSON.readTree(survival.resolve(name).resolve("result.json").toFile())))
                    .as(name).isEqualTo(withoutRunDetails(JSON.readTree(together.resolve(name).resolve("survival")
                            .resolve("result.json").toFile())));
        }
    }

    @Test
    void twoCohortFilesOfOneNameAreRefusedBeforeAnythingIsRead() throws IOException {
        Path base = TestRegistry.newFolder("analyse-cohorts-same-name");
        Path a = Files.createDirectories(base.resolve("a")).resolve("cohort.json");
        Path b = Files.createDirectories(base.resolve("b")).resolve("cohort.json");
        Files.writeString(a, "{\"grades\": [\"G3\"]}");
        Files.writeString(b, "{\"grades\": [\"G1\"]}");
        Path out = base.resolve("out");
        Cli.Run run = Cli.run("analyse", "--source", TestRegistry.snapshotFolder().toString(), "--out", out.toString(),
                "--cohort", a.toString(), "--cohort", b.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(a.toString()).contains(b.toString()).contains("different names");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFilledOutputFolderOfTheSecondCohortStopsTheRunBeforeAnythingIsWritten() throws IOException {
        Path base = TestRegistry.newFolder("analyse-cohorts-filled");
        Path first = base.resolve("first.json");
        Path second = base.resolve("second.json");
        Files.writeString(first, "{\"grades\": [\"G3\"]}");
        Files.writeString(second, "{\"grades\": [\"G1\"]}");
        Path out = base.resolve("out");
        Files.createDirectories(out.resolve("second").resolve("yield"));
        Files.writeString(out.resolve("second").resolve("yield").resolve("notes.txt"), "earlier work");
        Cli.Run run = Cli.run("analyse", "--source", TestRegistry.snapshotFolder().toString(), "--out", out.toString(),
                "--cohort", first.toString(), "--cohort", second.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("second").contains("yield").contains("not empty");
        assertThat(out.resolve("first")).doesNotExist();
    }

    /** {@link #sameAsSeparateJobs(String, List, List)} with one cohort file, or none (every patient). */
    private static void sameAsSeparateJobs(String folder, List<String> jobs, Path cohort) throws Exception {
        sameAsSeparateJobs(folder, jobs, cohort == null ? List.of() : List.of(cohort));
    }

    /**
     * Runs the jobs in one {@code analyse} session, on every cohort given, and one by one on each cohort alone, and
     * compares every output but the timings; returns the folder of the session's outputs.
     */
    private static Path sameAsSeparateJobs(String folder, List<String> jobs, List<Path> cohorts) throws Exception {
        String source = TestRegistry.snapshotFolder().toString();
        Path base = TestRegistry.newFolder(folder);
        Path together = base.resolve("together");
        List<String> common = List.of("--source", source, "--min-cell", "11");
        List<String> args = new ArrayList<>(List.of("analyse", "--out", together.toString(), "--jobs",
                String.join(",", jobs)));
        args.addAll(common);
        for (Path cohort : cohorts) {
            args.addAll(List.of("--cohort", cohort.toString()));
        }
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
        for (Path cohort : cohorts.isEmpty() ? java.util.Collections.<Path>singletonList(null) : cohorts) {
            // one cohort writes to --out itself, several each to the folder named after its file
            Path shared = cohorts.size() < 2 ? together : together.resolve(AnalysisCommand.folderName(cohort));
            sameAsSeparateJobs(base, jobs, common, cohort, shared, all);
        }
        return together;
    }

    /** Compares the outputs of one cohort of an {@code analyse} session with those of the jobs run alone. */
    private static void sameAsSeparateJobs(Path base, List<String> jobs, List<String> common, Path cohort,
            Path together, Cli.Run all) throws Exception {
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
            Path alone = base.resolve("alone-" + job + (cohort == null ? "" : "-" + AnalysisCommand.folderName(cohort)));
            List<String> a = new ArrayList<>(List.of(job, "--out", alone.toString()));
            a.addAll(common);
            if (cohort != null) {
                a.addAll(List.of("--cohort", cohort.toString()));
            }
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
