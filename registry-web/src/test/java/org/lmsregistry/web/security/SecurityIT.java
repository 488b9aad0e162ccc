package org.lmsregistry.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.RegistryIT;

/**
 * Authentication: sessions (cookie flags, CSRF header, logout, deactivation), Basic, bearer tokens
 * (revocation), throttling of password guessing; and the OpenAPI document.
 */
@RegistryIT
@RunAsClient
class SecurityIT {

    private static final String SITE = "SEC";

    @ArquillianResource
    private URL base;

    private static Api api;
    private static Fixtures fixtures;

    @BeforeEach
    void setUp() {
        if (api == null) {
            api = Api.at(base);
            fixtures = new Fixtures(api);
            fixtures.site(SITE);
        }
    }

    @Test
    void sessionsUseSafeCookiesNeedTheCsrfHeaderAndEndOnLogout() throws Exception {
        fixtures.account("sec-coordinator", "COORDINATOR", SITE);
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                api.uri("api/v1/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", "sec-coordinator")
                        .add("password", Fixtures.PASSWORD).build().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("JSESSIONID").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");

        Api.Session session = api.login("sec-coordinator", Fixtures.PASSWORD);
        assertThat(session.get("api/v1/me").json().getString("site")).isEqualTo(SITE);
        String body = "{\"patient_pseudonym\":\"" + "c".repeat(64) + "\",\"sex\":\"MALE\",\"age_at_diagnosis_years\":40,"
                + "\"diagnosis_year\":2020}";
        Api.Reply noCsrf = session.withoutCsrf().post("api/v1/patients", body);
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.json().getString("detail")).contains("X-CSRF-Token");
        assertThat(session.post("api/v1/patients", body).status()).isEqualTo(201);

        assertThat(session.delete("api/v1/session").status()).isEqualTo(204);
        assertThat(session.get("api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aDeactivatedAccountLosesItsSessionAtOnce() {
        Api.Session session = fixtures.coordinator("sec-leaver", SITE);
        assertThat(session.get("api/v1/me").status()).isEqualTo(200);

        assertThat(fixtures.admin().post("api/v1/accounts/sec-leaver/deactivate", "").status()).isEqualTo(200);

        assertThat(session.get("api/v1/me").status()).isEqualTo(401);
        assertThat(api.basic("sec-leaver", Fixtures.PASSWORD).get("api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void basicAuthenticationWorksAndWrongPasswordsAreRefused() {
        fixtures.account("sec-basic", "STATISTICIAN", null);
        assertThat(api.basic("sec-basic", Fixtures.PASSWORD).get("api/v1/me").json().getString("role"))
                .isEqualTo("STATISTICIAN");
        Api.Reply wrong = api.basic("sec-basic", "not the password").get("api/v1/me");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(api.basic("nobody-at-all", "whatever").get("api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void passwordGuessingIsThrottled() {
        fixtures.account("sec-target", "STATISTICIAN", null);
        for (int i = 0; i < 5; i++) {
            Api.Reply r = api.anonymous().post("api/v1/session", "{\"username\":\"sec-target\",\"password\":\"guess" + i
                    + "\"}");
            assertThat(r.status()).as("attempt " + i).isEqualTo(401);
        }
        // locked now, even with the right password, and without a password check
        Api.Reply locked = api.anonymous().post("api/v1/session", "{\"username\":\"sec-target\",\"password\":\""
                + Fixtures.PASSWORD + "\"}");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isPositive();
        assertThat(api.basic("sec-target", Fixtures.PASSWORD).get("api/v1/me").status()).isEqualTo(429);
        // another account is not affected
        assertThat(api.demo("demo-statistician").get("api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void revokedAndUnknownTokensAreRefused() {
        String token = fixtures.token(SITE);
        Api.Session etl = api.bearer(token);
        assertThat(etl.get("api/v1/me").json().getString("role")).isEqualTo("UPLOADER");
        long id = fixtures.admin().get("api/v1/tokens?site=" + SITE).json().getJsonArray("items").getJsonObject(0)
                .getJsonNumber("id").longValue();
        // the list never shows the token itself
        assertThat(fixtures.admin().get("api/v1/tokens").body()).doesNotContain(token);

        assertThat(fixtures.admin().delete("api/v1/tokens/" + id).json().getBoolean("active")).isFalse();

        assertThat(etl.get("api/v1/me").status()).isEqualTo(401);
        assertThat(api.bearer("lmsr_" + "A".repeat(43)).get("api/v1/me").status()).isEqualTo(401);
        assertThat(api.bearer("garbage").get("api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        URI root = api.uri("/").resolve("/openapi");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(root).header("Accept",
                "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("LMS Imaging Registry API");
        // every resource of interfaces/rest, and the ways to authenticate
        assertThat(r.body()).contains("\"/api/v1/uploads\"", "\"/api/v1/uploads/{id}/answer\"",
                "\"/api/v1/patients\"", "\"/api/v1/patients/{site}/{pseudonym}\"",
                "\"/api/v1/patients/{site}/{pseudonym}/tumour\"",
                "\"/api/v1/patients/{site}/{pseudonym}/imaging-studies/{study}/radiomics/{feature}\"",
                "\"/api/v1/dictionary\"", "\"/api/v1/sites/{code}\"", "\"/api/v1/accounts/{username}/deactivate\"",
                "\"/api/v1/tokens/{id}\"", "\"/api/v1/queries/{id}/close\"", "\"/api/v1/audit/verify\"",
                "\"/api/v1/analysis-runs/{id}\"", "\"/api/v1/session\"", "\"/api/v1/me\"",
                "\"/api/v1/patients/{site}/{pseudonym}/{collection}/{id}\"", "bearer", "basic");
        // path templates only: a regular expression of a JAX-RS path is not an OpenAPI template
        assertThat(r.body()).doesNotContainPattern("\"/api/v1[^\"]*\\{\\w+ *:");
    }
}
