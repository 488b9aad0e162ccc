package org.lmsregistry.deploy.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.deploy.RegistryApi;
import org.lmsregistry.deploy.RunningRegistry;

/**
 * The registry launches the real spark-jobs jar (child JVM, local mode) on its demo data (the registry
 * shared with the other analysis tests, {@link SharedAnalysisRegistry}):
 * a yield analysis end to end, a failing job with its log, bad requests refused, cancellation, and
 * a Payara restart that keeps finished results and marks an interrupted run failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedAnalysisRegistry.class)
class AnalysisRunIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);

    private static RunningRegistry registry;
    private static RegistryApi statistician;
    private static RegistryApi admin;
    private static RegistryApi coordinator;
    private static Path workDir;
    private static long yieldRun;

    @BeforeAll
    static void signIn(RunningRegistry shared) throws Exception {
        registry = shared;
        workDir = SharedAnalysisRegistry.workDir();
        statistician = new RegistryApi(registry.baseUri(), "demo-statistician", registry.demoPassword());
        admin = new RegistryApi(registry.baseUri(), "demo-admin", registry.demoPassword());
        JsonNode sites = RegistryApi.json(admin.get("sites").body());
        String site = sites.get("items").get(0).get("code").asText().toLowerCase(java.util.Locale.ROOT);
        coordinator = new RegistryApi(registry.baseUri(), "demo-coord-" + site, registry.demoPassword());
    }

    @Test
    @Order(1)
    void aStatisticianRunsAYieldAnalysisOnTheRegistrysOwnData() throws Exception {
        HttpResponse<String> requested = statistician.post("analysis-runs", "{\"kind\":\"yield\","
                + "\"parameters\":{\"minCell\":5},\"cohort\":{\"name\":\"all demo patients\"}}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        yieldRun = RegistryApi.json(requested.body()).get("id").asLong();

        List<JsonNode> seen = new ArrayList<>();
        Set<String> childArguments = new java.util.HashSet<>();
        JsonNode run = awaitFinal(yieldRun, seen, childArguments);

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(seen).as("the run was seen running").anyMatch(r -> r.get("status").asText().equals("RUNNING"));
        List<Integer> progress = seen.stream().map(r -> r.get("progress").asInt()).toList();
        assertThat(progress).as("progress never goes back").isSorted();
        assertThat(run.get("progress").asInt()).isEqualTo(100);
        assertThat(childArguments).as("the snapshot child was seen").anyMatch(a -> a.contains(" snapshot "));
        assertThat(childArguments).as("no password on a child's command line")
                .noneMatch(a -> a.contains(registry.databasePassword()));

        JsonNode results = run.get("results");
        assertThat(results.get("analysis").asText()).isEqualTo("yield");
        String checksum = results.get("provenance").get("snapshotChecksum").asText();
        assertThat(checksum).isNotBlank();
        assertThat(run.get("dataChecksum").asText()).isEqualTo(checksum);
        assertThat(run.get("softwareVersion").asText())
                .isEqualTo(results.get("provenance").get("software").get("version").asText());
        assertThat(results.get("provenance").get("cohort").get("name").asText()).isEqualTo("all demo patients");
        assertThat(results.get("provenance").get("source").get("rows").get("patients").asInt())
                .as("the snapshot read the demo cohort from PostgreSQL").isEqualTo(demoPatients());

        Set<String> files = names(run.get("files"));
        assertThat(files).contains("result.json", "report.html", "yield_by_modality.csv", "yield_strata.csv")
                .anyMatch(n -> n.startsWith("plotly-") && n.endsWith(".js"));

        HttpResponse<byte[]> csv = statistician.getBytes("analysis-runs/" + yieldRun + "/files/yield_by_modality.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        String table = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(table.lines().findFirst()).get().asString().contains("modality");
        assertThat(table).contains("MRI").contains("CT");
        String sha = file(run, "yield_by_modality.csv").get("sha256").asText();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv.body()))).isEqualTo(sha);

        HttpResponse<String> report = statistician.get("analysis-runs/" + yieldRun + "/files/report.html");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("<html").doesNotContain("https://cdn");
        assertThat(report.headers().firstValue("Content-Security-Policy")).get().asString().contains("sandbox");

        assertThat(runFolder(yieldRun)).as("the work folder (a copy of the registry) is removed")
                .doesNotExist();
    }

    @Test
    @Order(2)
    void badRequestsAreRefusedWithTheProblemNamedAndNothingIsQueued() throws Exception {
        int before = RegistryApi.json(statistician.get("analysis-runs?limit=100").body()).get("items").size();
        HttpResponse<String> bad = statistician.post("analysis-runs", "{\"kind\":\"yield\","
                + "\"cohort\":{\"grades\":[\"G4\"],\"minimumFollowUpDays\":-1}}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("cohort.grades: G4 is not one of [G1, G2, G3]")
                .contains("cohort.minimumFollowUpDays: -1");
        HttpResponse<String> notAJob = statistician.post("analysis-runs", "{\"kind\":\"yield\","
                + "\"parameters\":{\"out\":\"/tmp/x\"}}");
        assertThat(notAJob.statusCode()).isEqualTo(422);
        assertThat(notAJob.body()).contains("parameters.out: not a parameter of yield");
        int after = RegistryApi.json(statistician.get("analysis-runs?limit=100").body()).get("items").size();
        assertThat(after).isEqualTo(before);
    }

    @Test
    @Order(3)
    void siteRolesNeitherLaunchNorReadAndAdministratorsReadAndCancel() throws Exception {
        assertThat(coordinator.get("analysis-runs").statusCode()).isEqualTo(403);
        assertThat(coordinator.get("analysis-runs/" + yieldRun + "/files/report.html").statusCode()).isEqualTo(403);
        assertThat(coordinator.post("analysis-runs", "{\"kind\":\"yield\"}").statusCode()).isEqualTo(403);
        assertThat(admin.post("analysis-runs", "{\"kind\":\"yield\"}").statusCode()).isEqualTo(403);
        // administrators may cancel a run (not launch one); this run has already finished
        assertThat(admin.post("analysis-runs/" + yieldRun + "/cancel", "{}").statusCode()).isEqualTo(409);
        assertThat(admin.get("analysis-runs/" + yieldRun).statusCode()).isEqualTo(200);
        assertThat(admin.get("analysis-runs/" + yieldRun + "/files/yield_by_modality.csv").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aJobThatFailsLeavesAFailedRunWithItsLog() throws Exception {
        HttpResponse<String> requested = statistician.post("analysis-runs", "{\"kind\":\"survival\","
                + "\"parameters\":{\"feature\":\"no_such_feature\"}}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        JsonNode run = awaitFinal(RegistryApi.json(requested.body()).get("id").asLong(), null, null);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("FAILED");
        assertThat(run.get("failure").asText()).contains("the survival job failed with exit code 2");
        assertThat(run.get("log").asText()).contains("no_such_feature").contains("error:");
        assertThat(run.get("files")).isEmpty();
    }

    @Test
    @Order(5)
    void queuedAndRunningRunsCanBeCancelled() throws Exception {
        long first = RegistryApi.json(statistician.post("analysis-runs", "{\"kind\":\"describe\"}").body())
                .get("id").asLong();
        long second = RegistryApi.json(statistician.post("analysis-runs", "{\"kind\":\"describe\"}").body())
                .get("id").asLong();
        // one run at a time (lms.analysis.max-concurrent=1): the second waits in the queue
        JsonNode queued = RegistryApi.json(statistician.get("analysis-runs/" + second).body());
        assertThat(queued.get("status").asText()).isEqualTo("QUEUED");
        JsonNode cancelledQueued = RegistryApi.json(statistician.post("analysis-runs/" + second + "/cancel", "{}").body());
        assertThat(cancelledQueued.get("status").asText()).isEqualTo("CANCELLED");

        awaitStatus(first, r -> r.get("status").asText().equals("RUNNING"));
        HttpResponse<String> cancel = statistician.post("analysis-runs/" + first + "/cancel", "{}");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        JsonNode run = awaitFinal(first, null, null);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("CANCELLED");
        assertThat(run.get("failure").asText()).isEqualTo("cancelled while running");
        assertThat(childProcesses(first)).as("no child of the cancelled run is left").isEmpty();
        assertThat(statistician.post("analysis-runs/" + first + "/cancel", "{}").statusCode()).isEqualTo(409);
    }

    @Test
    @Order(6)
    void finishedResultsSurviveARestartAndARunInterruptedByItIsMarkedFailed() throws Exception {
        long interrupted = RegistryApi.json(statistician.post("analysis-runs", "{\"kind\":\"describe\"}").body())
                .get("id").asLong();
        awaitStatus(interrupted, r -> r.get("status").asText().equals("RUNNING"));

        registry.restartServer();

        assertThat(childProcesses(interrupted)).as("the children stop with the server").isEmpty();
        JsonNode run = RegistryApi.json(statistician.get("analysis-runs/" + interrupted).body());
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("failure").asText()).startsWith("interrupted: the server stopped");

        JsonNode kept = RegistryApi.json(statistician.get("analysis-runs/" + yieldRun).body());
        assertThat(kept.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(kept.get("results").get("analysis").asText()).isEqualTo("yield");
        assertThat(names(kept.get("files"))).contains("report.html", "yield_by_modality.csv");
        HttpResponse<String> report = statistician.get("analysis-runs/" + yieldRun + "/files/report.html");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("<html");
    }

    private static JsonNode awaitFinal(long id, List<JsonNode> seen, Set<String> childArguments) throws Exception {
        return awaitStatus(id, r -> Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(r.get("status").asText()),
                seen, childArguments);
    }

    private static JsonNode awaitStatus(long id, Predicate<JsonNode> until) throws Exception {
        return awaitStatus(id, until, null, null);
    }

    private static JsonNode awaitStatus(long id, Predicate<JsonNode> until, List<JsonNode> seen,
            Set<String> childArguments) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = statistician.get("analysis-runs/" + id);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            run = RegistryApi.json(r.body());
            if (seen != null) {
                seen.add(run);
            }
            if (childArguments != null) {
                childProcesses(id).forEach(p -> childArguments.add(String.join(" ", p.info().arguments().orElse(new String[0]))));
            }
            if (until.test(run)) {
                return run;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + id + " did not reach the expected state in " + RUN_TIMEOUT + ": " + run);
    }

    /** The live child JVMs of a run (their command lines name the run's work folder). */
    private static List<ProcessHandle> childProcesses(long id) {
        String marker = runFolder(id).toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .collect(Collectors.toList());
    }

    /** Where the registry keeps a run's files while it runs (lms.analysis.work-dir/lms-analysis-runs/run-N). */
    private static Path runFolder(long id) {
        return workDir.toAbsolutePath().resolve("lms-analysis-runs").resolve("run-" + id);
    }

    private static int demoPatients() throws Exception {
        try (var c = registry.connect(); var s = c.createStatement(); var rs = s.executeQuery("select count(*) from patient")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Set<String> names(JsonNode files) {
        return StreamSupport.stream(files.spliterator(), false).map(f -> f.get("name").asText())
                .collect(Collectors.toSet());
    }

    private static JsonNode file(JsonNode run, String name) {
        return StreamSupport.stream(run.get("files").spliterator(), false)
                .filter(f -> f.get("name").asText().equals(name)).findFirst().orElseThrow();
    }
}
