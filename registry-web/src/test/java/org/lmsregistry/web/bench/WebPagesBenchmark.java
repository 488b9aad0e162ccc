package org.lmsregistry.web.bench;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.PageClient;
import org.lmsregistry.web.testsupport.PayaraProcess;

/**
 * Load on the web pages (docs/benchmarks.md, "Web pages under load"): simulated coordinators of
 * the demo cohort's five sites, each with its own session, in a loop: the patient list, a patient
 * page, the tumour form, and saving the tumour form with a changed histology note (a real write:
 * validation, site lock, record and audit event). First the same loop by one user alone, the
 * baseline; then the given number of concurrent users for the given time. Prints the latency
 * percentiles per kind of request and every error.
 *
 * <p>{@code ./mvnw -B -pl registry-web -am verify -DskipTests -Pbench-web [-Dbench.users=50 -Dbench.seconds=300]}
 */
public final class WebPagesBenchmark {

    private static final String DEMO_PASSWORD = "bench-demo-password-not-secret";
    private static final List<String> SITES = List.of("north", "south", "east", "west", "central");

    private WebPagesBenchmark() {
    }

    /** What one virtual user does in one round, timed per request. */
    private record Sample(String kind, long nanos, boolean ok) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench-web"));
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        System.out.printf(Locale.ROOT, "machine: %d cores, load %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD).setPGStartupWait(Duration.ofSeconds(60)).start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role bench login password 'bench'");
                s.execute("create database bench_web owner bench");
            }
            Map<String, String> env = Map.of("LMS_DB_URL", "jdbc:postgresql://localhost:" + pg.getPort() + "/bench_web",
                    "LMS_DB_USER", "bench", "LMS_DB_PASSWORD", "bench");
            List<String> jvm = List.of("-Xmx1g", "-Dlms.demo.enabled=true", "-Dlms.demo.password=" + DEMO_PASSWORD);
            try (PayaraProcess payara = PayaraProcess.start(work, jvm, env, Duration.ofMinutes(5))) {
                URL url = payara.url();
                Map<String, List<String>> patients = new LinkedHashMap<>();
                for (String site : SITES) {
                    JsonObject page = Api.at(url).login("demo-coord-" + site, DEMO_PASSWORD)
                            .get("api/v1/patients?limit=500").json();
                    patients.put(site, page.getJsonArray("items").stream()
                            .map(v -> v.asJsonObject().getString("patient_pseudonym")).toList());
                }
                System.out.println("demo cohort: " + patients.values().stream().mapToInt(List::size).sum() + " patients");

                run(url, patients, 1, Math.min(20, seconds), "warm-up (not reported)");
                int baseSeconds = Math.min(60, seconds);
                Map<String, List<Long>> baseline = run(url, patients, 1, baseSeconds, "baseline: 1 user, " + baseSeconds + " s");
                Map<String, List<Long>> load = run(url, patients, users, seconds, users + " users, " + seconds + " s");
                System.out.println();
                System.out.println("| request | baseline p50 | baseline p95 | load p50 | load p95 | load p99 | load max | load requests |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                for (String kind : load.keySet()) {
                    List<Long> b = baseline.getOrDefault(kind, List.of());
                    List<Long> l = load.get(kind);
                    System.out.printf(Locale.ROOT, "| %s | %d ms | %d ms | %d ms | %d ms | %d ms | %d ms | %d |%n", kind,
                            pct(b, 50), pct(b, 95), pct(l, 50), pct(l, 95), pct(l, 99), pct(l, 100), l.size());
                }
            }
        }
    }

    private static Map<String, List<Long>> run(URL url, Map<String, List<String>> patients, int users, int seconds,
            String title) throws InterruptedException {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicLong rounds = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(users);
        for (int u = 0; u < users; u++) {
            String site = SITES.get(u % SITES.size());
            pool.submit(() -> {
                try {
                    PageClient pages = new PageClient(url).login("demo-coord-" + site, DEMO_PASSWORD);
                    List<String> own = patients.get(site);
                    while (System.nanoTime() < end) {
                        String p = own.get(ThreadLocalRandom.current().nextInt(own.size()));
                        timed(samples, errors, "patient list", () -> pages.get("app/site/patients.xhtml"), 200);
                        timed(samples, errors, "patient page", () -> pages.get("app/site/patient.xhtml?id=" + p), 200);
                        Api.Reply form = timed(samples, errors, "tumour form",
                                () -> pages.get("app/site/record.xhtml?type=tumours&patient=" + p), 200);
                        if (form != null) {
                            Map<String, String> post = new LinkedHashMap<>(PageClient.postbackFields(form));
                            post.putAll(formFields(form.body()));
                            post.put("record", "record");
                            post.put("record:f_histology_notes", "Load test note " + rounds.incrementAndGet());
                            post.put("record:save", "");
                            timed(samples, errors, "save tumour form",
                                    () -> pages.post("app/site/record.xhtml?type=tumours&patient=" + p, post), 302);
                        }
                    }
                } catch (RuntimeException e) {
                    errors.add("user of " + site + ": " + e);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        Map<String, List<Long>> byKind = new LinkedHashMap<>();
        for (Sample s : samples) {
            byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s.nanos());
        }
        byKind.values().forEach(Collections::sort);
        long all = samples.size();
        System.out.printf(Locale.ROOT, "%n%s: %d requests (%.1f per s), %d errors%n", title, all, all / (double) seconds,
                errors.size());
        errors.stream().limit(20).forEach(e -> System.out.println("  error: " + e));
        List<Long> every = new ArrayList<>();
        byKind.values().forEach(every::addAll);
        Collections.sort(every);
        System.out.printf(Locale.ROOT, "  all pages: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", pct(every, 50),
                pct(every, 95), pct(every, 99), pct(every, 100));
        byKind.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-17s n=%6d p50 %5d ms p95 %5d ms p99 %5d ms%n", k,
                v.size(), pct(v, 50), pct(v, 95), pct(v, 99)));
        return byKind;
    }

    private static Api.Reply timed(ConcurrentLinkedQueue<Sample> samples, ConcurrentLinkedQueue<String> errors,
            String kind, java.util.function.Supplier<Api.Reply> request, int expected) {
        long started = System.nanoTime();
        try {
            Api.Reply r = request.get();
            boolean ok = r.status() == expected;
            samples.add(new Sample(kind, System.nanoTime() - started, ok));
            if (!ok) {
                var message = java.util.regex.Pattern.compile("(?:summary|detail)\">([^<]*)<").matcher(r.body());
                errors.add(kind + ": " + r.status() + " " + (message.find() ? message.group(1)
                        : r.body().substring(0, Math.min(300, r.body().length()))));
                return null;
            }
            return r;
        } catch (RuntimeException e) {
            errors.add(kind + ": " + e);
            return null;
        }
    }

    private static final java.util.regex.Pattern INPUT = java.util.regex.Pattern.compile(
            "<input[^>]*name=\"(record:[^\"]+)\"[^>]*>");
    private static final java.util.regex.Pattern SELECT = java.util.regex.Pattern.compile(
            "<select[^>]*name=\"(record:[^\"]+)\"[^>]*>(.*?)</select>", java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern SELECTED = java.util.regex.Pattern.compile(
            "<option[^>]*value=\"([^\"]*)\"[^>]*selected");
    private static final java.util.regex.Pattern TEXTAREA = java.util.regex.Pattern.compile(
            "<textarea[^>]*name=\"(record:[^\"]+)\"[^>]*>(.*?)</textarea>", java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern VALUE = java.util.regex.Pattern.compile("value=\"([^\"]*)\"");

    /** The fields a browser posts with the record form: every input's current value (checked boxes only). */
    private static Map<String, String> formFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        var m = INPUT.matcher(html);
        while (m.find()) {
            String tag = m.group();
            if (tag.contains("type=\"checkbox\"") && !tag.contains("checked")) {
                continue;
            }
            var v = VALUE.matcher(tag);
            fields.put(m.group(1), v.find() ? unescape(v.group(1)) : "");
        }
        m = SELECT.matcher(html);
        while (m.find()) {
            var o = SELECTED.matcher(m.group(2));
            fields.put(m.group(1), o.find() ? unescape(o.group(1)) : "");
        }
        m = TEXTAREA.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), unescape(m.group(2)));
        }
        return fields;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))));
    }
}
