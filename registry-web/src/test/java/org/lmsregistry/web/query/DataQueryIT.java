package org.lmsregistry.web.query;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.Pseudonyms;
import org.lmsregistry.web.testsupport.RegistryIT;

/**
 * Data queries: a validation warning of a saved record becomes an open query of that record's site;
 * the site's coordinator sees it and answers (answered), the registry asks again (open), answers
 * again, closes it with a note (closed, thread kept, no more messages); each step is audited. The
 * other site's coordinator never sees it, in the list or by id, and cannot answer it.
 */
@RegistryIT
@RunAsClient
class DataQueryIT {

    private static final String SITE = "DQA";
    private static final String OTHER = "DQB";

    @ArquillianResource
    private URL base;

    @Test
    void aWarningBecomesAQueryThatTheSiteAnswersAndTheRegistryCloses() {
        Api api = Api.at(base);
        Fixtures fixtures = new Fixtures(api);
        fixtures.site(SITE);
        fixtures.site(OTHER);
        Api.Session coordinator = fixtures.coordinator("dq-coordinator", SITE);
        Api.Session other = fixtures.coordinator("dq-other", OTHER);
        Api.Session admin = fixtures.admin();

        String p = Pseudonyms.of("data-query");
        assertThat(coordinator.post("api/v1/patients", "{\"patient_pseudonym\":\"" + p + "\",\"sex\":\"FEMALE\","
                + "\"age_at_diagnosis_years\":55,\"diagnosis_year\":2017}").status()).isEqualTo(201);
        // an 18G needle is finer than 16G: accepted with a warning, which becomes a data query
        Api.Reply saved = coordinator.put("api/v1/patients/" + SITE + "/" + p + "/biopsies/B1", "{\"day\":-3,"
                + "\"guidance\":\"US\",\"needle_gauge\":18,\"approach\":\"PERCUTANEOUS_EXTRAPERITONEAL\","
                + "\"diagnostic\":true}");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        assertThat(saved.json().getInt("dataQueriesRaised")).isEqualTo(1);

        List<JsonObject> open = coordinator.get("api/v1/queries?status=OPEN&limit=500").json().getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(open).hasSize(1);
        JsonObject query = open.get(0);
        long id = query.getJsonNumber("id").longValue();
        assertThat(query.getString("site")).isEqualTo(SITE);
        assertThat(query.getString("recordKey")).isEqualTo(SITE + "/" + p + "/B1");
        assertThat(query.getString("field")).isEqualTo("needle_gauge");
        assertThat(query.getString("value")).isEqualTo("18");
        assertThat(query.getString("rule")).isEqualTo("needle-finer-than-16g");
        assertThat(query.getString("status")).isEqualTo("OPEN");

        // the other site sees nothing of it
        assertThat(other.get("api/v1/queries?limit=500").json().getInt("total")).isZero();
        assertThat(other.get("api/v1/queries/" + id).status()).isEqualTo(404);
        assertThat(other.post("api/v1/queries/" + id + "/messages", "{\"body\":\"Not ours.\"}").status())
                .isEqualTo(404);

        // the site answers
        JsonObject answered = coordinator.post("api/v1/queries/" + id + "/messages",
                "{\"body\":\"The pathology report confirms an 18G needle; the core was diagnostic.\"}").json();
        assertThat(answered.getString("status")).isEqualTo("ANSWERED");
        assertThat(coordinator.get("api/v1/queries?status=OPEN").json().getInt("total")).isZero();
        assertThat(coordinator.get("api/v1/queries?status=ANSWERED").json().getInt("total")).isEqualTo(1);
        // coordinators cannot close
        assertThat(coordinator.post("api/v1/queries/" + id + "/close", "{\"note\":\"done\"}").status()).isEqualTo(403);

        // the registry asks again: open again; the site answers again
        assertThat(admin.post("api/v1/queries/" + id + "/messages", "{\"body\":\"Which guidance was used?\"}").json()
                .getString("status")).isEqualTo("OPEN");
        assertThat(coordinator.post("api/v1/queries/" + id + "/messages", "{\"body\":\"Ultrasound, as recorded.\"}")
                .json().getString("status")).isEqualTo("ANSWERED");

        JsonObject closed = admin.post("api/v1/queries/" + id + "/close", "{\"note\":\"Accepted as a known deviation.\"}")
                .json();
        assertThat(closed.getString("status")).isEqualTo("CLOSED");
        assertThat(closed.getString("closedBy")).isEqualTo("demo-admin");

        JsonObject thread = coordinator.get("api/v1/queries/" + id).json();
        assertThat(thread.getString("status")).isEqualTo("CLOSED");
        assertThat(thread.getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("author") + ": " + m.getString("body"))
                .containsExactly(
                        "dq-coordinator: The pathology report confirms an 18G needle; the core was diagnostic.",
                        "demo-admin: Which guidance was used?",
                        "dq-coordinator: Ultrasound, as recorded.",
                        "demo-admin: Accepted as a known deviation.");
        // closed is final
        Api.Reply late = coordinator.post("api/v1/queries/" + id + "/messages", "{\"body\":\"One more thing.\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(admin.post("api/v1/queries/" + id + "/close", "{\"note\":\"again\"}").status()).isEqualTo(409);

        // every step of the thread is an audit event of the query
        assertThat(admin.get("api/v1/audit?recordType=DATA_QUERY&recordKey=" + id).json().getInt("total"))
                .isEqualTo(4);
    }
}
