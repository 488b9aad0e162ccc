package org.lmsregistry.web.upload;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Tumour;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.Pseudonyms;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.TestBatches;
import org.lmsregistry.web.testsupport.TestPostgres;

/**
 * Bulk uploads through the API, as a site's ETL makes them (API token): every format, all or
 * nothing, every problem listed, idempotent retries, updates of changed records only.
 */
@RegistryIT
@RunAsClient
class UploadIT {

    private static final String SITE = "UPA";
    private static final String OTHER_SITE = "UPB";

    @ArquillianResource
    private URL base;

    private static Api api;
    private static Api.Session etl;
    private static Api.Session admin;

    @BeforeEach
    void setUp() {
        if (api == null) {
            api = Api.at(base);
            Fixtures fixtures = new Fixtures(api);
            fixtures.site(SITE);
            fixtures.site(OTHER_SITE);
            etl = api.bearer(fixtures.token(SITE));
            admin = fixtures.admin();
        }
    }

    @Test
    void aValidJsonBatchIsStoredAndEveryRecordAudited() throws SQLException {
        RegistryBatch batch = TestBatches.patients(SITE, "json", 3);

        Api.Reply r = upload("application/json", TestBatches.json(batch), key());

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonObject answer = r.json();
        assertThat(answer.getString("status")).isEqualTo("COMPLETED");
        assertThat(answer.getJsonObject("records").getInt("created")).isEqualTo(batch.size());
        assertThat(answer.getJsonObject("byType").getJsonObject("imaging_studies").getInt("created")).isEqualTo(6);
        assertThat(r.header("Location")).contains("/api/v1/uploads/" + answer.getJsonNumber("uploadId").longValue());
        long uploadId = answer.getJsonNumber("uploadId").longValue();
        assertThat(count("select count(*) from audit_event where upload_id = ? and action = 'CREATE'", uploadId))
                .isEqualTo(batch.size());
        String pseudonym = batch.patients().get(0).pseudonym();
        JsonObject patient = admin.get("api/v1/patients/" + SITE + "/" + pseudonym).json();
        assertThat(patient.getJsonArray("imaging_studies")).hasSize(2);
        assertThat(patient.getJsonObject("tumour").getString("fnclcc_grade")).isEqualTo("G3");
        JsonObject status = etl.get("api/v1/uploads/" + uploadId).json();
        assertThat(status.getString("status")).isEqualTo("COMPLETED");
        assertThat(status.getInt("created")).isEqualTo(batch.size());
    }

    @Test
    void zipMultipartAndSingleCsvBodiesAreAccepted() throws SQLException {
        RegistryBatch zipped = TestBatches.patients(SITE, "zip", 2);
        Api.Reply zip = upload("application/zip", TestBatches.zip(zipped), key());
        assertThat(zip.status()).as(zip.toString()).isEqualTo(201);
        assertThat(zip.json().getJsonObject("records").getInt("created")).isEqualTo(zipped.size());

        RegistryBatch parts = TestBatches.patients(SITE, "multipart", 2);
        String boundary = "----lms" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (RecordType t : List.of(RecordType.PATIENT, RecordType.TUMOUR)) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(t.fileName())
                    .append("\"\r\nContent-Type: text/csv\r\n\r\n")
                    .append(new String(TestBatches.csv(t, parts.records(t)), StandardCharsets.UTF_8)).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        Api.Reply multipart = etl.post("api/v1/uploads", "multipart/form-data; boundary=" + boundary,
                body.toString().getBytes(StandardCharsets.UTF_8), Map.of("Idempotency-Key", key()));
        assertThat(multipart.status()).as(multipart.toString()).isEqualTo(201);
        assertThat(multipart.json().getJsonObject("records").getInt("created")).isEqualTo(4);

        RegistryBatch single = TestBatches.patients(SITE, "csv", 2);
        Api.Reply csv = etl.post("api/v1/uploads?type=patients", "text/csv",
                TestBatches.csv(RecordType.PATIENT, single.patients()), Map.of());
        assertThat(csv.status()).as(csv.toString()).isEqualTo(201);
        assertThat(count("select count(*) from patient p join site s on s.id = p.site_id where s.code = ?"
                + " and p.patient_pseudonym = ?", SITE, single.patients().get(1).pseudonym())).isEqualTo(1);
    }

