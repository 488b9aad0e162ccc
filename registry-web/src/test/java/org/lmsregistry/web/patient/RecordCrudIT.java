package org.lmsregistry.web.patient;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.Pseudonyms;
import org.lmsregistry.web.testsupport.RegistryIT;

/**
 * Create, read, update and delete of every record type through the REST API, as a site's
 * coordinator; listing with paging and filters.
 */
@RegistryIT
@RunAsClient
class RecordCrudIT {

    private static final String SITE = "CRUD";

    @ArquillianResource
    private URL base;

    private static Api.Session coordinator;
    private static Api.Session admin;

    @BeforeEach
    void setUp() {
        if (coordinator == null) {
            Api api = Api.at(base);
            Fixtures fixtures = new Fixtures(api);
            fixtures.site(SITE);
            coordinator = fixtures.coordinator("crud-coordinator", SITE);
            admin = fixtures.admin();
        }
    }

    private static String patient(String label, int year) {
        String p = Pseudonyms.of("crud-" + label);
        Api.Reply r = coordinator.post("api/v1/patients", Json.createObjectBuilder().add("patient_pseudonym", p)
                .add("sex", "FEMALE").add("age_at_diagnosis_years", 60).add("diagnosis_year", year).build().toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return p;
    }

    @Test
    void patientsAreCreatedReadUpdatedAndDeleted() {
        String p = patient("patient", 2019);
        String url = "api/v1/patients/" + SITE + "/" + p;

        JsonObject read = coordinator.get(url).json();
        assertThat(read.getJsonObject("patient").getString("site_code")).isEqualTo(SITE);
        assertThat(read.getJsonObject("patient").getInt("diagnosis_year")).isEqualTo(2019);
        assertThat(read.get("tumour")).isEqualTo(jakarta.json.JsonValue.NULL);

        Api.Reply put = coordinator.put(url, "{\"sex\":\"FEMALE\",\"age_at_diagnosis_years\":61,\"diagnosis_year\":2019}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().getBoolean("changed")).isTrue();
        assertThat(coordinator.get(url).json().getJsonObject("patient").getInt("age_at_diagnosis_years")).isEqualTo(61);
        // the same values again: nothing changes
        assertThat(coordinator.put(url, "{\"sex\":\"FEMALE\",\"age_at_diagnosis_years\":61,\"diagnosis_year\":2019}")
                .json().getBoolean("changed")).isFalse();

        Api.Reply again = coordinator.post("api/v1/patients", Json.createObjectBuilder().add("patient_pseudonym", p)
                .add("sex", "FEMALE").add("age_at_diagnosis_years", 60).add("diagnosis_year", 2019).build().toString());
        assertThat(again.status()).isEqualTo(409);

        assertThat(coordinator.delete(url).status()).isEqualTo(200);
        assertThat(coordinator.get(url).status()).isEqualTo(404);
    }

    @Test
    void everyChildRecordTypeHasCrud() {
        String p = patient("children", 2018);
        String url = "api/v1/patients/" + SITE + "/" + p;

        // tumour (one per patient): PUT creates, PUT replaces, DELETE
        String tumour = "{\"primary_location\":\"RETROPERITONEUM\",\"depth\":\"DEEP\",\"largest_diameter_mm\":120,"
                + "\"fnclcc_grade\":\"G2\"}";
        assertThat(coordinator.put(url + "/tumour", tumour).status()).isEqualTo(201);
        assertThat(coordinator.put(url + "/tumour", tumour.replace("120", "130")).status()).isEqualTo(200);
        assertThat(coordinator.get(url + "/tumour").json().getInt("largest_diameter_mm")).isEqualTo(130);

        crud(url + "/biopsies", "B1", "{\"biopsy_id\":\"B1\",\"day\":-5,\"guidance\":\"CT\",\"needle_gauge\":14,"
                + "\"approach\":\"PERCUTANEOUS_EXTRAPERITONEAL\",\"diagnostic\":true}", "needle_gauge", 16);
        crud(url + "/treatments", "T1", "{\"treatment_id\":\"T1\",\"kind\":\"SURGERY\",\"setting\":\"CURATIVE\","
                + "\"start_day\":20,\"surgical_margin\":\"R0\"}", "start_day", 21);
        crud(url + "/imaging-studies", "S9", "{\"study_id\":\"S9\",\"day\":-10,\"modality\":\"MRI\",\"purpose\":\"DIAGNOSIS\","
                + "\"body_region\":\"PRIMARY_SITE\",\"contrast\":true,\"source\":\"FORM\"}", "day", -11);
        crud(url + "/outcome-events", "E9", "{\"event_id\":\"E9\",\"kind\":\"LAST_FOLLOW_UP\",\"day\":300}", "day", 301);

        // imaging study with its features and radiomics values
        String study = url + "/imaging-studies/S1";
        assertThat(coordinator.put(study, "{\"day\":-10,\"modality\":\"MRI\",\"purpose\":\"DIAGNOSIS\","
                + "\"body_region\":\"PRIMARY_SITE\",\"contrast\":true,\"source\":\"FORM\"}").status()).isEqualTo(201);
        String features = "{\"largest_diameter_mm\":118,\"margin\":\"INFILTRATIVE\",\"heterogeneous\":true,"
                + "\"necrosis_present\":true,\"necrosis_percent\":40,\"peripheral_enhancement\":true,\"adc_mean\":950.5}";
        assertThat(coordinator.put(study + "/features", features).status()).isEqualTo(201);
        assertThat(coordinator.get(study + "/features").json().getJsonNumber("adc_mean").doubleValue()).isEqualTo(950.5);
        assertThat(coordinator.put(study + "/features", features.replace("950.5", "951.5")).status()).isEqualTo(200);
        Api.Reply radiomics = coordinator.post(study + "/radiomics", "{\"ibsi_feature\":\"morph_volume\",\"value\":1.5e5}");
        assertThat(radiomics.status()).as(radiomics.toString()).isEqualTo(201);
        assertThat(radiomics.header("Location")).endsWith(study.substring(study.indexOf("/patients")) + "/radiomics/morph_volume");
        assertThat(coordinator.put(study + "/radiomics/stat_mean", "{\"value\":-0.125}").status()).isEqualTo(201);
        assertThat(coordinator.get(study + "/radiomics").json().getJsonArray("items")).hasSize(2);
        assertThat(coordinator.get(study + "/radiomics/stat_mean").json().getJsonNumber("value").doubleValue())
                .isEqualTo(-0.125);
        assertThat(coordinator.delete(study + "/radiomics/stat_mean").status()).isEqualTo(200);
        assertThat(coordinator.get(study + "/radiomics/stat_mean").status()).isEqualTo(404);

        // the whole file
        JsonObject file = coordinator.get(url).json();
        assertThat(file.getJsonObject("tumour").getString("fnclcc_grade")).isEqualTo("G2");
        assertThat(file.getJsonArray("imaging_studies")).hasSize(1);
        assertThat(file.getJsonArray("imaging_features")).hasSize(1);
        assertThat(file.getJsonArray("radiomics_values")).hasSize(1);

        // an outcome event names the study as detecting: the study cannot go
        assertThat(coordinator.put(url + "/outcome-events/E1", "{\"kind\":\"LAST_FOLLOW_UP\",\"day\":400}").status())
                .isEqualTo(201);
        assertThat(coordinator.put(url + "/treatments/T2", "{\"kind\":\"SURGERY\",\"setting\":\"CURATIVE\","
                + "\"start_day\":20,\"surgical_margin\":\"R1\"}").status()).isEqualTo(201);
        assertThat(coordinator.put(url + "/imaging-studies/S2", "{\"day\":200,\"modality\":\"CT\","
                + "\"purpose\":\"SURVEILLANCE\",\"body_region\":\"CHEST\",\"contrast\":true,\"source\":\"FORM\","
                + "\"result\":\"DISTANT_METASTASIS\",\"finding_confirmed\":true,\"confirmation_method\":\"BIOPSY\","
                + "\"finding_locations\":[\"LUNG\"]}").status()).isEqualTo(201);
        Api.Reply metastasis = coordinator.post(url + "/outcome-events", "{\"event_id\":\"E2\",\"kind\":"
                + "\"DISTANT_METASTASIS\",\"day\":200,\"locations\":[\"LUNG\"],\"detected_by_study_id\":\"S2\"}");
        assertThat(metastasis.status()).as(metastasis.toString()).isEqualTo(201);
        Api.Reply refused = coordinator.delete(url + "/imaging-studies/S2");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getString("detail")).contains("E2");

        // deleting a study takes its features and radiomics along
        JsonObject deleted = coordinator.delete(study).json();
        assertThat(deleted.getJsonArray("deleted")).hasSize(3);

        // deleting the patient takes everything
        assertThat(coordinator.delete(url).json().getJsonArray("deleted").size()).isGreaterThan(5);
        assertThat(coordinator.get(url + "/tumour").status()).isEqualTo(404);
    }

    /** POST creates (Location), GET reads, GET lists, PUT replaces, DELETE removes, GET is then 404. */
    private static void crud(String collection, String id, String body, String field, int newValue) {
        Api.Reply created = coordinator.post(collection, body);
        assertThat(created.status()).as(collection + " " + created).isEqualTo(201);
        assertThat(created.header("Location")).endsWith(collection.substring(collection.indexOf("/patients")) + "/" + id);
        assertThat(coordinator.get(collection + "/" + id).json().getString(idField(body))).isEqualTo(id);
        assertThat(coordinator.get(collection).json().getJsonArray("items")).hasSize(1);
        JsonObject changed = Json.createObjectBuilder(Json.createReader(new java.io.StringReader(body)).readObject())
                .add(field, newValue).build();
        Api.Reply put = coordinator.put(collection + "/" + id, changed.toString());
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(coordinator.get(collection + "/" + id).json().getInt(field)).isEqualTo(newValue);
        assertThat(coordinator.delete(collection + "/" + id).status()).isEqualTo(200);
        assertThat(coordinator.get(collection + "/" + id).status()).isEqualTo(404);
        assertThat(coordinator.get(collection).json().getJsonArray("items")).isEmpty();
    }

    private static String idField(String body) {
        return body.substring(2, body.indexOf('"', 2));
    }

    @Test
    void singleEditsAreValidatedLikeUploads() {
        String p = patient("rules", 2020);
        String url = "api/v1/patients/" + SITE + "/" + p;
        assertThat(coordinator.put(url + "/outcome-events/D1", "{\"kind\":\"DEATH\",\"day\":100,"
                + "\"cause_of_death\":\"DISEASE\"}").status()).isEqualTo(201);

        Api.Reply r = coordinator.put(url + "/imaging-studies/S1", "{\"day\":150,\"modality\":\"CT\",\"purpose\":"
                + "\"STAGING\",\"body_region\":\"CHEST\",\"contrast\":true,\"source\":\"FORM\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().getJsonArray("problems").getJsonObject(0).getString("rule")).isEqualTo("study-after-death");
        assertThat(coordinator.get(url + "/imaging-studies/S1").status()).isEqualTo(404);

        // a warning is accepted and raised as a data query
        Api.Reply warned = coordinator.put(url + "/biopsies/B1", "{\"day\":-3,\"guidance\":\"US\",\"needle_gauge\":18,"
                + "\"approach\":\"PERCUTANEOUS_EXTRAPERITONEAL\",\"diagnostic\":true}");
        assertThat(warned.status()).as(warned.toString()).isEqualTo(201);
        assertThat(warned.json().getJsonArray("warnings").getJsonObject(0).getString("rule"))
                .isEqualTo("needle-finer-than-16g");
        assertThat(warned.json().getInt("dataQueriesRaised")).isEqualTo(1);
        assertThat(coordinator.get("api/v1/queries?status=OPEN").json().getJsonArray("items")
                .getValuesAs(JsonObject.class)).anySatisfy(q -> {
                    assertThat(q.getString("recordKey")).isEqualTo(SITE + "/" + p + "/B1");
                    assertThat(q.getString("rule")).isEqualTo("needle-finer-than-16g");
                });

        // deleting the death would leave nothing wrong; deleting a surgery a recurrence depends on would
        assertThat(coordinator.delete(url + "/outcome-events/D1").status()).isEqualTo(200);
    }

    @Test
    void patientsAreListedWithPagingAndFilters() {
        for (int i = 0; i < 7; i++) {
            String p = patient("list-" + i, 2010 + i);
            String location = i % 2 == 0 ? "UTERUS" : "EXTREMITY";
            String grade = i < 3 ? "G1" : "G3";
            assertThat(coordinator.put("api/v1/patients/" + SITE + "/" + p + "/tumour", "{\"primary_location\":\""
                    + location + "\",\"depth\":\"DEEP\",\"largest_diameter_mm\":80,\"fnclcc_grade\":\"" + grade + "\"}")
                    .status()).isEqualTo(201);
        }
        JsonObject page1 = coordinator.get("api/v1/patients?location=UTERUS&limit=2").json();
        JsonObject page2 = coordinator.get("api/v1/patients?location=UTERUS&limit=2&offset=2").json();
        assertThat(page1.getInt("total")).isEqualTo(4);
        assertThat(page1.getJsonArray("items")).hasSize(2);
        assertThat(page2.getJsonArray("items")).hasSize(2);
        List<String> seen = new java.util.ArrayList<>();
        for (JsonObject o : page1.getJsonArray("items").getValuesAs(JsonObject.class)) {
            seen.add(o.getString("patient_pseudonym"));
        }
        for (JsonObject o : page2.getJsonArray("items").getValuesAs(JsonObject.class)) {
            seen.add(o.getString("patient_pseudonym"));
        }
        assertThat(seen).doesNotHaveDuplicates().isSorted();
        assertThat(coordinator.get("api/v1/patients?grade=G3&location=EXTREMITY").json().getInt("total")).isEqualTo(2);
        assertThat(coordinator.get("api/v1/patients?diagnosisYear=2012").json().getInt("total")).isEqualTo(1);
        assertThat(coordinator.get("api/v1/patients?diagnosisYearFrom=2013&diagnosisYearTo=2016").json().getInt("total"))
                .isEqualTo(4);
        // an administrator filters by site; the coordinator sees only the own site anyway
        assertThat(admin.get("api/v1/patients?site=" + SITE + "&grade=G1").json().getInt("total")).isEqualTo(3);
        assertThat(coordinator.get("api/v1/patients?limit=0").status()).isEqualTo(400);
        assertThat(coordinator.get("api/v1/patients?offset=abc").status()).isEqualTo(400);
    }

    /**
     * Many tumours carry only the FNCLCC components. Their grade is the model's (Tumour.grade()),
     * in the list and in the grade filter, whichever writer stored them: a single edit (insert and
     * update) or an upload (COPY path).
     */
    @Test
    void aGradeGivenOnlyByItsComponentsIsListedAndFilteredOn() {
        String site = "GRAD";
        Fixtures fixtures = new Fixtures(Api.at(base));
        fixtures.site(site);
        Api.Session gradeCoordinator = fixtures.coordinator("grade-coordinator", site);
        String p = Pseudonyms.of("grade-components");
        assertThat(gradeCoordinator.post("api/v1/patients", Json.createObjectBuilder().add("patient_pseudonym", p)
                .add("sex", "FEMALE").add("age_at_diagnosis_years", 60).add("diagnosis_year", 2018).build().toString())
                .status()).isEqualTo(201);
        // differentiation 3 + mitotic score 3 (25 per 10 HPF) + necrosis 2 = 8: G3; no stated grade
        Api.Reply put = gradeCoordinator.put("api/v1/patients/" + site + "/" + p + "/tumour", "{\"primary_location\":"
                + "\"UTERUS\",\"depth\":\"DEEP\",\"largest_diameter_mm\":80,\"differentiation_score\":3,"
                + "\"mitoses_per_10hpf\":25,\"necrosis\":\"HALF_OR_MORE\"}");
        assertThat(put.status()).as(put.toString()).isEqualTo(201);

        JsonObject listed = gradeCoordinator.get("api/v1/patients?grade=G3").json();
        assertThat(listed.getInt("total")).isEqualTo(1);
        assertThat(listed.getJsonArray("items").getJsonObject(0).getJsonObject("tumour").getString("grade"))
                .isEqualTo("G3");
        assertThat(admin.get("api/v1/patients?site=" + site + "&grade=G3").json().getInt("total")).isEqualTo(1);
        assertThat(gradeCoordinator.get("api/v1/patients/" + site + "/" + p).json().getJsonObject("tumour")
                .getString("grade")).isEqualTo("G3");

        // an update of the components moves the patient to another grade (1 + 1 + 0 = 2: G1)
        assertThat(gradeCoordinator.put("api/v1/patients/" + site + "/" + p + "/tumour", "{\"primary_location\":"
                + "\"UTERUS\",\"depth\":\"DEEP\",\"largest_diameter_mm\":80,\"differentiation_score\":1,"
                + "\"mitoses_per_10hpf\":2,\"necrosis\":\"NONE\"}").status()).isEqualTo(200);
        assertThat(gradeCoordinator.get("api/v1/patients?grade=G3").json().getInt("total")).isZero();
        assertThat(gradeCoordinator.get("api/v1/patients?grade=G1").json().getJsonArray("items").getJsonObject(0)
                .getJsonObject("tumour").getString("grade")).isEqualTo("G1");

        // an uploaded tumour with components only (new rows go through COPY)
        String uploaded = Pseudonyms.of("grade-uploaded");
        java.util.List<org.lmsregistry.model.record.RegistryRecord> file = new java.util.ArrayList<>();
        for (org.lmsregistry.model.record.RegistryRecord r : org.lmsregistry.web.testsupport.TestBatches.patientFile(site,
                uploaded)) {
            if (r instanceof org.lmsregistry.model.record.Tumour t) {
                r = new org.lmsregistry.model.record.Tumour(t.siteCode(), t.patientPseudonym(), t.primaryLocation(),
                        t.depth(), t.largestDiameterMm(), 2, 12, org.lmsregistry.model.code.TumourNecrosis.LESS_THAN_HALF,
                        null, null, null);
            }
            file.add(r);
        }
        Api.Reply upload = Api.at(base).bearer(fixtures.token(site)).post("api/v1/uploads", "application/json",
                org.lmsregistry.web.testsupport.TestBatches.json(org.lmsregistry.web.testsupport.TestBatches.batch(file)),
                java.util.Map.of("Idempotency-Key", "grade-" + java.util.UUID.randomUUID()));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        // 2 + 2 + 1 = 5: G2
        JsonObject g2 = gradeCoordinator.get("api/v1/patients?grade=G2").json();
        assertThat(g2.getInt("total")).isEqualTo(1);
        assertThat(g2.getJsonArray("items").getJsonObject(0).getString("patient_pseudonym")).isEqualTo(uploaded);
        assertThat(g2.getJsonArray("items").getJsonObject(0).getJsonObject("tumour").getString("grade")).isEqualTo("G2");
    }
}
