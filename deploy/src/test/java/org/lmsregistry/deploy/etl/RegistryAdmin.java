package org.lmsregistry.deploy.etl;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.lmsregistry.deploy.RegistryApi;
import org.lmsregistry.model.record.RecordType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The registry's administrator, through the REST API only ({@code /api/v1}, in a session):
 * creates sites and upload tokens, revokes tokens, and counts what the registry holds. What the
 * tests check is what any client of the API would see, not the database underneath.
 */
final class RegistryAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryApi api;

    /** A token as created: its id (to revoke it) and its secret (shown once). */
    record Token(long id, String secret) {
    }

    RegistryAdmin(URI registry, String user, String password) {
        this.api = new RegistryApi(registry, user, password);
    }

    void createSite(String code) throws IOException, InterruptedException {
        send("POST", "sites", Map.of("code", code, "name", "Test site " + code, "country", "NL"), 201);
    }

    Token createToken(String site) throws IOException, InterruptedException {
        JsonNode t = send("POST", "tokens", Map.of("site", site, "label", "etl end-to-end test"), 201);
        return new Token(t.path("id").asLong(), t.path("token").asText());
    }

    void revokeToken(long id) throws IOException, InterruptedException {
        send("DELETE", "tokens/" + id, null, 200);
    }

    /**
     * Records per type (interchange file name) the registry holds for a site, read patient by patient.
     */
    Map<String, Integer> counts(String site) throws IOException, InterruptedException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String pseudonym : patients(site)) {
            JsonNode p = send("GET", "patients/" + site + "/" + pseudonym, null, 200);
            for (RecordType t : RecordType.values()) {
                int n = switch (t) {
                    case PATIENT -> 1;
                    case TUMOUR -> p.path("tumour").isNull() ? 0 : 1;
                    default -> p.path(t.baseName()).size();
                };
                if (n > 0) {
                    counts.merge(t.fileName(), n, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The pseudonyms of a site's patients. */
    Set<String> patients(String site) throws IOException, InterruptedException {
        Set<String> out = new HashSet<>();
        for (int offset = 0; ; offset += 500) {
            JsonNode page = send("GET", "patients?site=" + site + "&limit=500&offset=" + offset, null, 200);
            page.path("items").forEach(i -> out.add(i.path("patient_pseudonym").asText()));
            if (offset + 500 >= page.path("total").asInt()) {
                return out;
            }
        }
    }

    /** Every upload the registry recorded for a site (as its upload list shows them). */
    java.util.List<JsonNode> uploads(String site) throws IOException, InterruptedException {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            JsonNode page = send("GET", "uploads?limit=500&offset=" + offset, null, 200);
            page.path("items").forEach(u -> {
                if (site.equals(u.path("site").asText())) {
                    out.add(u);
                }
            });
            if (page.path("items").size() < 500) {
                return out;
            }
        }
    }

    /** The answer an upload got, as the registry keeps it for retries. */
    JsonNode answer(long uploadId) throws IOException, InterruptedException {
        return send("GET", "uploads/" + uploadId + "/answer", null, 200);
    }

    private JsonNode send(String method, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = api.send(method, path, body == null ? null : JSON.writeValueAsString(body));
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": expected " + expected + ", got " + r.statusCode()
                    + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    }
}
