package org.lmsregistry.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.Pseudonyms;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.TestBatches;

/**
 * Who may do what, for which site: every endpoint (rows) for every kind of caller (columns:
 * anonymous, administrator, statistician, coordinator of site A, API token of site A), aimed at
 * site A's data and at site B's. Every cell is a test with its own expected status. The table
 * below is the registry's permission model; docs/api.md describes it.
 *
 * <p>Other-site callers: the callers of site A aimed at site B's data are the "other site" cells, so
 * site B's own coordinator and token need no columns of their own (the table is symmetric in the
 * sites; B's token is used to prepare B's data). Every endpoint of /api/v1 has a row except the
 * session endpoints, which SecurityIT covers (logging out in a cell would end the shared sessions).
 *
 * <p>Conventions asserted: 401 without credentials; 403 when the role may never do this (or the
 * payload names another site); 404 when the role may, but the URL addresses another site's data
 * (exactly as if it did not exist).
 */
@RegistryIT
@RunAsClient
class AuthorizationMatrixIT {

    enum Caller {
        ANONYMOUS, ADMIN, STATISTICIAN, COORDINATOR_A, TOKEN_A
    }

    private static final String A = "MXA";
    private static final String B = "MXB";
    /** Any 2xx. */
    private static final int OK = -2;

