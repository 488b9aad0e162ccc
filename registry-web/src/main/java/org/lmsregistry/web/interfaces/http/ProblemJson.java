package org.lmsregistry.web.interfaces.http;

import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/**
 * Error answers as RFC 9457 problem details ({@code application/problem+json}): type, title,
 * status, detail and the request id; never a stack trace or a server's HTML page.
 */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are URNs: stable names, nothing to fetch. */
    public static final String TYPE_PREFIX = "urn:lms-registry:problem:";

    private ProblemJson() {
    }

    public static JsonObjectBuilder builder(int status, String title, String detail, String requestId) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder()
                .add("type", TYPE_PREFIX + slug(title))
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            b.add("detail", detail);
        }
        if (requestId != null) {
            b.add("requestId", requestId);
        }
        return b;
    }

    public static JsonObject of(int status, String title, String detail, String requestId) {
        return builder(status, title, detail, requestId).build();
    }

    /** The standard reason phrase of a status, used as the title when nothing more specific fits. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 411 -> "Length required";
            case 412 -> "Precondition failed";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable content";
            case 428 -> "Precondition required";
            case 429 -> "Too many requests";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal server error" : "Error";
        };
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
