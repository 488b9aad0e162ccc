package org.lmsregistry.web.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The web pages seen without a browser, for what a browser hides: response headers, and requests a
 * browser would never send (a form post without a valid view state, as another site would forge).
 * Follows no redirects, so tests see them.
 */
public final class PageClient {

    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final Api api;
    // HTTP/1.1 as browsers speak it over plain http: the JDK client's default is an h2c upgrade, which
    // Payara's HTTP/2 sessions dropped ("EOF reached while reading") for 27 of 50 users logging in at once
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public PageClient(URL contextRoot) {
        this.api = Api.at(contextRoot);
    }

    public Api.Reply get(String path) {
        return send(HttpRequest.newBuilder(api.uri(path)).GET());
    }

    /** Posts form fields (URL-encoded) as a browser submitting a form does. */
    public Api.Reply post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(body)));
    }

    /** The view state of a rendered page (its form's CSRF token). */
    public static String viewState(Api.Reply page) {
        Matcher m = VIEW_STATE.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no view state in the page: " + page);
        }
        return m.group(1).replace("&#58;", ":").replace("&amp;", "&");
    }

    /**
     * The script nonce of a rendered page. PrimeFaces' scripts send it back with every postback and
     * PrimeFaces refuses postbacks without it, as a browser's would carry it.
     */
    public static String nonce(Api.Reply page) {
        String csp = page.header("content-security-policy");
        Matcher m = Pattern.compile("'nonce-([^']+)'").matcher(csp == null ? "" : csp);
        if (!m.find()) {
            throw new IllegalStateException("no script nonce in the page's policy: " + page.headers());
        }
        return m.group(1);
    }

    /** The hidden fields a browser posts back with a form of the page: view state and nonce. */
    public static Map<String, String> postbackFields(Api.Reply page) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("jakarta.faces.ViewState", viewState(page));
        fields.put("primefaces.nonce", nonce(page));
        return fields;
    }

    /** Logs in through the login page's form. */
    public PageClient login(String username, String password) {
        Api.Reply page = get("app/login.xhtml");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", username);
        form.put("login:password", password);
        form.put("login:submit", "");
        form.putAll(postbackFields(page));
        Api.Reply r = post("app/login.xhtml", form);
        if (r.status() != 302) {
            Matcher m = Pattern.compile("summary\">([^<]*)<").matcher(r.body());
            throw new IllegalStateException("login of " + username + " failed: " + r.status() + " "
                    + (m.find() ? m.group(1) : r.body()));
        }
        return this;
    }

    private Api.Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.timeout(Duration.ofMinutes(2)).build(),
                    BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            return new Api.Reply(r.statusCode(), h, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
