package org.lmsregistry.etl.upload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends upload batches to the registry's REST API ({@code POST /api/v1/uploads}, bearer token,
 * {@code Idempotency-Key}), retrying with exponential backoff (and jitter) when the registry cannot be
 * reached, answers 5xx, or answers 404 without its problem document (not deployed yet), and never
 * when the registry itself refuses (4xx): a refused batch is refused again.
 */
public final class RegistryClient {

    /** How long to wait, so that tests need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** The registry's answer to one batch. */
    public record Answer(int status, String body) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /** The registry could not be reached, or kept failing, after every retry. */
    public static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Retry settings.
     *
     * @param retries    retries after the first attempt
     * @param firstDelay delay before the first retry, in ms; doubled each time
     * @param maxDelay   longest delay, in ms
     */
    public record Retry(int retries, long firstDelay, long maxDelay) {
    }

    private final HttpClient http;
    private final URI uploads;
    private final String token;
    private final Retry retry;
    private final Sleeper sleeper;

    public RegistryClient(URI registry, String token, Retry retry, Sleeper sleeper) {
        String base = registry.toString().replaceAll("/+$", "");
        this.uploads = URI.create(base + "/api/v1/uploads");
        this.token = Objects.requireNonNull(token);
        this.retry = retry;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI uploads() {
        return uploads;
    }

    /**
     * Sends one batch; returns the registry's answer (2xx or 4xx).
     *
     * @param onRetry told about each retry (attempt number, reason, delay in ms)
     * @throws UnavailableException after the last retry of a 5xx or a connection failure
     */
    public Answer send(String idempotencyKey, byte[] json, RetryListener onRetry)
            throws UnavailableException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uploads).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        String last = null;
        Throwable lastError = null;
        for (int attempt = 0; ; attempt++) {
            long retryAfter = -1;
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() < 500 && !notServingYet(r)) {
                    return new Answer(r.statusCode(), r.body());
                }
                last = "HTTP " + r.statusCode() + (r.statusCode() == 404 ? " (the registry's API is not deployed yet, "
                        + "or --registry-url is wrong)" : "");
                lastError = null;
                retryAfter = r.headers().firstValue("Retry-After").map(RegistryClient::seconds).orElse(-1L);
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastError = e;
            }
            if (attempt >= retry.retries()) {
                throw new UnavailableException("the registry " + (lastError == null ? "kept answering " + last
                        : "could not be reached (" + last + ")") + " after " + (attempt + 1) + " attempt(s)", lastError);
            }
            long delay = delay(attempt, retryAfter);
            onRetry.retrying(attempt + 1, last, delay);
            sleeper.sleep(delay);
        }
    }

    /**
     * A 404 that is not the registry's own problem document: the upload endpoint always exists in a
     * running registry, so the server is up but the application is not (yet) deployed, as while it
     * restarts (Payara opens its HTTP port before the application is ready). Worth waiting for, like
     * a 503; a wrong URL ends, after the retries, as "unavailable" with the same hint.
     */
    static boolean notServingYet(HttpResponse<?> r) {
        return r.statusCode() == 404 && !r.headers().firstValue("Content-Type").orElse("")
                .toLowerCase(java.util.Locale.ROOT).startsWith("application/problem+json");
    }

    /** Exponential backoff with jitter: about firstDelay * 2^attempt, at most maxDelay; Retry-After wins if longer. */
    long delay(int attempt, long retryAfterMillis) {
        double exp = retry.firstDelay() * Math.pow(2, Math.min(attempt, 30));
        long base = (long) Math.min(retry.maxDelay(), exp);
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Math.min(retry.maxDelay(), Math.max(jittered, retryAfterMillis));
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip()) * 1000;
        } catch (NumberFormatException e) {
            return -1; // an HTTP date: the backoff decides
        }
    }

    /** Told before each retry. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(int retry, String reason, long delayMillis);
    }
}