    /** One request, made fresh for every cell (unique keys where a request creates something). */
    record Call(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        static Call get(String path) {
            return new Call("GET", path, null, null, Map.of());
        }

        static Call delete(String path) {
            return new Call("DELETE", path, null, null, Map.of());
        }

        static Call json(String method, String path, String json) {
            return new Call(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /** A row: what to call, how to prepare each cell, and the expected status per caller. */
    record Row(String name, Consumer<Context> prepare, Function<Context, Call> call, Map<Caller, Integer> expected) {
    }

    /** What the cells work on: two sites with a patient, an upload and a data query each. */
    static final class Context {
        String pA;
        String pB;
        long uploadA;
        long uploadB;
        long runId;
        String account;
        String pDoomed;
        long queryA;
        long queryB;
        long tokenId;
        Api.Session tokenA;
        Api.Session tokenB;
        Api.Session admin;
        Map<Caller, Api.Session> sessions = new EnumMap<>(Caller.class);
        final AtomicInteger counter = new AtomicInteger();

        String unique(String prefix) {
            return prefix + counter.incrementAndGet();
        }

        /** A fresh patient of a site with a record of every type, by that site's token. */
        String newPatient(Api.Session token, String site) {
            RegistryBatch batch = TestBatches.patients(site, unique("mx-fresh-"), 1);
            Api.Reply r = token.post("api/v1/uploads", "application/json", TestBatches.json(batch), Map.of());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            return batch.patients().get(0).pseudonym();
        }

        /** A fresh open data query of site A or B (from an upload with a warning). */
        long newQuery(Api.Session token, String site) {
            RegistryBatch batch = TestBatches.patients(site, unique("mx-query-"), 1);
            Api.Reply r = token.post("api/v1/uploads", "application/json", TestBatches.json(batch), Map.of());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            String key = batch.patients().get(0).naturalKey();
            for (JsonObject q : admin.get("api/v1/queries?status=OPEN&limit=500").json().getJsonArray("items")
                    .getValuesAs(JsonObject.class)) {
                if (q.getString("recordKey").startsWith(key)) {
                    return q.getJsonNumber("id").longValue();
                }
            }
            throw new IllegalStateException("no data query raised for " + key);
        }
    }

    private static final Map<String, Row> ROWS = new LinkedHashMap<>();

    private static void row(String name, Function<Context, Call> call, Object... expected) {
        row(name, c -> { }, call, expected);
    }

    private static void row(String name, Consumer<Context> prepare, Function<Context, Call> call, Object... expected) {
        Map<Caller, Integer> map = new EnumMap<>(Caller.class);
        for (int i = 0; i < expected.length; i += 2) {
            map.put((Caller) expected[i], (Integer) expected[i + 1]);
        }
        if (map.size() != Caller.values().length) {
            throw new IllegalArgumentException(name + ": every caller needs an expected status");
        }
        ROWS.put(name, new Row(name, prepare, call, map));
    }

    private static final Caller ANON = Caller.ANONYMOUS;
    private static final Caller ADMIN = Caller.ADMIN;
    private static final Caller STAT = Caller.STATISTICIAN;
    private static final Caller COORD = Caller.COORDINATOR_A;
    private static final Caller TOKEN = Caller.TOKEN_A;

    static {
        String biopsy = "{\"day\":-4,\"guidance\":\"US\",\"needle_gauge\":14,\"approach\":\"PERCUTANEOUS_EXTRAPERITONEAL\","
                + "\"diagnostic\":true}";
        row("GET dictionary", c -> Call.get("api/v1/dictionary"),
                ANON, 200, ADMIN, 200, STAT, 200, COORD, 200, TOKEN, 200);
        row("GET me", c -> Call.get("api/v1/me"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 200, TOKEN, 200);
        row("GET sites", c -> Call.get("api/v1/sites"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 200, TOKEN, 200);
        row("POST sites", c -> Call.json("POST", "api/v1/sites", "{\"code\":\"" + c.unique("MXN") + "\",\"name\":\"n\","
                + "\"country\":\"NL\"}"),
                ANON, 401, ADMIN, 201, STAT, 403, COORD, 403, TOKEN, 403);
        row("PUT sites/A", c -> Call.json("PUT", "api/v1/sites/" + A, "{\"name\":\"Site A\"}"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 403, TOKEN, 403);
        row("GET tokens", c -> Call.get("api/v1/tokens"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 403, TOKEN, 403);
        row("POST tokens (site A)", c -> Call.json("POST", "api/v1/tokens", "{\"site\":\"" + A + "\",\"label\":\"x\"}"),
                ANON, 401, ADMIN, 201, STAT, 403, COORD, 403, TOKEN, 403);
        row("DELETE tokens/{id} (site A)", c -> {
            JsonObject t = c.admin.post("api/v1/tokens", "{\"site\":\"" + A + "\",\"label\":\"doomed\"}").json();
            c.tokenId = t.getJsonNumber("id").longValue();
        }, c -> Call.delete("api/v1/tokens/" + c.tokenId),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 403, TOKEN, 403);
        row("GET accounts", c -> Call.get("api/v1/accounts"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 403, TOKEN, 403);
        row("POST accounts", c -> Call.json("POST", "api/v1/accounts", "{\"username\":\"" + c.unique("mx-user-")
                + "\",\"role\":\"STATISTICIAN\",\"password\":\"short\"}"),
                // the administrator passes the permission check and meets the password rule
                ANON, 401, ADMIN, 422, STAT, 403, COORD, 403, TOKEN, 403);
        row("GET patients", c -> Call.get("api/v1/patients"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 200, TOKEN, 403);
        row("GET patients?site=B", c -> Call.get("api/v1/patients?site=" + B),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 403, TOKEN, 403);
        row("GET patient of A", c -> Call.get("api/v1/patients/" + A + "/" + c.pA),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 200, TOKEN, 403);
        row("GET patient of B", c -> Call.get("api/v1/patients/" + B + "/" + c.pB),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 404, TOKEN, 403);
        row("GET imaging studies of B", c -> Call.get("api/v1/patients/" + B + "/" + c.pB + "/imaging-studies"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 404, TOKEN, 403);
        row("GET radiomics value of B", c -> Call.get("api/v1/patients/" + B + "/" + c.pB
                + "/imaging-studies/S1/radiomics/morph_volume"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 404, TOKEN, 403);
        row("POST patients (body site A)", c -> Call.json("POST", "api/v1/patients", "{\"site_code\":\"" + A
                + "\",\"patient_pseudonym\":\"" + Pseudonyms.of(c.unique("mx-new-")) + "\",\"sex\":\"MALE\","
                + "\"age_at_diagnosis_years\":40,\"diagnosis_year\":2020}"),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 201, TOKEN, 403);
        row("POST patients (body site B)", c -> Call.json("POST", "api/v1/patients", "{\"site_code\":\"" + B
                + "\",\"patient_pseudonym\":\"" + Pseudonyms.of(c.unique("mx-new-")) + "\",\"sex\":\"MALE\","
                + "\"age_at_diagnosis_years\":40,\"diagnosis_year\":2020}"),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 403, TOKEN, 403);
        row("PUT biopsy of A", c -> Call.json("PUT", "api/v1/patients/" + A + "/" + c.pA + "/biopsies/BM", biopsy),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, OK, TOKEN, 403);
        row("PUT biopsy of B", c -> Call.json("PUT", "api/v1/patients/" + B + "/" + c.pB + "/biopsies/BM", biopsy),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("PUT biopsy of A, body naming B", c -> Call.json("PUT", "api/v1/patients/" + A + "/" + c.pA
                + "/biopsies/BM", biopsy.replace("{", "{\"site_code\":\"" + B + "\",")),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 403, TOKEN, 403);
        row("DELETE biopsy of A", c -> c.tokenA.post("api/v1/uploads", "application/json", biopsyBatch(A, c.pA),
                Map.of()), c -> Call.delete("api/v1/patients/" + A + "/" + c.pA + "/biopsies/BD"),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 200, TOKEN, 403);
        row("DELETE biopsy of B", c -> c.tokenB.post("api/v1/uploads", "application/json", biopsyBatch(B, c.pB),
                Map.of()), c -> Call.delete("api/v1/patients/" + B + "/" + c.pB + "/biopsies/BD"),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("DELETE patient of B", c -> Call.delete("api/v1/patients/" + B + "/" + c.pB),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("POST uploads (rows of A)", c -> new Call("POST", "api/v1/uploads", "application/json",
                TestBatches.json(TestBatches.patients(A, c.unique("mx-up-"), 1)), Map.of()),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 201, TOKEN, 201);
        row("POST uploads?site=B", c -> new Call("POST", "api/v1/uploads?site=" + B, "application/json",
                TestBatches.json(TestBatches.patients(B, c.unique("mx-up-"), 1)), Map.of()),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 403, TOKEN, 403);
        row("POST uploads (rows of B)", c -> new Call("POST", "api/v1/uploads", "application/json",
                TestBatches.json(TestBatches.patients(B, c.unique("mx-up-"), 1)), Map.of()),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 403, TOKEN, 403);
        row("GET uploads", c -> Call.get("api/v1/uploads"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 200, TOKEN, 200);
        row("GET upload of B", c -> Call.get("api/v1/uploads/" + c.uploadB),
                ANON, 401, ADMIN, 200, STAT, 404, COORD, 404, TOKEN, 404);
        row("GET queries", c -> Call.get("api/v1/queries"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 200, TOKEN, 403);
        row("GET query of B", c -> Call.get("api/v1/queries/" + c.queryB),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 404, TOKEN, 403);
        row("POST query of A: answer", c -> Call.json("POST", "api/v1/queries/" + c.queryA + "/messages",
                "{\"body\":\"Checked: no study missing.\"}"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 200, TOKEN, 403);
        row("POST query of B: answer", c -> Call.json("POST", "api/v1/queries/" + c.queryB + "/messages",
                "{\"body\":\"Checked.\"}"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 404, TOKEN, 403);
        row("POST query of A: close", c -> c.queryA = c.newQuery(c.tokenA, A),
                c -> Call.json("POST", "api/v1/queries/" + c.queryA + "/close", "{\"note\":\"ok\"}"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 403, TOKEN, 403);
        row("GET audit", c -> Call.get("api/v1/audit"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 403, TOKEN, 403);
        row("GET audit/verify", c -> Call.get("api/v1/audit/verify"),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 403, TOKEN, 403);
        row("GET analysis-runs", c -> Call.get("api/v1/analysis-runs"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 403, TOKEN, 403);
        row("POST analysis-runs", c -> Call.json("POST", "api/v1/analysis-runs", "{\"kind\":\"yield\"}"),
                ANON, 401, ADMIN, 403, STAT, 202, COORD, 403, TOKEN, 403);

        // --- rows added to cover every endpoint of /api/v1 (see the resources in interfaces/rest) ---
        String patientBody = "{\"sex\":\"FEMALE\",\"age_at_diagnosis_years\":62,\"diagnosis_year\":2019}";
        String tumourBody = "{\"primary_location\":\"UTERUS\",\"depth\":\"DEEP\",\"largest_diameter_mm\":90,"
                + "\"differentiation_score\":3,\"mitoses_per_10hpf\":25,\"necrosis\":\"HALF_OR_MORE\"}";
        String featuresBody = "{\"largest_diameter_mm\":91,\"margin\":\"IRREGULAR\",\"heterogeneous\":true,"
                + "\"necrosis_present\":true,\"necrosis_percent\":30,\"peripheral_enhancement\":true,"
                + "\"t2_signal\":\"HETEROGENEOUS\",\"adc_mean\":1100.5,\"calcification\":false,\"organ_wall_continuity\":true}";
        row("GET sites/B", c -> Call.get("api/v1/sites/" + B),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 200, TOKEN, 200);
        row("POST accounts/{u}/deactivate", c -> {
            c.account = c.unique("mx-acct-");
            assertThat(c.admin.post("api/v1/accounts", "{\"username\":\"" + c.account + "\",\"role\":\"STATISTICIAN\","
                    + "\"password\":\"" + Fixtures.PASSWORD + "\"}").status()).isEqualTo(201);
        }, c -> Call.json("POST", "api/v1/accounts/" + c.account + "/deactivate", ""),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 403, TOKEN, 403);
        row("POST accounts/{u}/activate", c -> Call.json("POST", "api/v1/accounts/demo-statistician/activate", ""),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 403, TOKEN, 403);
        row("PUT patient of A", c -> Call.json("PUT", "api/v1/patients/" + A + "/" + c.pA, patientBody),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 200, TOKEN, 403);
        row("PUT patient of B", c -> Call.json("PUT", "api/v1/patients/" + B + "/" + c.pB, patientBody),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("PUT patient of A, body naming B", c -> Call.json("PUT", "api/v1/patients/" + A + "/" + c.pA,
                patientBody.replace("{", "{\"site_code\":\"" + B + "\",")),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 403, TOKEN, 403);
        row("DELETE patient of A", c -> c.pDoomed = c.newPatient(c.tokenA, A),
                c -> Call.delete("api/v1/patients/" + A + "/" + c.pDoomed),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 200, TOKEN, 403);
        row("GET tumour of A", c -> Call.get("api/v1/patients/" + A + "/" + c.pA + "/tumour"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 200, TOKEN, 403);
        row("GET tumour of B", c -> Call.get("api/v1/patients/" + B + "/" + c.pB + "/tumour"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 404, TOKEN, 403);
        row("PUT tumour of A", c -> Call.json("PUT", "api/v1/patients/" + A + "/" + c.pA + "/tumour", tumourBody),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 200, TOKEN, 403);
        row("PUT tumour of B", c -> Call.json("PUT", "api/v1/patients/" + B + "/" + c.pB + "/tumour", tumourBody),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("DELETE tumour of B", c -> Call.delete("api/v1/patients/" + B + "/" + c.pB + "/tumour"),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("GET biopsy of B", c -> Call.get("api/v1/patients/" + B + "/" + c.pB + "/biopsies/B1"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 404, TOKEN, 403);
        row("POST biopsies of A", c -> Call.json("POST", "api/v1/patients/" + A + "/" + c.pA + "/biopsies",
                biopsy.replace("{", "{\"biopsy_id\":\"" + c.unique("BP") + "\",")),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 201, TOKEN, 403);
        row("POST biopsies of B", c -> Call.json("POST", "api/v1/patients/" + B + "/" + c.pB + "/biopsies",
                biopsy.replace("{", "{\"biopsy_id\":\"" + c.unique("BP") + "\",")),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("GET features of B", c -> Call.get("api/v1/patients/" + B + "/" + c.pB + "/imaging-studies/S1/features"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 404, TOKEN, 403);
        row("PUT features of B", c -> Call.json("PUT", "api/v1/patients/" + B + "/" + c.pB
                + "/imaging-studies/S1/features", featuresBody),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("DELETE features of B", c -> Call.delete("api/v1/patients/" + B + "/" + c.pB + "/imaging-studies/S1/features"),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("GET radiomics of B", c -> Call.get("api/v1/patients/" + B + "/" + c.pB + "/imaging-studies/S1/radiomics"),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 404, TOKEN, 403);
        row("POST radiomics of B", c -> Call.json("POST", "api/v1/patients/" + B + "/" + c.pB
                + "/imaging-studies/S1/radiomics", "{\"ibsi_feature\":\"" + c.unique("glcm_x") + "\",\"value\":1.5}"),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("PUT radiomics value of B", c -> Call.json("PUT", "api/v1/patients/" + B + "/" + c.pB
                + "/imaging-studies/S1/radiomics/morph_volume", "{\"value\":2.5}"),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("DELETE radiomics value of B", c -> Call.delete("api/v1/patients/" + B + "/" + c.pB
                + "/imaging-studies/S1/radiomics/morph_volume"),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 404, TOKEN, 403);
        row("POST uploads CSV (rows of B)", c -> new Call("POST", "api/v1/uploads?type=patients", "text/csv",
                TestBatches.csv(org.lmsregistry.model.record.RecordType.PATIENT,
                        TestBatches.patients(B, c.unique("mx-csv-"), 1).patients()), Map.of()),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 403, TOKEN, 403);
        row("POST uploads zip (rows of B)", c -> new Call("POST", "api/v1/uploads", "application/zip",
                TestBatches.zip(TestBatches.patients(B, c.unique("mx-zip-"), 1)), Map.of()),
                ANON, 401, ADMIN, 403, STAT, 403, COORD, 403, TOKEN, 403);
        row("GET upload of A", c -> Call.get("api/v1/uploads/" + c.uploadA),
                ANON, 401, ADMIN, 200, STAT, 404, COORD, 200, TOKEN, 200);
        row("GET upload answer of A", c -> Call.get("api/v1/uploads/" + c.uploadA + "/answer"),
                ANON, 401, ADMIN, 200, STAT, 404, COORD, 200, TOKEN, 200);
        row("GET upload answer of B", c -> Call.get("api/v1/uploads/" + c.uploadB + "/answer"),
                ANON, 401, ADMIN, 200, STAT, 404, COORD, 404, TOKEN, 404);
        row("GET query of A", c -> Call.get("api/v1/queries/" + c.queryA),
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 200, TOKEN, 403);
        row("POST query of B: close", c -> c.queryB = c.newQuery(c.tokenB, B),
                c -> Call.json("POST", "api/v1/queries/" + c.queryB + "/close", "{\"note\":\"ok\"}"),
                // another site's query does not exist for the coordinator (404 before "may not close")
                ANON, 401, ADMIN, 200, STAT, 403, COORD, 404, TOKEN, 403);
        row("GET analysis-runs/{id}", c -> Call.get("api/v1/analysis-runs/" + c.runId),
                ANON, 401, ADMIN, 200, STAT, 200, COORD, 403, TOKEN, 403);
        // administrators cancel too; the run (no jobs jar here) has failed, so a permitted cancel is 409
        row("POST analysis-runs/{id}/cancel", AuthorizationMatrixIT::awaitRunFinished,
                c -> Call.json("POST", "api/v1/analysis-runs/" + c.runId + "/cancel", "{}"),
                ANON, 401, ADMIN, 409, STAT, 409, COORD, 403, TOKEN, 403);
    }

    private static void awaitRunFinished(Context c) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (c.admin.get("api/v1/analysis-runs/" + c.runId).json().getString("status").matches("QUEUED|RUNNING")) {
            if (System.nanoTime() > until) {
                throw new AssertionError("analysis run " + c.runId + " did not finish");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static byte[] biopsyBatch(String site, String pseudonym) {
        return ("{\"biopsies\":[{\"site_code\":\"" + site + "\",\"patient_pseudonym\":\"" + pseudonym
                + "\",\"biopsy_id\":\"BD\",\"day\":-2,\"guidance\":\"CT\",\"needle_gauge\":14,"
                + "\"approach\":\"PERCUTANEOUS_EXTRAPERITONEAL\",\"diagnostic\":true}]}").getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Row row : ROWS.values()) {
            for (Caller caller : Caller.values()) {
                cells.add(Arguments.of(row.name(), caller));
            }
        }
        return cells.stream();
    }

    @ArquillianResource
    private URL base;

    private static Context context;

    @BeforeEach
    void setUp() {
        if (context != null) {
            return;
        }
        Api api = Api.at(base);
        Fixtures fixtures = new Fixtures(api);
        fixtures.site(A);
        fixtures.site(B);
        Context c = new Context();
        c.admin = fixtures.admin();
        c.tokenA = api.bearer(fixtures.token(A));
        c.tokenB = api.bearer(fixtures.token(B));
        RegistryBatch a = TestBatches.patients(A, "mx-a", 1);
        RegistryBatch b = TestBatches.patients(B, "mx-b", 1);
        c.pA = a.patients().get(0).pseudonym();
        c.pB = b.patients().get(0).pseudonym();
        Api.Reply upA = c.tokenA.post("api/v1/uploads", "application/json", TestBatches.json(a), Map.of());
        assertThat(upA.status()).isEqualTo(201);
        c.uploadA = upA.json().getJsonNumber("uploadId").longValue();
        Api.Reply upB = c.tokenB.post("api/v1/uploads", "application/json", TestBatches.json(b), Map.of());
        assertThat(upB.status()).isEqualTo(201);
        c.uploadB = upB.json().getJsonNumber("uploadId").longValue();
        c.queryA = c.newQuery(c.tokenA, A);
        c.queryB = c.newQuery(c.tokenB, B);
        c.sessions.put(Caller.ANONYMOUS, api.anonymous());
        c.sessions.put(Caller.ADMIN, c.admin);
        c.sessions.put(Caller.STATISTICIAN, api.demo("demo-statistician"));
        Api.Reply run = c.sessions.get(Caller.STATISTICIAN).post("api/v1/analysis-runs", "{\"kind\":\"yield\"}");
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        c.runId = run.json().getJsonNumber("id").longValue();
        c.sessions.put(Caller.COORDINATOR_A, fixtures.coordinator("mx-coordinator-a", A));
        c.sessions.put(Caller.TOKEN_A, c.tokenA);
        context = c;
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void cell(String rowName, Caller caller) {
        Row row = ROWS.get(rowName);
        row.prepare().accept(context);
        Call call = row.call().apply(context);
        Api.Reply reply = context.sessions.get(caller).send(call.method(), call.path(), call.contentType(),
                call.body() == null ? null : BodyPublishers.ofByteArray(call.body()), call.headers());
        int expected = row.expected().get(caller);
        if (expected == OK) {
            assertThat(reply.status()).as("%s as %s: %s", rowName, caller, reply).isBetween(200, 299);
        } else {
            assertThat(reply.status()).as("%s as %s: %s", rowName, caller, reply).isEqualTo(expected);
        }
        if (reply.status() >= 400) {
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(Json.createReader(new java.io.StringReader(reply.body())).readObject().getInt("status"))
                    .isEqualTo(reply.status());
        }
    }

    /** Lists answer 200 to everyone who may list, but a site's callers only ever see their own site in them. */
    @org.junit.jupiter.api.Test
    void listsOfASitesCallersHoldOnlyThatSite() {
        Api.Session coordinator = context.sessions.get(Caller.COORDINATOR_A);
        JsonObject patients = coordinator.get("api/v1/patients?limit=500").json();
        assertThat(patients.getInt("total")).isPositive();
        assertThat(patients.getJsonArray("items").getValuesAs(JsonObject.class))
                .allSatisfy(p -> assertThat(p.getString("site_code")).isEqualTo(A));
        assertThat(context.admin.get("api/v1/patients?site=" + B).json().getInt("total")).isPositive();
        assertThat(coordinator.get("api/v1/queries?limit=500").json().getJsonArray("items").getValuesAs(JsonObject.class))
                .isNotEmpty().allSatisfy(q -> assertThat(q.getString("recordKey")).startsWith(A + "/"));
        for (Api.Session session : List.of(coordinator, context.tokenA)) {
            assertThat(session.get("api/v1/uploads?limit=500").json().getJsonArray("items").getValuesAs(JsonObject.class))
                    .isNotEmpty().allSatisfy(u -> assertThat(u.getString("site")).isEqualTo(A));
        }
    }
}
