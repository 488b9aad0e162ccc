package org.lmsregistry.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The registry's REST API over loopback, as one account, in a session ({@code POST /api/v1/session}
 * once, then the cookie and the CSRF header), the way docs/api.md asks interactive clients to work:
 * Basic authentication would run the deliberately slow PBKDF2 check on every request, which on a
 * loaded machine costs seconds per call and made the end-to-end tests wait mostly for that. If the
 * server was restarted (sessions gone, 401), it logs in again once and repeats the request.
 */
public final class RegistryApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager()).build();
    private final URI api;
    private final String username;
    private final String password;
    private String csrfHeader;
    private String csrfToken;

    /** @param registry the registry's address, e.g. {@link RunningRegistry#url()} */
    public RegistryApi(URI registry, String username, String password) {
        this.api = URI.create(registry.toString().replaceAll("/+$", "") + "/api/v1/");
        this.username = username;
        this.password = password;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return send("GET", path, null, HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json, HttpResponse.BodyHandlers.ofString());
    }

    /** Any method; {@code json} may be null for no body. */
    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(method, path, json, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(String method, String path, String json, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        boolean fresh = csrfToken == null;
        if (fresh) {
            logIn();
        }
        HttpResponse<T> response = client.send(request(method, path, json), body);
        if (response.statusCode() == 401 && !fresh) {
            logIn();
            response = client.send(request(method, path, json), body);
        }
        return response;
    }

    private HttpRequest request(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header(csrfHeader, csrfToken);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private void logIn() throws IOException, InterruptedException {
        String credentials = JSON.createObjectNode().put("username", username).put("password", password).toString();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(api.resolve("session")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + " refused: " + r.statusCode() + " " + r.body());
        }
        JsonNode session = json(r.body());
        csrfHeader = session.path("csrfHeader").asText();
        csrfToken = session.path("csrfToken").asText();
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
