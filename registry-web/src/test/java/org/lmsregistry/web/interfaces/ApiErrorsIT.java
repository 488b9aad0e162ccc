package org.lmsregistry.web.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.Pseudonyms;
import org.lmsregistry.web.testsupport.RegistryIT;

/**
 * Wrong input never produces a 500 or a stack trace: malformed JSON, wrong types, unknown fields,
 * huge bodies, unknown paths and methods, wrong media types all get a specific problem-details
 * answer; markup and SQL in text fields are stored verbatim and returned as data, never executed.
 */
@RegistryIT
@RunAsClient
class ApiErrorsIT {

    private static final String SITE = "ERR";

    @ArquillianResource
    private URL base;

    private static Api.Session coordinator;
    private static Api.Session admin;
    private static String patient;

    @BeforeEach
    void setUp() {
        if (coordinator == null) {
            Api api = Api.at(base);
            Fixtures fixtures = new Fixtures(api);
            fixtures.site(SITE);
            coordinator = fixtures.coordinator("errors-coordinator", SITE);
            admin = fixtures.admin();
            patient = Pseudonyms.of("errors");
            assertThat(coordinator.post("api/v1/patients", "{\"patient_pseudonym\":\"" + patient + "\",\"sex\":\"FEMALE\","
                    + "\"age_at_diagnosis_years\":50,\"diagnosis_year\":2015}").status()).isEqualTo(201);
        }
    }

    private static JsonObject problem(Api.Reply r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.lmsregistry")
                .doesNotContain("<html");
        JsonObject p = r.json();
        assertThat(p.getInt("status")).isEqualTo(status);
        assertThat(p.getString("type")).startsWith("urn:lms-registry:problem:");
        assertThat(p.getString("title")).isNotBlank();
        assertThat(p.getString("requestId")).isNotBlank();
        return p;
    }

    @Test
    void malformedJsonIsA400() {
        problem(coordinator.post("api/v1/patients", "{\"patient_pseudonym\": "), 400);
        problem(coordinator.post("api/v1/patients", "[1, 2]"), 400);
        problem(admin.post("api/v1/sites", "{\"code\":"), 400);
        problem(admin.post("api/v1/sites", ""), 400);
        problem(coordinator.post("api/v1/queries/1/messages", "not json at all"), 400);
    }

    @Test
    void wrongTypesAndUnknownFieldsOfRecordsAreValidationProblems() {
        JsonObject p = problem(coordinator.put("api/v1/patients/" + SITE + "/" + patient + "/biopsies/B1",
                "{\"day\":\"minus five\",\"guidance\":\"US\",\"approach\":\"PERCUTANEOUS_EXTRAPERITONEAL\","
                        + "\"diagnostic\":\"yes\",\"surgeon\":\"Dr. House\"}"), 422);
        assertThat(p.getJsonArray("problems").getValuesAs(JsonObject.class))
                .extracting(x -> x.getString("field") + ":" + x.getString("rule"))
                .contains("day:type", "diagnostic:type", "surgeon:unknown-field");
    }

    @Test
    void wrongTypesAndUnknownPropertiesOfOtherBodiesAre400s() {
        JsonObject unknown = problem(admin.post("api/v1/sites", "{\"code\":\"ERRX\",\"name\":\"x\",\"country\":\"NL\","
                + "\"budget\":1}"), 400);
        assertThat(unknown.getString("detail")).contains("budget");
        problem(admin.post("api/v1/tokens", "{\"site\":\"" + SITE + "\",\"label\":\"x\",\"expiresAt\":\"tomorrow\"}"), 400);
        problem(admin.post("api/v1/accounts", "{\"username\":\"x\",\"role\":[1]}"), 400);
        problem(admin.post("api/v1/sites", "{\"code\":\"lower\",\"name\":\"x\",\"country\":\"NL\"}"), 422);
    }

    @Test
    void hugeBodiesAreRefusedWithA413() {
        String huge = "{\"histology_notes\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        problem(coordinator.put("api/v1/patients/" + SITE + "/" + patient + "/tumour", huge), 413);
        // chunked, without Content-Length
        Api.Reply chunked = coordinator.send("PUT", "api/v1/patients/" + SITE + "/" + patient + "/tumour",
                "application/json", BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))), Map.of());
        problem(chunked, 413);
        // the text limit of the model itself applies below the body limit
        String longNotes = "{\"primary_location\":\"UTERUS\",\"depth\":\"DEEP\",\"largest_diameter_mm\":80,"
                + "\"fnclcc_grade\":\"G2\",\"histology_notes\":\"" + "a".repeat(5000) + "\"}";
        problem(coordinator.put("api/v1/patients/" + SITE + "/" + patient + "/tumour", longNotes), 422);
    }

    @Test
    void markupAndSqlInTextAreStoredVerbatimAndNeverExecuted() {
        String notes = "<script>alert('x')</script> '); drop table patient; -- <b>bold</b> & \"quotes\"";
        Api.Reply put = coordinator.put("api/v1/patients/" + SITE + "/" + patient + "/tumour",
                Json.createObjectBuilder().add("primary_location", "UTERUS").add("depth", "DEEP")
                        .add("largest_diameter_mm", 80).add("fnclcc_grade", "G2").add("histology_notes", notes).build()
                        .toString());
        assertThat(put.status()).as(put.toString()).isIn(200, 201);
        Api.Reply read = coordinator.get("api/v1/patients/" + SITE + "/" + patient + "/tumour");
        assertThat(read.json().getString("histology_notes")).isEqualTo(notes);
        assertThat(read.header("Content-Type")).startsWith("application/json");
        assertThat(read.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(read.header("Content-Security-Policy")).contains("default-src 'none'");
        // the patient table is still there, and query parameters are parameters too
        assertThat(admin.get("api/v1/patients?location=UTERUS'%20OR%20'1'='1&limit=1").json().getInt("total")).isZero();
        assertThat(admin.get("api/v1/patients?site=" + SITE).json().getInt("total")).isPositive();
        problem(admin.get("api/v1/patients/" + SITE + "/'%3B%20drop%20table%20site%3B--"), 404);
        assertThat(admin.get("api/v1/audit?recordKey=x'%20or%201=1--").json().getInt("total")).isZero();
    }

    @Test
    void unknownPathsMethodsAndMediaTypesAreProblemsToo() {
        problem(admin.get("api/v1/nothing-here"), 404);
        problem(admin.get("api/v2/patients"), 404);
        problem(admin.get("api/v1/tokens/notanumber"), 404);
        problem(admin.delete("api/v1/dictionary"), 405);
        problem(coordinator.send("POST", "api/v1/patients", "text/plain", BodyPublishers.ofString("hello"), Map.of()),
                415);
        problem(admin.get("api/v1/patients?limit=ten"), 400);
        problem(admin.get("api/v1/dictionary?format=xml"), 400);
    }
}