    @Test
    void aRetriedUploadGetsTheFirstAnswerAndWritesNothingTwice() throws SQLException {
        RegistryBatch batch = TestBatches.patients(SITE, "retry", 2);
        String key = key();
        Api.Reply first = upload("application/json", TestBatches.json(batch), key);
        long events = count("select count(*) from audit_event");

        Api.Reply again = upload("application/json", TestBatches.json(batch), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(count("select count(*) from audit_event")).isEqualTo(events);
        assertThat(count("select count(*) from upload_batch where idempotency_key = ?", key)).isEqualTo(1);

        Api.Reply different = upload("application/json", TestBatches.json(TestBatches.patients(SITE, "retry-x", 1)),
                key);
        assertThat(different.status()).as(different.toString()).isEqualTo(422);
        assertThat(different.json().getString("detail")).contains("different body");
    }

    @Test
    void changedRecordsAreUpdatedAndAuditedAndUnchangedOnesAreLeftAlone() throws SQLException {
        RegistryBatch batch = TestBatches.patients(SITE, "change", 2);
        assertThat(upload("application/json", TestBatches.json(batch), key()).status()).isEqualTo(201);
        Tumour old = batch.tumours().get(0);
        Tumour changed = new Tumour(SITE, old.patientPseudonym(), PrimaryLocation.UTERUS, TumourDepth.DEEP, 120, 3, 25,
                TumourNecrosis.HALF_OR_MORE, FnclccGrade.G3, null, "Revised after review.");
        List<RegistryRecord> records = new ArrayList<>(batch.all().toList());
        records.set(records.indexOf(old), changed);

        Api.Reply r = upload("application/json", TestBatches.json(TestBatches.batch(records)), key());

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonObject counts = r.json().getJsonObject("records");
        assertThat(counts.getInt("created")).isZero();
        assertThat(counts.getInt("updated")).isEqualTo(1);
        assertThat(counts.getInt("unchanged")).isEqualTo(batch.size() - 1);
        long uploadId = r.json().getJsonNumber("uploadId").longValue();
        assertThat(count("select count(*) from audit_event where upload_id = ?", uploadId)).isEqualTo(1);
        JsonObject event = admin.get("api/v1/audit?recordType=TUMOUR&recordKey=" + changed.naturalKey())
                .json().getJsonArray("items").getJsonObject(0);
        assertThat(event.getString("action")).isEqualTo("UPDATE");
        assertThat(event.getJsonObject("before").getInt("largest_diameter_mm")).isEqualTo(95);
        assertThat(event.getJsonObject("after").getInt("largest_diameter_mm")).isEqualTo(120);
        assertThat(event.getJsonObject("after").getString("histology_notes")).isEqualTo("Revised after review.");
    }

    @Test
    void warningsAreSavedAsDataQueriesOnce() throws SQLException {
        // G3 with the first surveillance study 186 days after surgery: outside the guideline's interval
        RegistryBatch batch = TestBatches.patients(SITE, "warn", 1);
        Api.Reply r = upload("application/json", TestBatches.json(batch), key());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        int warnings = r.json().getInt("warnings");
        assertThat(warnings).isPositive();
        assertThat(r.json().getInt("dataQueriesRaised")).isEqualTo(warnings);
        String key = batch.patients().get(0).naturalKey();
        long queries = count("select count(*) from data_query where record_key like ?", key + "%");
        assertThat(queries).isEqualTo(warnings);

        // the same warnings again: no second query while the first is open
        assertThat(upload("application/json", TestBatches.json(batch), key()).json().getInt("dataQueriesRaised"))
                .isZero();
        assertThat(count("select count(*) from data_query where record_key like ?", key + "%")).isEqualTo(queries);
    }

    @Test
    void rowsOfAnotherSiteRefuseTheWholeBatch() throws SQLException {
        RegistryBatch mixed = new RegistryBatch.Builder().addAll(TestBatches.patientFile(SITE, Pseudonyms.of("mixed-a")))
                .addAll(TestBatches.patientFile(OTHER_SITE, Pseudonyms.of("mixed-b"))).build();

        Api.Reply r = upload("application/json", TestBatches.json(mixed), key());

        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.json().getString("detail")).contains(OTHER_SITE).contains("patients.csv row 2");
        assertThat(count("select count(*) from patient where patient_pseudonym = ?", Pseudonyms.of("mixed-a"))).isZero();
    }

