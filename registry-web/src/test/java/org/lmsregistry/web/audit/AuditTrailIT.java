package org.lmsregistry.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.List;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.Pseudonyms;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.TestPostgres;

/**
 * The audit trail: one event per change with who, role, site, record, action, values before and
 * after and the request id; the table refuses UPDATE, DELETE and TRUNCATE, even from the
 * application's own database role; and a change made behind the triggers' back (by a superuser who
 * disables them) is found by the chain verification, which names the broken event.
 */
@RegistryIT
@RunAsClient
class AuditTrailIT {

    private static final String SITE = "AUD";

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
            coordinator = fixtures.coordinator("audit-coordinator", SITE);
            admin = fixtures.admin();
        }
    }

    @Test
    void everyChangeLeavesOneEventWithBeforeAndAfter() {
        String p = Pseudonyms.of("audited");
        String url = "api/v1/patients/" + SITE + "/" + p;
        String key = SITE + "/" + p;
        assertThat(coordinator.send("POST", "api/v1/patients", "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"patient_pseudonym\":\"" + p + "\",\"sex\":\"MALE\","
                        + "\"age_at_diagnosis_years\":70,\"diagnosis_year\":2016}"),
                java.util.Map.of("X-Request-Id", "audit-it-create")).status()).isEqualTo(201);
        assertThat(coordinator.put(url, "{\"sex\":\"MALE\",\"age_at_diagnosis_years\":71,\"diagnosis_year\":2016}")
                .status()).isEqualTo(200);
        // unchanged: no event
        assertThat(coordinator.put(url, "{\"sex\":\"MALE\",\"age_at_diagnosis_years\":71,\"diagnosis_year\":2016}")
                .status()).isEqualTo(200);
        assertThat(coordinator.delete(url).status()).isEqualTo(200);

        List<JsonObject> events = admin.get("api/v1/audit?recordType=PATIENT&recordKey=" + key).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(events).extracting(e -> e.getString("action")).containsExactly("DELETE", "UPDATE", "CREATE");
        JsonObject create = events.get(2);
        assertThat(create.getString("actor")).isEqualTo("audit-coordinator");
        assertThat(create.getString("actorRole")).isEqualTo("COORDINATOR");
        assertThat(create.getString("site")).isEqualTo(SITE);
        assertThat(create.getString("requestId")).isEqualTo("audit-it-create");
        assertThat(create.get("before")).isEqualTo(jakarta.json.JsonValue.NULL);
        assertThat(create.getJsonObject("after").getInt("age_at_diagnosis_years")).isEqualTo(70);
        JsonObject update = events.get(1);
        assertThat(update.getJsonObject("before").getInt("age_at_diagnosis_years")).isEqualTo(70);
        assertThat(update.getJsonObject("after").getInt("age_at_diagnosis_years")).isEqualTo(71);
        assertThat(events.get(0).getJsonObject("before").getInt("age_at_diagnosis_years")).isEqualTo(71);
        assertThat(events.get(0).get("after")).isEqualTo(jakarta.json.JsonValue.NULL);
        assertThat(update.getString("prevHash")).isEqualTo(create.getString("hash"));
        assertThat(admin.get("api/v1/audit/verify").json().getBoolean("intact")).isTrue();
    }

    @Test
    void theTableRefusesUpdateDeleteAndTruncateEvenToTheApplicationsRole() throws SQLException {
        DataSource app = TestPostgres.get().appDatabase();
        for (String sql : List.of("update audit_event set actor = 'someone else' where seq = 1",
                "delete from audit_event where seq = 1", "truncate audit_event")) {
            assertThatThrownBy(() -> execute(app, sql)).as(sql).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void aChangeBehindTheTriggersIsFoundAndNamed() throws SQLException {
        String p = Pseudonyms.of("tampered");
        assertThat(coordinator.post("api/v1/patients", "{\"patient_pseudonym\":\"" + p + "\",\"sex\":\"FEMALE\","
                + "\"age_at_diagnosis_years\":50,\"diagnosis_year\":2015}").status()).isEqualTo(201);
        assertThat(coordinator.put("api/v1/patients/" + SITE + "/" + p + "/tumour", "{\"primary_location\":\"UTERUS\","
                + "\"depth\":\"DEEP\",\"largest_diameter_mm\":80,\"fnclcc_grade\":\"G2\"}").status()).isEqualTo(201);
        long seq = admin.get("api/v1/audit?recordType=PATIENT&recordKey=" + SITE + "/" + p).json()
                .getJsonArray("items").getJsonObject(0).getJsonNumber("seq").longValue();
        DataSource superuser = TestPostgres.get().appDatabaseAsSuperuser();
        String original = one(superuser, "select after_values from audit_event where seq = " + seq);
        try {
            tamper(superuser, seq, original.replace("\"age_at_diagnosis_years\":50", "\"age_at_diagnosis_years\":49"));

            JsonObject verification = admin.get("api/v1/audit/verify").json();

            assertThat(verification.getBoolean("intact")).isFalse();
            JsonObject broken = verification.getJsonObject("firstBrokenLink");
            assertThat(broken.getJsonNumber("seq").longValue()).isEqualTo(seq);
            assertThat(broken.getString("problem")).contains("does not match its hash");
        } finally {
            tamper(superuser, seq, original);
        }
        assertThat(admin.get("api/v1/audit/verify").json().getBoolean("intact")).isTrue();
    }

    /** What an attacker with superuser rights could do: disable the trigger, change a row, enable it. */
    private static void tamper(DataSource superuser, long seq, String after) throws SQLException {
        try (Connection c = superuser.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("alter table audit_event disable trigger audit_event_no_update");
            }
            try (PreparedStatement u = c.prepareStatement("update audit_event set after_values = ? where seq = ?")) {
                u.setString(1, after);
                u.setLong(2, seq);
                assertThat(u.executeUpdate()).isEqualTo(1);
            }
            try (Statement s = c.createStatement()) {
                s.execute("alter table audit_event enable trigger audit_event_no_update");
            }
            c.commit();
        }
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String one(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
