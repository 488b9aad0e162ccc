package org.lmsregistry.deploy.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lmsregistry.deploy.RunningRegistry;
import org.lmsregistry.deploy.ServerLogOnFailure;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.model.code.CauseOfDeath;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.interchange.InterchangeFolder;
import org.lmsregistry.model.interchange.JsonInterchange;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.synthetic.CohortGenerator;
import org.lmsregistry.model.synthetic.CohortSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code etl upload} end to end against the real registry: embedded PostgreSQL and Payara Micro with
 * registry-web.war as processes on loopback (started once for the class), the packaged ETL jar as a
 * child process. Every check of what arrived goes through the registry's REST API: the records per
 * type, and the upload list (records created by all uploads together equal the records sent, none
 * updated or unchanged, so nothing was stored twice under another key). Each test has its own site.
 */
class EtlUploadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SITES = 5;

    @TempDir
    static Path work;

    static RunningRegistry registry;
    @RegisterExtension
    static final ServerLogOnFailure SERVER_LOG = new ServerLogOnFailure(() -> registry);
    static RegistryAdmin admin;
    static RegistryBatch cohort;
    static List<String> siteCodes;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = RunningRegistry.withFirstAdministrator(work.resolve("registry"));
        admin = new RegistryAdmin(registry.url(), RunningRegistry.ADMIN, registry.adminPassword());
        CohortSettings settings = CohortSettings.defaults(31, SITES, 45);
        cohort = CohortGenerator.generate(settings);
        siteCodes = settings.sites().stream().map(s -> s.code()).toList();
        for (String code : siteCodes) {
            admin.createSite(code);
        }
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    /** One site's data manager: its folder of registry files, its configuration and token. */
    record Site(String code, RegistryBatch records, Path folder, Path config, Path tokenFile, long tokenId) {

        Path journal() {
            return folder.resolve(".lms-upload-journal.jsonl");
        }

        List<String> upload(String... extra) {
            return Stream.concat(Stream.of("upload", folder.toString(), "--config", config.toString(),
                    "--batch-size", "20", "--retries", "60", "--retry-delay", "250", "--retry-max-delay", "3000"),
                    Stream.of(extra)).toList();
        }
    }

    private static Site site(int index) throws Exception {
        String code = siteCodes.get(index);
        RegistryBatch records = new RegistryBatch.Builder()
                .addAll(cohort.all().filter(r -> r.siteCode().equals(code)).toList()).build();
        Path dir = work.resolve("site-" + code);
        Path folder = dir.resolve("upload");
        InterchangeFolder.write(records, folder);
        EtlProcess.Result init = EtlProcess.run(dir, "init", List.of("init", "--site-code", code, "--dir",
                dir.resolve("config").toString(), "--registry-url", registry.url().toString(), "--token-file", "token"));
        assertThat(init.code()).as(init.toString()).isZero();
        RegistryAdmin.Token token = admin.createToken(code);
        Path tokenFile = dir.resolve("config/token");
        Files.writeString(tokenFile, token.secret() + "\n");
        return new Site(code, records, folder, dir.resolve("config/site.yaml"), tokenFile, token.id());
    }

    private static Map<String, Integer> counts(RegistryBatch batch) {
        Map<String, Integer> counts = new TreeMap<>();
        batch.counts().forEach((t, n) -> {
            if (n > 0) {
                counts.put(t.fileName(), n);
            }
        });
        return counts;
    }

    private static RegistryBatch ofPatients(RegistryBatch batch, Set<String> pseudonyms) {
        return new RegistryBatch.Builder()
                .addAll(batch.all().filter(r -> pseudonyms.contains(r.patientPseudonym())).toList()).build();
    }

    /** Every record of the site is in the registry, and was created by exactly one upload. */
    private static void assertArrivedExactlyOnce(Site site) throws Exception {
        assertThat(admin.counts(site.code())).isEqualTo(counts(site.records()));
        List<JsonNode> uploads = admin.uploads(site.code());
        assertThat(uploads).allSatisfy(u -> {
            assertThat(u.path("status").asText()).as(u.toString()).isEqualTo("COMPLETED");
            assertThat(u.path("updated").asInt()).as(u.toString()).isZero();
            assertThat(u.path("unchanged").asInt()).as(u.toString()).isZero();
        });
        assertThat(uploads.stream().mapToInt(u -> u.path("created").asInt()).sum()).isEqualTo(site.records().size());
        assertThat(uploads.stream().map(u -> u.path("idempotencyKey").asText()).distinct()).hasSize(uploads.size());
    }

    /** Patients the journal lists as accepted. */
    private static Set<String> journaled(Site site) throws Exception {
        Set<String> out = new HashSet<>();
        if (!Files.exists(site.journal())) {
            return out;
        }
        for (String line : Files.readAllLines(site.journal())) {
            JSON.readTree(line).path("patients").forEach(p -> out.add(p.path(0).asText()));
        }
        return out;
    }

    private static int journalLines(Site site) throws Exception {
        return Files.exists(site.journal()) ? Files.readAllLines(site.journal()).size() : 0;
    }

    /** The number of batches the upload plans (a dry run sends nothing). */
    private static int plannedBatches(Site site) throws Exception {
        EtlProcess.Result plan = EtlProcess.run(site.folder().getParent(), "plan", site.upload("--dry-run"));
        assertThat(plan.code()).as(plan.toString()).isZero();
        var m = java.util.regex.Pattern.compile("to send in (\\d+) batch").matcher(plan.out());
        assertThat(m.find()).as(plan.out()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Starts an upload and returns once the journal holds {@code batches} accepted batches. */
    private static EtlProcess uploadUntil(Site site, String name, int batches) throws Exception {
        EtlProcess etl = EtlProcess.start(site.folder().getParent(), name, site.upload());
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (journalLines(site) < batches) {
            assertThat(etl.isAlive()).as("etl ended before %d batches: %s", batches, etl).isTrue();
            assertThat(System.nanoTime()).as("etl is too slow").isLessThan(deadline);
            Thread.sleep(10);
        }
        return etl;
    }

    @Test
    void aCleanUploadArrivesExactlyOnceAndASecondRunSendsNothing() throws Exception {
        Site site = site(0);

        EtlProcess.Result run = EtlProcess.run(site.folder().getParent(), "upload", site.upload());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains(site.records().size() + " record(s) accepted by " + registry.url());
        assertArrivedExactlyOnce(site);
        int uploads = admin.uploads(site.code()).size();
        assertThat(uploads).isEqualTo(journalLines(site)).isGreaterThan(5);

        EtlProcess.Result again = EtlProcess.run(site.folder().getParent(), "again", site.upload());
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("0 to send in 0 batch(es)");
        assertThat(admin.uploads(site.code())).hasSize(uploads);
        // the token never shows in what the ETL prints
        String secret = Files.readString(site.tokenFile()).strip();
        assertThat(run.out() + run.err() + again.out() + again.err()).doesNotContain(secret);
    }

    @Test
    void killedMidwayAndRunAgainEveryRecordArrivesExactlyOnce() throws Exception {
        Site site = site(1);
        int planned = plannedBatches(site);

        EtlProcess etl = uploadUntil(site, "killed", 3);
        etl.kill();

        int journaledAtKill = journalLines(site);
        assertThat(journaledAtKill).as("killed before the end").isLessThan(planned);
        // the registry may hold one batch more than the journal: the one in flight when the ETL died
        assertThat(admin.patients(site.code())).containsAll(journaled(site));

        EtlProcess.Result resumed = EtlProcess.run(site.folder().getParent(), "resumed", site.upload());
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).containsPattern(" [1-9]\\d* already accepted, ");
        assertArrivedExactlyOnce(site);
        assertThat(journaled(site)).isEqualTo(admin.patients(site.code()));
    }

    @Test
    void theServerRestartedDuringTheUploadRetriesCompleteItExactlyOnce() throws Exception {
        Site site = site(2);
        int planned = plannedBatches(site);
        EtlProcess etl = uploadUntil(site, "restart", 3);
        long firstPid = registry.serverPid();

        registry.stopServer();
        int journaledWhileDown = journalLines(site);
        assertThat(etl.isAlive()).as("the ETL waits for the registry").isTrue();
        assertThat(journaledWhileDown).isLessThan(planned);
        registry.startServer();
        assertThat(registry.serverPid()).isNotEqualTo(firstPid);

        EtlProcess.Result run = etl.await(Duration.ofMinutes(5));
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).containsPattern("batch \\d+: .*; retry 1 of 60 in \\d+ ms");
        assertThat(journalLines(site)).isEqualTo(planned);
        assertArrivedExactlyOnce(site);
    }

    @Test
    void aTokenRevokedDuringTheUploadStopsItWithExitCode4AndNothingPartial() throws Exception {
        Site site = site(3);
        int planned = plannedBatches(site);
        EtlProcess etl = uploadUntil(site, "revoked", 2);

        // frozen mid-upload while the administrator revokes the token, then let go
        etl.pause();
        try {
            admin.revokeToken(site.tokenId());
        } finally {
            etl.resume();
        }
        EtlProcess.Result run = etl.await(Duration.ofMinutes(3));

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.UPLOAD_REFUSED);
        assertThat(run.err()).contains("Stopped: the registry did not accept the token (401)")
                .contains("The bearer token is not valid");
        assertThat(journalLines(site)).isBetween(2, planned - 1);
        // whole batches only: the registry holds exactly the journaled patients, each with all its records
        Set<String> accepted = journaled(site);
        assertThat(admin.patients(site.code())).isEqualTo(accepted);
        assertThat(admin.counts(site.code())).isEqualTo(counts(ofPatients(site.records(), accepted)));

        // a new token, the same command: the rest arrives, once
        RegistryAdmin.Token fresh = admin.createToken(site.code());
        Files.writeString(site.tokenFile(), fresh.secret() + "\n");
        EtlProcess.Result resumed = EtlProcess.run(site.folder().getParent(), "new-token", site.upload());
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertArrivedExactlyOnce(site);
    }

    @Test
    void aBatchTheServerRejectsShowsItsProblemsAtTheLocalFileRowAndExitsWith4() throws Exception {
        Site site = site(4);
        // Stored earlier (e.g. by another export): the death of one patient on day 1. The site's folder
        // is valid on its own, so the ETL's offline validation passes; together with the stored death
        // the patient's later studies are impossible, which only the registry can see.
        // the first study after day 1 in the file: the first line the report shows for its rule
        Predicate<RegistryRecord> hasLaterStudy = r -> r instanceof ImagingStudy s && s.day() != null && s.day() > 1;
        ImagingStudy study = (ImagingStudy) site.records().all().filter(hasLaterStudy).findFirst().orElseThrow();
        String pseudonym = study.patientPseudonym();
        RegistryRecord patient = site.records().records(RecordType.PATIENT).stream()
                .filter(p -> p.patientPseudonym().equals(pseudonym)).findFirst().orElseThrow();
        RegistryBatch stored = new RegistryBatch.Builder().add(patient).add(new OutcomeEvent(site.code(), pseudonym,
                "EARLIER-DEATH", OutcomeKind.DEATH, 1, Set.of(), null, CauseOfDeath.UNKNOWN)).build();
        HttpResponse<String> earlier = post(site, stored);
        assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(201);

        EtlProcess.Result run = EtlProcess.run(site.folder().getParent(), "rejected", site.upload());

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.UPLOAD_REFUSED);
        assertThat(run.err()).contains("Stopped: the registry refused the batch (422)");
        // the study is named by its file and line in the site's folder, with field, value and rule
        List<String> lines = Files.readAllLines(site.folder().resolve("imaging_studies.csv"));
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("," + pseudonym + "," + study.studyId() + ",")) {
                line = i + 1;
            }
        }
        assertThat(line).isPositive();
        String report = run.out() + run.err();
        assertThat(report).contains("imaging_studies.csv").containsPattern("\\[[a-z-]+\\]")
                .contains("row " + line + " (" + study.naturalKey() + "), day = \"" + study.day() + "\"");
        // nothing of the refused batch was stored: the patient has the stored records only
        JsonNode answer = lastRejectedAnswer(site);
        // the registry's one problem shape (docs/api.md), the one the ETL reads
        assertThat(answer.path("problems")).isNotEmpty().allSatisfy(p -> assertThat(p.fieldNames()).toIterable()
                .containsExactly("record_type", "file", "row", "record_key", "field", "value", "rule", "severity", "message"));
        Set<String> accepted = journaled(site);
        accepted.add(pseudonym);
        assertThat(admin.patients(site.code())).isEqualTo(accepted);
    }

    /** What the registry answered to the site's refused upload, read back through the API. */
    private static JsonNode lastRejectedAnswer(Site site) throws Exception {
        List<JsonNode> rejected = new ArrayList<>(admin.uploads(site.code()).stream()
                .filter(u -> u.path("responseStatus").asInt() == 422).toList());
        assertThat(rejected).hasSize(1);
        return admin.answer(rejected.get(0).path("uploadId").asLong());
    }

    private static HttpResponse<String> post(Site site, RegistryBatch batch) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        JsonInterchange.write(batch, body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + "/api/v1/uploads"))
                .header("Authorization", "Bearer " + Files.readString(site.tokenFile()).strip())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
