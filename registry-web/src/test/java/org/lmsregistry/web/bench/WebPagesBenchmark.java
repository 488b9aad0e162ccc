package org.lmsregistry.web.bench;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
        long thinkMillis = Long.getLong("bench.thinkMillis", 0);
        List<Integer> closedUsers = Arrays.stream(System.getProperty("bench.closedUsers", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        int closedSeconds = Integer.getInteger("bench.closedSeconds", 60);
        boolean sql = Boolean.getBoolean("bench.sql");
        System.out.printf(Locale.ROOT, "machine: %d cores, load %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        EmbeddedPostgres.Builder pgBuilder = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD).setPGStartupWait(Duration.ofSeconds(60));
        if (sql) {
            // statement counts and times per query (the zonky binaries ship the extension)
            pgBuilder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        try (EmbeddedPostgres pg = pgBuilder.start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role bench login password 'bench'");
                s.execute("create database bench_web owner bench");
            }
            Map<String, String> env = Map.of("LMS_DB_URL", "jdbc:postgresql://localhost:" + pg.getPort() + "/bench_web",
                    "LMS_DB_USER", "bench", "LMS_DB_PASSWORD", "bench");
            List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-Dlms.demo.enabled=true",
                    "-Dlms.demo.password=" + DEMO_PASSWORD));
            if (Boolean.getBoolean("bench.jfr")) {
                // sampling profile of the registry's JVM, for "jfr print --events jdk.ExecutionSample"
                jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                        + work.resolve("payara.jfr").toAbsolutePath());
            }
            List<String> preboot = new ArrayList<>();
            Integer httpThreads = Integer.getInteger("bench.httpThreads");
            if (httpThreads != null) {
                // fewer request threads than users: requests queue in arrival order instead of all
                // sharing the two cores (and lock holders being descheduled)
                preboot.add("set configs.config.server-config.thread-pools.thread-pool.http-thread-pool"
                        + ".max-thread-pool-size=" + httpThreads);
                preboot.add("set configs.config.server-config.thread-pools.thread-pool.http-thread-pool"
                        + ".min-thread-pool-size=" + Math.min(httpThreads, 2));
            }
            System.out.println("http request threads: " + (httpThreads == null ? "Payara's default" : httpThreads));
            try (PayaraProcess payara = PayaraProcess.start(work, jvm, env, Duration.ofMinutes(5), preboot)) {
                URL url = payara.url();
                Map<String, List<String>> patients = new LinkedHashMap<>();
                for (String site : SITES) {
                    JsonObject page = Api.at(url).login("demo-coord-" + site, DEMO_PASSWORD)
                            .get("api/v1/patients?limit=500").json();
                    patients.put(site, page.getJsonArray("items").stream()
                            .map(v -> v.asJsonObject().getString("patient_pseudonym")).toList());
                }
                System.out.println("demo cohort: " + patients.values().stream().mapToInt(List::size).sum() + " patients");

                run(url, patients, 1, Math.min(20, seconds), 0, "warm-up (not reported)");
                int baseSeconds = Math.min(60, seconds);
                Map<String, List<Long>> baseline = run(url, patients, 1, baseSeconds, 0,
                        "baseline: 1 user without think time, " + baseSeconds + " s");
                if (sql) {
                    resetStatements(pg);
                }
                Map<String, List<Long>> load = run(url, patients, users, seconds, thinkMillis, users + " users, "
                        + seconds + " s, " + (thinkMillis > 0 ? "think time uniform " + thinkMillis / 2 + "-"
                                + thinkMillis * 3 / 2 + " ms" : "no think time"));
                if (sql) {
                    printStatements(pg);
                    explain(pg, patients.get(SITES.get(0)).get(0));
                }
                System.out.println();
                System.out.println("| request | baseline p50 | baseline p95 | load p50 | load p95 | load p99 | load max | load requests |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                for (String kind : load.keySet()) {
                    List<Long> b = baseline.getOrDefault(kind, List.of());
                    List<Long> l = load.get(kind);
                    System.out.printf(Locale.ROOT, "| %s | %d ms | %d ms | %d ms | %d ms | %d ms | %d ms | %d |%n", kind,
                            pct(b, 50), pct(b, 95), pct(l, 50), pct(l, 95), pct(l, 99), pct(l, 100), l.size());
                }
                // throughput capacity: closed loops (no think time) of growing size, each after the other
                for (int n : closedUsers) {
                    run(url, patients, n, closedSeconds, 0, "closed loop: " + n + " users without think time, "
                            + closedSeconds + " s");
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nmachine load at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static void resetStatements(EmbeddedPostgres pg) throws java.sql.SQLException {
        try (Connection c = pg.getDatabase("postgres", "bench_web").getConnection(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /** Query plans of the patient list (page and count, as the repository asks) and of one patient's exams. */
    private static void explain(EmbeddedPostgres pg, String pseudonym) throws java.sql.SQLException {
        String site = "(select site_id from patient where patient_pseudonym = '" + pseudonym + "')";
        List<String> queries = List.of(
                "select p.*, t.* from patient p join site s on s.id = p.site_id left join tumour t on t.patient_id = p.id"
                        + " where p.site_id in " + site + " order by s.code, p.patient_pseudonym limit 25",
                "select count(p.id) from patient p left join tumour t on t.patient_id = p.id where p.site_id in " + site,
                "select p.patient_pseudonym, x.* from imaging_study x join patient p on p.id = x.patient_id"
                        + " where x.site_id = " + site + " and p.patient_pseudonym = any (array['" + pseudonym
                        + "']) order by x.id");
        try (Connection c = pg.getDatabase("postgres", "bench_web").getConnection(); Statement s = c.createStatement()) {
            for (String q : queries) {
                System.out.println();
                System.out.println("explain analyze: " + q.replace(pseudonym, "<pseudonym>"));
                try (var rs = s.executeQuery("explain (analyze, buffers) " + q)) {
                    while (rs.next()) {
                        System.out.println("  " + rs.getString(1));
                    }
                }
            }
        }
    }

    /** The statements of the load run, most called first (per round: calls divided by the saves). */
    private static void printStatements(EmbeddedPostgres pg) throws java.sql.SQLException {
        try (Connection c = pg.getDatabase("postgres", "bench_web").getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("select calls, total_exec_time, rows, query from pg_stat_statements"
                        + " where query not like '%pg_stat_statements%' order by calls desc limit 40")) {
            System.out.println();
            System.out.println("statements of the load run (pg_stat_statements): calls, total ms, rows, query");
            while (rs.next()) {
                String q = rs.getString(4).replaceAll("\\s+", " ");
                System.out.printf(Locale.ROOT, "  %8d %10.0f %9d  %s%n", rs.getLong(1), rs.getDouble(2), rs.getLong(3),
                        q.length() > 220 ? q.substring(0, 220) + "..." : q);
            }
        }
    }

    /**
     * @param thinkMillis mean pause after each page before the next request (uniform between half and
     *                    one and a half times it; 0 = back to back, a closed loop)
     */
    private static Map<String, List<Long>> run(URL url, Map<String, List<String>> patients, int users, int seconds,
            long thinkMillis, String title) throws InterruptedException {
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
                    if (thinkMillis > 0) {
                        // users arrive spread over one think time, not all in the same millisecond
                        think(thinkMillis);
                    }
                    while (System.nanoTime() < end) {
                        String p = own.get(ThreadLocalRandom.current().nextInt(own.size()));
                        timed(samples, errors, "patient list", () -> pages.get("app/site/patients.xhtml"), 200);
                        think(thinkMillis);
                        timed(samples, errors, "patient page", () -> pages.get("app/site/patient.xhtml?id=" + p), 200);
                        think(thinkMillis);
                        Api.Reply form = timed(samples, errors, "tumour form",
                                () -> pages.get("app/site/record.xhtml?type=tumours&patient=" + p), 200);
                        think(thinkMillis);
                        if (form != null) {
                            Map<String, String> post = new LinkedHashMap<>(PageClient.postbackFields(form));
                            post.putAll(formFields(form.body()));
                            post.put("record", "record");
                            post.put("record:f_histology_notes", "Load test note " + rounds.incrementAndGet());
                            post.put("record:save", "");
                            timed(samples, errors, "save tumour form",
                                    () -> pages.post("app/site/record.xhtml?type=tumours&patient=" + p, post), 302);
                            think(thinkMillis);
                        }
                    }
                } catch (RuntimeException e) {
                    errors.add("user of " + site + ": " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
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

    /** A person reading the page: uniform between half and one and a half times the mean. */
    private static void think(long meanMillis) throws InterruptedException {
        if (meanMillis > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(meanMillis / 2, meanMillis * 3 / 2 + 1));
        }
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