    static Stream<Arguments> invalidBatches() {
        String p = Pseudonyms.of("invalid");
        String header = "site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year\n";
        return Stream.of(
                // single values
                Arguments.of("type", "patients.csv", header + SITE + "," + p + ",FEMALE,fifty,2019\n",
                        "type", 2, "age_at_diagnosis_years"),
                Arguments.of("code list", "patients.csv", header + SITE + "," + p + ",F,50,2019\n",
                        "code-list", 2, "sex"),
                Arguments.of("range", "patients.csv", header + SITE + "," + p + ",FEMALE,50,1899\n",
                        "range", 2, "diagnosis_year"),
                Arguments.of("age cap", "patients.csv", header + SITE + "," + p + ",FEMALE,95,2019\n",
                        "age-capped-at-90", 2, "age_at_diagnosis_years"),
                Arguments.of("format", "patients.csv", header + SITE + ",NOT-A-PSEUDONYM,FEMALE,50,2019\n",
                        "format", 2, "patient_pseudonym"),
                Arguments.of("required", "patients.csv", header + SITE + "," + p + ",,50,2019\n",
                        "required", 2, "sex"),
                Arguments.of("unknown column", "patients.csv",
                        "site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year,name\n"
                                + SITE + "," + p + ",FEMALE,50,2019,Jane\n", "unknown-field", 1, "name"),
                Arguments.of("identifier in free text", "tumours.csv", tumourCsv(p, "Biopsied on 12 March 2019."),
                        "identifier-refused", 2, "histology_notes"),
                // the file
                Arguments.of("malformed", "patients.csv", header + SITE + "," + p + ",\"FEMALE,50,2019\n",
                        "malformed", 2, ""),
                // one record, several fields
                Arguments.of("grade mismatch", "tumours.csv", tumourCsv(p, "").replace(",G3,", ",G1,"),
                        "fnclcc-grade-mismatch", 2, "fnclcc_grade"),
                // several records
                Arguments.of("unknown patient", "tumours.csv", tumourCsv(Pseudonyms.of("nobody"), ""),
                        "unknown-patient", 2, "patient_pseudonym"),
                Arguments.of("duplicate key", "patients.csv", header + SITE + "," + p + ",FEMALE,50,2019\n"
                        + SITE + "," + p + ",FEMALE,51,2019\n", "duplicate-key", 3, "patient_pseudonym"));
    }

