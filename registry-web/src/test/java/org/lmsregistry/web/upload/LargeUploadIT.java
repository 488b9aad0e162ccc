package org.lmsregistry.web.upload;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.LargeCohort;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.TestBatches;

/**
 * Uploads at scale and at the same time: 100,000 exam rows in one batch, overlapping batches of one
 * site sent concurrently, and the same batch sent twice at once with one idempotency key.
 */
@RegistryIT
@RunAsClient
class LargeUploadIT {

    private static final String BIG = "BIG";
    private static final String SITE = "CONC";

    @ArquillianResource
    private URL base;

    private static Api api;
    private static Fixtures fixtures;

    @BeforeEach
    void setUp() {
        if (api == null) {
            api = Api.at(base);
            fixtures = new Fixtures(api);
            fixtures.site(BIG);
            fixtures.site(SITE);
        }
    }

    @Test
    void oneHundredThousandExamRowsInOneBatch() throws Exception {
        RegistryBatch batch = LargeCohort.generate(BIG, LargeCohort.PATIENTS);
        assertThat(batch.imagingStudies()).hasSizeGreaterThanOrEqualTo(100_000);
        Path zip = TestBatches.zipFile(batch, Files.createTempFile("large-upload", ".zip"));
        Api.Session etl = api.bearer(fixtures.token(BIG));
        try {
            long started = System.nanoTime();
            Api.Reply r = etl.post("api/v1/uploads", "application/zip", zip, Map.of("Idempotency-Key", "large-1"));
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            JsonObject answer = r.json();
            assertThat(answer.getJsonObject("records").getInt("created")).isEqualTo(batch.size());
            assertThat(answer.getJsonObject("byType").getJsonObject("imaging_studies").getInt("created"))
                    .isEqualTo(batch.imagingStudies().size());
            System.out.printf("LARGE UPLOAD: %d records (%d exam rows, %d MB zip) in %.1f s = %.0f records/s%n",
                    batch.size(), batch.imagingStudies().size(), Files.size(zip) >> 20, seconds, batch.size() / seconds);
        } finally {
            Files.deleteIfExists(zip);
        }
        assertThat(UploadIT.count("select count(*) from imaging_study x join site s on s.id = x.site_id"
                + " where s.code = ?", BIG)).isEqualTo(batch.imagingStudies().size());
        assertThat(UploadIT.count("select count(*) from audit_event where site_code = ? and action = 'CREATE'"
                + " and record_type not in ('SITE', 'API_TOKEN')", BIG))
                .isEqualTo(batch.size());
    }

    @Test
    void overlappingBatchesSentAtOnceAreWrittenOnceEach() throws Exception {
        RegistryBatch all = TestBatches.patients(SITE, "overlap", 15);
        RegistryBatch first = slice(all, 0, 10);
        RegistryBatch second = slice(all, 5, 15);
        Api.Session a = api.bearer(fixtures.token(SITE));
        Api.Session b = api.bearer(fixtures.token(SITE));

        CompletableFuture<Api.Reply> one = CompletableFuture.supplyAsync(() -> a.post("api/v1/uploads",
                "application/json", TestBatches.json(first), Map.of("Idempotency-Key", "overlap-1")));
        CompletableFuture<Api.Reply> two = CompletableFuture.supplyAsync(() -> b.post("api/v1/uploads",
                "application/json", TestBatches.json(second), Map.of("Idempotency-Key", "overlap-2")));
        Api.Reply r1 = one.get();
        Api.Reply r2 = two.get();

        assertThat(r1.status()).as(r1.toString()).isEqualTo(201);
        assertThat(r2.status()).as(r2.toString()).isEqualTo(201);
        int created = r1.json().getJsonObject("records").getInt("created")
                + r2.json().getJsonObject("records").getInt("created");
        int unchanged = r1.json().getJsonObject("records").getInt("unchanged")
                + r2.json().getJsonObject("records").getInt("unchanged");
        int perPatient = all.size() / 15;
        assertThat(created).isEqualTo(all.size());
        assertThat(unchanged).isEqualTo(5 * perPatient);
        assertThat(UploadIT.count("select count(*) from patient x join site s on s.id = x.site_id where s.code = ?",
                SITE)).isEqualTo(15);
        assertThat(UploadIT.count("select count(*) from audit_event where site_code = ? and action = 'CREATE'"
                + " and record_type not in ('SITE', 'API_TOKEN')", SITE)).isEqualTo(all.size());
    }

    @Test
    void theSameBatchSentTwiceAtOnceWithOneKeyIsWrittenOnce() throws Exception {
        RegistryBatch batch = TestBatches.patients(SITE, "twins", 3);
        String key = "twins-" + UUID.randomUUID();
        Api.Session a = api.bearer(fixtures.token(SITE));
        Api.Session b = api.bearer(fixtures.token(SITE));
        byte[] body = TestBatches.json(batch);

        List<Api.Reply> replies = Stream.of(a, b)
                .map(s -> CompletableFuture.supplyAsync(() -> s.post("api/v1/uploads", "application/json", body,
                        Map.of("Idempotency-Key", key))))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(replies.get(0).body()).isEqualTo(replies.get(1).body());
        assertThat(replies).filteredOn(r -> "true".equals(r.header("Idempotency-Replayed"))).hasSize(1);
        assertThat(UploadIT.count("select count(*) from upload_batch where idempotency_key = ?", key)).isEqualTo(1);
        String pseudonym = batch.patients().get(0).pseudonym();
        assertThat(UploadIT.count("select count(*) from audit_event where record_type = 'PATIENT' and record_key = ?",
                SITE + "/" + pseudonym)).isEqualTo(1);
    }

    /** The records of patients [from, to) of a batch made by {@link TestBatches#patients}. */
    private static RegistryBatch slice(RegistryBatch all, int from, int to) {
        List<String> pseudonyms = all.patients().subList(from, to).stream().map(p -> p.pseudonym()).toList();
        RegistryBatch.Builder b = new RegistryBatch.Builder();
        for (RecordType t : RecordType.values()) {
            for (RegistryRecord r : all.records(t)) {
                if (pseudonyms.contains(r.patientPseudonym())) {
                    b.add(r);
                }
            }
        }
        return b.build();
    }
}
