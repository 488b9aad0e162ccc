package org.lmsregistry.web.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small HTTP client for the registry's API in client-side tests: one {@link Session} per caller
 * (anonymous, bearer token, Basic, or a logged-in session with its cookie and CSRF token).
 */
public final class Api {

    private final URI base;

    private Api(URI base) {
        this.base = base;
    }

    /** @param contextRoot the deployment's URL (Arquillian's {@code @ArquillianResource URL}) */
    public static Api at(URL contextRoot) {
        try {
            String s = contextRoot.toURI().toString();
            return new Api(URI.create(s.endsWith("/") ? s : s + "/"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Session anonymous() {
        return new Session(null, null);
    }

    public Session bearer(String token) {
        return new Session("Bearer " + token, null);
    }

    public Session basic(String username, String password) {
        return new Session("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)), null);
    }

    /** Logs in (POST api/v1/session) and keeps the session cookie and CSRF token. */
    public Session login(String username, String password) {
        Session s = new Session(null, null);
        Reply r = s.post("api/v1/session", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + r);
        }
        s.csrf = r.json().getString("csrfToken");
        return s;
    }

    /** Logs in as a demo account of the shared deployment. */
    public Session demo(String username) {
        return login(username, TestEnvironmentExtension.demoPassword());
    }

    /** The answer to one request. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    /** Requests of one caller. */
    public final class Session {
        private final String authorization;
        private final HttpClient client;
        private String csrf;

        private Session(String authorization, String csrf) {
            this(authorization, csrf, HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .connectTimeout(Duration.ofSeconds(10)).build());
        }

        private Session(String authorization, String csrf, HttpClient client) {
            this.authorization = authorization;
            this.csrf = csrf;
            this.client = client;
        }

        public Reply get(String path) {
            return send("GET", path, null, null, Map.of());
        }

        public Reply delete(String path) {
            return send("DELETE", path, null, null, Map.of());
        }

        public Reply post(String path, String json) {
            return send("POST", path, "application/json", BodyPublishers.ofString(json), Map.of());
        }

        public Reply put(String path, String json) {
            return send("PUT", path, "application/json", BodyPublishers.ofString(json), Map.of());
        }

        public Reply post(String path, String contentType, byte[] body, Map<String, String> headers) {
            return send("POST", path, contentType, BodyPublishers.ofByteArray(body), headers);
        }

        public Reply post(String path, String contentType, Path file, Map<String, String> headers) {
            try {
                return send("POST", path, contentType, BodyPublishers.ofFile(file), headers);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Reply send(String method, String path, String contentType, BodyPublisher body,
                Map<String, String> headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5))
                    .method(method, body == null ? BodyPublishers.noBody() : body);
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            headers.forEach(b::header);
            try {
                HttpResponse<String> r = client.send(b.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
                Map<String, String> h = new LinkedHashMap<>();
                r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
                return new Reply(r.statusCode(), h, r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The same caller without the CSRF header (to test that it is required). */
        public Session withoutCsrf() {
            return new Session(authorization, null, client);
        }
    }
}