    private static String tumourCsv(String pseudonym, String notes) {
        Tumour t = new Tumour(SITE, pseudonym, PrimaryLocation.UTERUS, TumourDepth.DEEP, 95, 3, 25,
                TumourNecrosis.HALF_OR_MORE, FnclccGrade.G3, null, "x");
        return new String(TestBatches.csv(RecordType.TUMOUR, List.of(t)), StandardCharsets.UTF_8)
                .replace(",x", "," + (notes.contains(",") ? "\"" + notes + "\"" : notes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBatches")
    void anInvalidBatchIsRejectedWithEveryProblemAndNothingWritten(String name, String file, String csv, String rule,
            long row, String field) throws SQLException {
        long patients = count("select count(*) from patient");
        long events = count("select count(*) from audit_event");
        // a valid patient rides along: it must not be written either
        RegistryBatch valid = TestBatches.patients(SITE, "rides-along-" + rule, 1);
        RegistryBatch.Builder b = new RegistryBatch.Builder();
        valid.all().filter(r -> !RecordType.of(r).fileName().equals(file)).forEach(b::add);
        byte[] zip = zipWith(b.build(), file, csv, valid);

        Api.Reply r = upload("application/zip", zip, key());

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonObject answer = r.json();
        assertThat(answer.getString("status")).isEqualTo("REJECTED");
        assertThat(answer.getJsonArray("problems").getValuesAs(JsonObject.class)).anySatisfy(p -> {
            assertThat(p.getString("rule")).isEqualTo(rule);
            assertThat(p.getJsonNumber("row").longValue()).isEqualTo(row);
            assertThat(p.getString("field")).isEqualTo(field);
            assertThat(p.getString("severity")).isEqualTo("ERROR");
            assertThat(p.getString("file")).isEqualTo(file);
        });
        // the shape the ETL reads back (etl UploadCommand, its report's columns): one shape everywhere
        for (JsonObject p : answer.getJsonArray("problems").getValuesAs(JsonObject.class)) {
            assertThat(p.keySet()).as(p.toString()).containsExactlyInAnyOrder("record_type", "file", "row", "record_key",
                    "field", "value", "rule", "severity", "message");
            assertThat(p.getString("message")).isNotBlank();
        }
        assertThat(count("select count(*) from patient")).isEqualTo(patients);
        assertThat(count("select count(*) from audit_event")).isEqualTo(events);
    }

    @Test
    void aBatchIsValidatedAgainstStoredRecords() throws SQLException {
        RegistryBatch first = TestBatches.patients(SITE, "stored", 1);
        assertThat(upload("application/json", TestBatches.json(first), key()).status()).isEqualTo(201);
        String pseudonym = first.patients().get(0).pseudonym();
        // a death stored by a later upload (replacing the last follow-up E1) ...
        String death = "site_code,patient_pseudonym,event_id,kind,day,locations,detected_by_study_id,cause_of_death\n"
                + SITE + "," + pseudonym + ",E1,DEATH,500,,,DISEASE\n";
        assertThat(etl.post("api/v1/uploads?type=outcome_events", "text/csv", death.getBytes(StandardCharsets.UTF_8),
                Map.of()).status()).isEqualTo(201);
        // ... makes a study after it an error, although the batch has only the study
        String study = "site_code,patient_pseudonym,study_id,day,modality,purpose,body_region,contrast,study_uid_hash,"
                + "source,result,finding_confirmed,confirmation_method,finding_locations\n"
                + SITE + "," + pseudonym + ",S9,600,CT,SURVEILLANCE,CHEST,true,,ETL,NO_EVIDENCE_OF_DISEASE,,,\n";

        Api.Reply r = etl.post("api/v1/uploads?type=imaging_studies", "text/csv", study.getBytes(StandardCharsets.UTF_8),
                Map.of());

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().getJsonArray("problems").getValuesAs(JsonObject.class))
                .anySatisfy(p -> assertThat(p.getString("rule")).isEqualTo("study-after-death"));
    }

    private static byte[] zipWith(RegistryBatch others, String file, String csv, RegistryBatch valid) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (RecordType t : RecordType.values()) {
                if (t.fileName().equals(file)) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(file));
                    String content = csv;
                    // keep the valid patient's own row of this file as well
                    if (!valid.records(t).isEmpty()) {
                        String validCsv = new String(TestBatches.csv(t, valid.records(t)), StandardCharsets.UTF_8);
                        content = csv + validCsv.substring(validCsv.indexOf('\n') + 1);
                    }
                    zip.write(content.getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                } else if (!others.records(t).isEmpty()) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(t.fileName()));
                    zip.write(TestBatches.csv(t, others.records(t)));
                    zip.closeEntry();
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Api.Reply upload(String contentType, byte[] body, String key) {
        return etl.post("api/v1/uploads", contentType, body, Map.of("Idempotency-Key", key));
    }

    private static String key() {
        return "it-" + UUID.randomUUID();
    }

    static long count(String sql, Object... params) throws SQLException {
        try (Connection c = TestPostgres.get().appDatabase().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
