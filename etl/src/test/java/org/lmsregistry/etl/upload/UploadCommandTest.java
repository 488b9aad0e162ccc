package org.lmsregistry.etl.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.testing.Cli;
import org.lmsregistry.etl.testing.Cli.Run;
import org.lmsregistry.etl.testing.Sites;
import org.lmsregistry.model.interchange.InterchangeFolder;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.synthetic.CohortGenerator;
import org.lmsregistry.model.synthetic.CohortSettings;

/** Upload against a stand-in registry on loopback, with failures mid-run and restarts. */
class UploadCommandTest {

    @TempDir
    Path dir;
    Path folder;
    Path config;
    FakeRegistry registry;
    RegistryBatch cohort;
    final List<Long> sleeps = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeRegistry();
        CohortSettings settings = CohortSettings.defaults(21, 1, 40);
        String site = settings.sites().get(0).code();
        cohort = CohortGenerator.generate(settings);
        folder = dir.resolve("upload");
        InterchangeFolder.write(cohort, folder);
        config = Sites.create(dir.resolve("site"), site, 7, registry.url(), "token_file: token");
        Files.writeString(dir.resolve("site/token"), FakeRegistry.TOKEN + "\n");
        UploadCommand.sleeper = sleeps::add;
    }

    @AfterEach
    void tearDown() {
        registry.close();
        UploadCommand.sleeper = java.util.concurrent.TimeUnit.MILLISECONDS::sleep;
    }

    private Run upload(String... extra) {
        return Cli.run(Stream.concat(Stream.of("upload", folder.toString(), "--config", config.toString(),
                "--batch-size", "150", "--retry-delay", "100", "--retry-max-delay", "2000"), Stream.of(extra))
                .toArray(String[]::new));
    }

    private void assertEveryRecordStoredExactlyOnce() {
        assertThat(registry.stored()).hasSize(cohort.size()).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
    }

    @Test
    void sendsEveryRecordOnceInBatchesOfWholePatientsAndNothingOnASecondRun() throws Exception {
        Run run = upload();

        assertThat(run.code()).as(run.toString()).isZero();
        assertEveryRecordStoredExactlyOnce();
        int batches = registry.requests().size();
        assertThat(batches).isGreaterThan(2);
        assertThat(Files.readAllLines(folder.resolve(".lms-upload-journal.jsonl"))).hasSize(batches);
        assertThat(run.out()).contains("40 patient(s), 0 already accepted").contains(cohort.size() + " record(s) accepted");

        Run again = upload();
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("40 already accepted, 0 to send in 0 batch(es)");
        assertThat(registry.requests()).hasSize(batches);
        // the token is never printed
        assertThat(run.out() + run.err() + again.out() + again.err()).doesNotContain(FakeRegistry.TOKEN);
    }

    @Test
    void idempotencyKeysDependOnlyOnTheContent() throws Exception {
        Run plan = upload("--dry-run");
        assertThat(plan.code()).isZero();
        List<String> planned = plan.out().lines().filter(l -> l.startsWith("  lms1-"))
                .map(l -> l.substring(2, l.indexOf(':'))).toList();
        assertThat(registry.requests()).isEmpty();
        assertThat(upload().code()).isZero();
        assertThat(registry.requests()).containsExactlyElementsOf(planned);
    }

    @Test
    void retriesConnectionFailuresAnd5xxWithExponentialBackoff() throws Exception {
        registry.fail(FakeRegistry.Failure.UNAVAILABLE, FakeRegistry.Failure.DROP, FakeRegistry.Failure.UNAVAILABLE,
                FakeRegistry.Failure.DROP);

        Run run = upload();

        assertThat(run.code()).as(run.toString()).isZero();
        assertEveryRecordStoredExactlyOnce();
        assertThat(sleeps).hasSize(4);
        for (int i = 0; i < 4; i++) {
            long full = Math.min(2000, 100L << i);
            assertThat(sleeps.get(i)).as("delay %d", i).isBetween(full / 2, full);
        }
        assertThat(run.err()).contains("HTTP 503; retry 1 of 8").contains("retry 4 of 8");
        // the same batch was sent five times with the same key
        List<String> r = registry.requests();
        assertThat(r.subList(0, 5)).containsOnly(r.get(0));
    }

    @Test
    void aServerWhoseApplicationIsNotDeployedYetIsWaitedFor() throws Exception {
        // Payara opens its port before the registry is deployed: a 404 without the registry's problem document
        registry.fail(FakeRegistry.Failure.NONE, FakeRegistry.Failure.NOT_DEPLOYED, FakeRegistry.Failure.NOT_DEPLOYED);

        Run run = upload();

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).contains("HTTP 404 (the registry's API is not deployed yet").contains("retry 2 of 8");
        assertEveryRecordStoredExactlyOnce();

        // without an end it is "unavailable" (exit 6, run again later), not "refused"
        InterchangeFolder.write(CohortGenerator.generate(CohortSettings.defaults(22, 1, 3)), dir.resolve("other"));
        registry.fail(FakeRegistry.Failure.NOT_DEPLOYED, FakeRegistry.Failure.NOT_DEPLOYED);
        Run gone = Cli.run("upload", dir.resolve("other").toString(), "--config", config.toString(), "--retries", "1");
        assertThat(gone.code()).as(gone.toString()).isEqualTo(ExitCode.REGISTRY_UNAVAILABLE);
        assertThat(gone.err()).contains("kept answering HTTP 404");
    }

    @Test
    void aLostAcknowledgementIsResumedWithTheSameKeyAndStoresNothingTwice() throws Exception {
        // batch 1 accepted; batch 2 stored by the registry but its answer lost; no retry left
        registry.fail(FakeRegistry.Failure.NONE, FakeRegistry.Failure.STORE_THEN_DROP);
        Run interrupted = upload("--retries", "0");
        assertThat(interrupted.code()).as(interrupted.toString()).isEqualTo(ExitCode.REGISTRY_UNAVAILABLE);
        assertThat(interrupted.err()).contains("run the same command again");
        assertThat(Files.readAllLines(folder.resolve(".lms-upload-journal.jsonl"))).hasSize(1);
        String lostKey = registry.requests().get(1);

        Run resumed = upload();

        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(registry.requests().get(2)).isEqualTo(lostKey);
        assertThat(resumed.out()).contains("already accepted");
        assertEveryRecordStoredExactlyOnce();
    }

    @Test
    void aRegistryThatStaysDownEndsWithExit6AndKeepsWhatWasAccepted() throws Exception {
        registry.fail(FakeRegistry.Failure.NONE, FakeRegistry.Failure.STORE_THEN_500);
        Run first = upload("--retries", "0");
        assertThat(first.code()).isEqualTo(ExitCode.REGISTRY_UNAVAILABLE);
        registry.down(true);
        Run down = upload("--retries", "2");
        assertThat(down.code()).isEqualTo(ExitCode.REGISTRY_UNAVAILABLE);
        assertThat(down.err()).contains("kept answering HTTP 503 after 3 attempt(s)");
        registry.down(false);
        Run resumed = upload();
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertEveryRecordStoredExactlyOnce();
    }

    @Test
    void fourXxIsNeverRetried() throws Exception {
        Files.writeString(dir.resolve("site/token"), "wrong-token\n");
        Run unauthorised = upload();
        assertThat(unauthorised.code()).isEqualTo(ExitCode.UPLOAD_REFUSED);
        assertThat(unauthorised.err()).contains("did not accept the token (401)");
        assertThat(registry.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();

        Files.writeString(dir.resolve("site/token"), FakeRegistry.TOKEN);
        List<UploadPlan.PatientRecords> patients = UploadPlan.patients(cohort);
        registry.refuse(patients.get(patients.size() - 1).pseudonym());
        Run refused = upload();
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCode.UPLOAD_REFUSED);
        assertThat(refused.err()).contains("refused the batch (422)").contains("refused by the test registry");
        // the registry's row 1 of the batch is shown as the patient's line in the local patients.csv
        String pseudonym = patients.get(patients.size() - 1).pseudonym();
        int line = Files.readAllLines(folder.resolve("patients.csv")).stream().map(l -> l.contains(pseudonym))
                .toList().indexOf(true) + 1;
        assertThat(refused.out() + refused.err()).containsPattern("patients\\.csv(.|\\R)*row " + line + " \\([^)]*"
                + pseudonym + "\\), patient_pseudonym = \"" + pseudonym + "\"");
        assertThat(sleeps).isEmpty();
        int sent = registry.requests().size() - 1;
        assertThat(Files.readAllLines(folder.resolve(".lms-upload-journal.jsonl"))).hasSize(sent - 1);
    }

    @Test
    void nothingIsSentWhenValidationOrTheGuardFails() throws Exception {
        Path studies = folder.resolve("imaging_studies.csv");
        List<String> lines = Files.readAllLines(studies);
        lines.set(1, lines.get(1).replaceFirst(",(MRI|CT|PET_CT|US|XRAY),", ",MRT,"));
        Files.write(studies, lines);
        Run invalid = upload();
        assertThat(invalid.code()).as(invalid.toString()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(invalid.err()).contains("[code-list]").contains("Nothing was sent");

        // a record number as a biopsy key passes the registry's validation, but not the guard
        InterchangeFolder.write(cohort, folder);
        Path biopsies = folder.resolve("biopsies.csv");
        List<String> b = Files.readAllLines(biopsies);
        String[] cells = b.get(1).split(",", -1);
        cells[2] = "MRN1234567";
        b.set(1, String.join(",", cells));
        Files.write(biopsies, b);
        assertThat(Cli.run("validate", folder.toString()).code()).isZero();
        Run guarded = upload();
        assertThat(guarded.code()).as(guarded.toString()).isEqualTo(ExitCode.IDENTIFIERS_FOUND);
        assertThat(guarded.err()).contains("[identifier]").contains("biopsies.csv").contains("Nothing was sent");
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void aFolderOfAnotherSiteOrWithoutTokenOrRegistryIsRefusedLocally() throws Exception {
        Path other = Sites.create(dir.resolve("other"), "ZZOTHER", 7, registry.url(), "token_file: token");
        Files.writeString(dir.resolve("other/token"), FakeRegistry.TOKEN);
        Run wrongSite = Cli.run("upload", folder.toString(), "--config", other.toString());
        assertThat(wrongSite.code()).isEqualTo(ExitCode.DATA_ERRORS);
        assertThat(wrongSite.err()).contains("in the upload of site ZZOTHER");

        Path noToken = Sites.create(dir.resolve("nt"), cohortSite(), 7, registry.url());
        Run missingToken = Cli.run("upload", folder.toString(), "--config", noToken.toString());
        assertThat(missingToken.code()).isEqualTo(System.getenv("LMS_REGISTRY_TOKEN") == null ? ExitCode.USAGE
                : missingToken.code());
        Path noRegistry = Sites.create(dir.resolve("nr"), cohortSite(), 7, null);
        assertThat(Cli.run("upload", folder.toString(), "--config", noRegistry.toString()).code())
                .isEqualTo(ExitCode.USAGE);
        assertThat(registry.requests()).isEmpty();
    }

    private String cohortSite() {
        return cohort.patients().get(0).siteCode();
    }
}
