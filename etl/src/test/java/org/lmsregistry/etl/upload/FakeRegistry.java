package org.lmsregistry.etl.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lmsregistry.model.interchange.JsonInterchange;
import org.lmsregistry.model.interchange.ParseResult;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the registry's upload API on loopback, imitating its contract: {@code POST
 * /api/v1/uploads} with a bearer token and an {@code Idempotency-Key}; 422 with problems for a batch
 * with any error (nothing stored); 201 with counts when stored; a retry with the same key gets the
 * first answer again and stores nothing. Failures can be scheduled request by request, including a
 * batch stored whose answer is lost.
 */
final class FakeRegistry implements AutoCloseable {

    static final String TOKEN = "test-token-4f1c9e";

    /** What to do with the next request instead of answering normally. */
    enum Failure {
        /** answer normally */
        NONE,
        /** answer 503, store nothing */
        UNAVAILABLE,
        /** close the connection without an answer, store nothing */
        DROP,
        /** store the batch, then close the connection without an answer (a lost acknowledgement) */
        STORE_THEN_DROP,
        /** store the batch, then answer 500 */
        STORE_THEN_500,
        /** answer 404 with the server's HTML error page, as Payara does while the application is not deployed yet */
        NOT_DEPLOYED
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    /** How often each record (by natural key) was stored: exactly-once means all ones. */
    private final Map<String, Integer> stored = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean down;
    private volatile String refusePseudonym;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/uploads", this::handle);
        server.start();
    }

    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    synchronized void fail(Failure... next) {
        failures.addAll(List.of(next));
    }

    /** Every request answers 503 while down. */
    void down(boolean isDown) {
        this.down = isDown;
    }

    /** A batch holding this patient is refused with 422. */
    void refuse(String pseudonym) {
        this.refusePseudonym = pseudonym;
    }

    Map<String, Integer> stored() {
        return new HashMap<>(stored);
    }

    /** The idempotency key of each request, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        requests.add(key == null ? "" : key);
        byte[] body = ex.getRequestBody().readAllBytes();
        if (!"POST".equals(ex.getRequestMethod())) {
            answer(ex, 405, "{}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            answer(ex, 401, "{\"problems\":[{\"rule\":\"token\",\"message\":\"invalid token\"}]}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (key == null || key.isBlank()) {
            answer(ex, 400, "{\"message\":\"Idempotency-Key required\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Failure failure;
        synchronized (this) {
            failure = down ? Failure.UNAVAILABLE : failures.poll();
        }
        if (failure == Failure.NONE) {
            failure = null;
        }
        if (failure == Failure.UNAVAILABLE) {
            ex.getResponseHeaders().add("Retry-After", "0");
            answer(ex, 503, "{\"message\":\"maintenance\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (failure == Failure.NOT_DEPLOYED) {
            byte[] page = "<html><body><h1>HTTP Status 404 - </h1></body></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(404, page.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(page);
            }
            return;
        }
        if (failure == Failure.DROP) {
            drop(ex);
            return;
        }
        byte[] earlier = answers.get(key);
        if (earlier != null) {
            answer(ex, statuses.get(key), earlier);
            return;
        }
        ParseResult parsed = JsonInterchange.readAll(new java.io.ByteArrayInputStream(body));
        boolean refused = refusePseudonym != null && parsed.batch().all().anyMatch(r -> r.patientPseudonym().equals(refusePseudonym));
        if (parsed.hasErrors() || refused) {
            ObjectNode a = json.createObjectNode();
            ArrayNode problems = a.putArray("problems");
            for (Problem p : parsed.errors()) {
                // the registry's own shape (registry-web ProblemJsonWriter)
                problems.addObject().put("record_type", p.recordType() == null ? "" : p.recordType().name())
                        .put("file", p.recordType() == null ? "" : p.recordType().fileName())
                        .put("row", p.row()).put("record_key", p.recordKey()).put("field", p.field())
                        .put("value", p.value()).put("rule", p.rule().id()).put("severity", p.severity().name())
                        .put("message", p.message());
            }
            if (refused) {
                String patientKey = parsed.batch().records(RecordType.PATIENT).stream()
                        .filter(r -> r.patientPseudonym().equals(refusePseudonym)).findFirst().orElseThrow().naturalKey();
                problems.addObject().put("record_type", "PATIENT").put("file", "patients.csv").put("row", 1)
                        .put("record_key", patientKey).put("field", "patient_pseudonym").put("value", refusePseudonym)
                        .put("rule", "unknown-patient").put("severity", "ERROR")
                        .put("message", "refused by the test registry");
            }
            byte[] bytes = json.writeValueAsBytes(a);
            answers.put(key, bytes);
            statuses.put(key, 422);
            answer(ex, 422, bytes);
            return;
        }
        ObjectNode counts = json.createObjectNode();
        for (RecordType t : RecordType.values()) {
            List<? extends RegistryRecord> records = parsed.records(t);
            if (!records.isEmpty()) {
                counts.put(t.baseName(), records.size());
            }
            records.forEach(r -> stored.merge(t.baseName() + "/" + r.naturalKey(), 1, Integer::sum));
        }
        ObjectNode a = json.createObjectNode();
        a.put("batch", answers.size() + 1).set("counts", counts);
        byte[] bytes = json.writeValueAsBytes(a);
        answers.put(key, bytes);
        statuses.put(key, 201);
        if (failure == Failure.STORE_THEN_DROP) {
            drop(ex);
        } else if (failure == Failure.STORE_THEN_500) {
            answer(ex, 500, "{\"message\":\"internal error\"}".getBytes(StandardCharsets.UTF_8));
        } else {
            answer(ex, 201, bytes);
        }
    }

    private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Closes the connection without any answer: the client sees the connection fail. */
    private static void drop(HttpExchange ex) {
        throw new IllegalStateException("connection dropped on purpose by the test registry");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
