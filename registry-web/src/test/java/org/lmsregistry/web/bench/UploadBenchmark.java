package org.lmsregistry.web.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.web.audit.Actor;
import org.lmsregistry.web.audit.AuditAction;
import org.lmsregistry.web.audit.AuditEntry;
import org.lmsregistry.web.audit.AuditTrail;
import org.lmsregistry.web.infrastructure.persistence.DatabaseMigrations;
import org.lmsregistry.web.records.RecordJson;
import org.lmsregistry.web.records.RecordTables;
import org.lmsregistry.web.records.RegistryBatchWriter;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.LargeCohort;
import org.lmsregistry.web.testsupport.PayaraProcess;
import org.lmsregistry.web.testsupport.TestBatches;
import org.postgresql.PGConnection;

/**
 * Upload throughput through the API (validation and audit on) against a plain PostgreSQL COPY of
 * the same rows into the same table, in one run on one PostgreSQL server. Not a test: run it with
 * {@code ./mvnw -B -pl registry-web -am verify -DskipTests -Pbench} (see docs/benchmarks.md).
 *
 * <p>Scenario "exam rows": a site's patients, tumours, biopsies and treatments are stored first;
 * then 101,127 imaging studies (exam rows) arrive: as one CSV upload through the API (validated
 * against the stored records, audited, warnings raised as data queries) and as one COPY into
 * imaging_study in a second database with the same schema and the same stored records. Scenario
 * "whole cohort": all 154,325 records of 4,800 patients, one zip upload vs COPY into all eight
 * tables.
 */
public final class UploadBenchmark {

    private static final String SITE = "BENCH";
    private static final String SITE_FULL = "BENCHALL";
    private static final String ADMIN_PASSWORD = "benchmark-admin-password";

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench"));
        int patients = args.length > 1 ? Integer.parseInt(args[1]) : LargeCohort.PATIENTS;
        System.out.printf(Locale.ROOT, "machine: %d cores, load %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setOutputRedirector(Redirect.DISCARD)
                .setErrorRedirector(Redirect.DISCARD).setPGStartupWait(Duration.ofSeconds(60)).start()) {
            String password = "bench";
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role bench login password '" + password + "'");
                s.execute("create database bench_api owner bench");
                s.execute("create database bench_copy owner bench");
                // the exam COPY again after the API run: the load of a shared machine changes within minutes
                s.execute("create database bench_copy_after owner bench");
                System.out.println("postgres: " + one(c, "select version()"));
                System.out.println("fsync=" + one(c, "show fsync") + " synchronous_commit="
                        + one(c, "show synchronous_commit") + " shared_buffers=" + one(c, "show shared_buffers"));
            }
            DataSource copyDb = pg.getDatabase("bench", "bench_copy");
            DatabaseMigrations.migrate(copyDb, UploadBenchmark.class.getClassLoader());

            RegistryBatch exams = LargeCohort.generate(SITE, patients);
            RegistryBatch full = LargeCohort.generate(SITE_FULL, patients);
            RegistryBatch before = only(exams, RecordType.PATIENT, RecordType.TUMOUR, RecordType.BIOPSY,
                    RecordType.TREATMENT);
            List<? extends RegistryRecord> studies = exams.imagingStudies();
            System.out.printf(Locale.ROOT, "data: %d patients, %d exam rows; whole cohort %d records%n", patients,
                    studies.size(), full.size());

            // --- COPY baseline ---------------------------------------------------------------------
            double copyExams;
            double copyFull;
            try (Connection c = copyDb.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("insert into site (code, name, country) values ('" + SITE + "', 'b', 'NL'), ('"
                            + SITE_FULL + "', 'b', 'NL')");
                }
                c.setAutoCommit(false);
                new RegistryBatchWriter().insert(c, before);
                c.commit();
                byte[] text = copyText(c, SITE, RecordType.IMAGING_STUDY, studies);
                copyExams = timeCopy(c, RecordType.IMAGING_STUDY, text);
                c.commit();
                System.out.println("collation: " + one(c, "select datcollate from pg_database where datname = current_database()"));
                // diagnostics: what the audit trail alone costs for these rows (hashing, JSON, COPY)
                long auditStarted = System.nanoTime();
                try (AuditTrail.Appender audit = AuditTrail.open(c, Actor.system("benchmark"))) {
                    for (RegistryRecord r : studies) {
                        audit.append(new AuditEntry(SITE, "IMAGING_STUDY", r.naturalKey(), AuditAction.CREATE, null,
                                RecordJson.canonical(r), 1L));
                    }
                    audit.finish();
                }
                c.commit();
                System.out.printf(Locale.ROOT, "diagnostics: audit trail alone for %d events: %.2f s%n", studies.size(),
                        (System.nanoTime() - auditStarted) / 1e9);
                if (Boolean.getBoolean("bench.diagnostics")) {
                    diagnoseAudit(c, studies);
                }
                // whole cohort: patients get their ids from the sequence first, as a loader would
                long started = System.nanoTime();
                double busy = 0;
                Map<String, Long> ids = patientIds(c, full.patients());
                for (RecordType t : RecordType.values()) {
                    byte[] rows = copyText(c, SITE_FULL, t, full.records(t), ids);
                    busy += timeCopy(c, t, rows);
                }
                c.commit();
                copyFull = busy;
                System.out.printf(Locale.ROOT, "COPY whole cohort: %.2f s in COPY (%.2f s with preparing the text)%n",
                        copyFull, (System.nanoTime() - started) / 1e9);
            }

            // --- through the API ---------------------------------------------------------------------
            Path passwordFile = work.resolve("admin-password");
            Files.writeString(passwordFile, ADMIN_PASSWORD + "\n");
            Map<String, String> env = Map.of("LMS_DB_URL", "jdbc:postgresql://localhost:" + pg.getPort() + "/bench_api",
                    "LMS_DB_USER", "bench", "LMS_DB_PASSWORD", password);
            List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx2g",
                    "-Dlms.admin.bootstrap-password-file=" + passwordFile));
            if (Boolean.getBoolean("bench.jfr")) {
                // sampling profile of the registry's JVM, for "jfr print --events jdk.ExecutionSample"
                jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                        + work.resolve("payara.jfr").toAbsolutePath());
            }
            double apiExams;
            double apiFull;
            try (PayaraProcess payara = PayaraProcess.start(work, jvm, env, Duration.ofMinutes(3))) {
                Api api = Api.at(payara.url());
                Api.Session admin = api.login("admin", ADMIN_PASSWORD);
                for (String code : List.of(SITE, SITE_FULL, "WARMUP")) {
                    admin.post("api/v1/sites", Json.createObjectBuilder().add("code", code).add("name", "b")
                            .add("country", "NL").build().toString());
                }
                Api.Session etl = api.bearer(token(admin, SITE));
                Api.Session etlFull = api.bearer(token(admin, SITE_FULL));
                Api.Session warm = api.bearer(token(admin, "WARMUP"));

                // warm up the JIT with a smaller cohort of another site (not timed)
                RegistryBatch warmup = LargeCohort.generate("WARMUP", Math.max(100, patients / 4));
                expect(warm.post("api/v1/uploads", "application/zip", TestBatches.zip(warmup), Map.of()), 201);
                expect(etl.post("api/v1/uploads", "application/zip", TestBatches.zip(before), Map.of()), 201);

                byte[] csv = TestBatches.csv(RecordType.IMAGING_STUDY, studies);
                long started = System.nanoTime();
                Api.Reply r = etl.post("api/v1/uploads?type=imaging_studies", "text/csv", csv,
                        Map.of("Idempotency-Key", "bench-exams"));
                apiExams = (System.nanoTime() - started) / 1e9;
                expect(r, 201);
                System.out.println("API exam upload answer: " + r.json().getJsonObject("records") + ", warnings "
                        + r.json().getInt("warnings"));

                Path zip = TestBatches.zipFile(full, work.resolve("full.zip"));
                started = System.nanoTime();
                r = etlFull.post("api/v1/uploads", "application/zip", zip, Map.of("Idempotency-Key", "bench-full"));
                apiFull = (System.nanoTime() - started) / 1e9;
                expect(r, 201);
                System.out.println("API whole-cohort upload answer: " + r.json().getJsonObject("records"));
                Files.deleteIfExists(zip);
                for (String line : Files.readAllLines(payara.log())) {
                    if ((line.contains("upload ") && line.contains(" created, ")) || line.contains("] parsed ")) {
                        System.out.println("  server: " + line.substring(line.lastIndexOf("] ") + 2));
                    }
                }
            }

            double copyExamsAfter;
            DataSource copyAfterDb = pg.getDatabase("bench", "bench_copy_after");
            DatabaseMigrations.migrate(copyAfterDb, UploadBenchmark.class.getClassLoader());
            try (Connection c = copyAfterDb.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("insert into site (code, name, country) values ('" + SITE + "', 'b', 'NL')");
                }
                c.setAutoCommit(false);
                new RegistryBatchWriter().insert(c, before);
                c.commit();
                byte[] text = copyText(c, SITE, RecordType.IMAGING_STUDY, studies);
                copyExamsAfter = timeCopy(c, RecordType.IMAGING_STUDY, text);
                c.commit();
            }
            System.out.printf(Locale.ROOT, "COPY exam rows before the API run %.2f s, after it %.2f s%n", copyExams,
                    copyExamsAfter);

            System.out.println();
            report("exam rows (imaging_studies.csv)", studies.size(), apiExams, copyExams);
            report("exam rows, COPY after the API run", studies.size(), apiExams, copyExamsAfter);
            report("whole cohort (zip, 8 files)", full.size(), apiFull, copyFull);
        }
    }

    /** Where the audit trail's time goes: Java (canonical JSON, SHA-256) vs PostgreSQL (COPY, indexes). */
    private static void diagnoseAudit(Connection c, List<? extends RegistryRecord> studies) throws Exception {
        long t0 = System.nanoTime();
        long bytes = 0;
        for (RegistryRecord r : studies) {
            String json = RecordJson.canonical(r);
            bytes += json.length();
            org.lmsregistry.web.security.ApiTokens.sha256Hex(json.getBytes(StandardCharsets.UTF_8));
        }
        System.out.printf(Locale.ROOT, "diagnostics: canonical JSON + SHA-256 in Java: %.2f s (%d MB of JSON)%n",
                (System.nanoTime() - t0) / 1e9, bytes >> 20);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy audit_event to stdout", out);
        byte[] text = out.toByteArray();
        Map<String, String> variants = new java.util.LinkedHashMap<>();
        variants.put("audit_full", "create table audit_full (like audit_event including all)");
        variants.put("audit_bare", "create table audit_bare (like audit_event)");
        variants.put("audit_checks", "create table audit_checks (like audit_event including constraints)");
        variants.put("audit_pk_seq", "create table audit_pk_seq (like audit_event);"
                + " alter table audit_pk_seq add primary key (seq)");
        variants.put("audit_site_ix", "create table audit_site_ix (like audit_event); create index on audit_site_ix (site_code, seq)");
        variants.put("audit_key_btree", "create table audit_key_btree (like audit_event);"
                + " create index on audit_key_btree (record_type, record_key)");
        variants.put("audit_key_hash", "create table audit_key_hash (like audit_event);"
                + " create index on audit_key_hash using hash (record_key)");
        try (Statement s = c.createStatement()) {
            for (String ddl : variants.values()) {
                s.execute(ddl);
            }
        }
        for (String table : variants.keySet()) {
            long t = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " from stdin", new ByteArrayInputStream(text));
            System.out.printf(Locale.ROOT, "diagnostics: COPY of the same %d MB of audit rows into %s: %.2f s%n",
                    text.length >> 20, table, (System.nanoTime() - t) / 1e9);
        }
        c.commit();
    }

    private static void report(String what, int rows, double api, double copy) {
        System.out.printf(Locale.ROOT, "%-34s %,8d rows | API %6.2f s = %,9.0f rows/s | COPY %6.2f s = %,9.0f rows/s"
                + " | API/COPY = %.2f%n", what, rows, api, rows / api, copy, rows / copy, copy / api);
    }

    private static void expect(Api.Reply r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + r);
        }
    }

    private static String token(Api.Session admin, String site) {
        Api.Reply r = admin.post("api/v1/tokens", Json.createObjectBuilder().add("site", site).add("label", "bench")
                .build().toString());
        expect(r, 201);
        return r.json().getString("token");
    }

    private static RegistryBatch only(RegistryBatch batch, RecordType... types) {
        RegistryBatch.Builder b = new RegistryBatch.Builder();
        for (RecordType t : types) {
            b.addAll(batch.records(t));
        }
        return b.build();
    }

    private static double timeCopy(Connection c, RecordType type, byte[] text) throws Exception {
        String columns = String.join(", ", columns(type));
        long started = System.nanoTime();
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + RecordTables.table(type) + " (" + columns
                + ") from stdin", new ByteArrayInputStream(text));
        return (System.nanoTime() - started) / 1e9;
    }

    private static List<String> columns(RecordType type) {
        List<String> columns = new ArrayList<>();
        if (type == RecordType.PATIENT) {
            columns.add("id");
        }
        columns.add("site_id");
        if (type != RecordType.PATIENT) {
            columns.add("patient_id");
        }
        RecordTables.valueFields(type).forEach(f -> columns.add(RecordTables.column(type, f)));
        return columns;
    }

    private static byte[] copyText(Connection c, String site, RecordType type, List<? extends RegistryRecord> records)
            throws Exception {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select p.patient_pseudonym, p.id from patient p"
                + " join site s on s.id = p.site_id where s.code = ?")) {
            s.setString(1, site);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return copyText(c, site, type, records, ids);
    }

    private static Map<String, Long> patientIds(Connection c, List<? extends RegistryRecord> patients)
            throws Exception {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "select nextval(pg_get_serial_sequence('patient', 'id')) from generate_series(1, ?)")) {
            s.setInt(1, patients.size());
            try (ResultSet rs = s.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    ids.put(patients.get(i++).patientPseudonym(), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The records as COPY text format rows, with site and patient ids resolved. */
    @SuppressWarnings("unchecked")
    private static byte[] copyText(Connection c, String site, RecordType type, List<? extends RegistryRecord> records,
            Map<String, Long> patientIds) throws Exception {
        long siteId = Long.parseLong(one(c, "select id from site where code = '" + site + "'"));
        StringBuilder b = new StringBuilder(records.size() * 200);
        for (RegistryRecord r : records) {
            long patientId = patientIds.get(r.patientPseudonym());
            if (type == RecordType.PATIENT) {
                b.append(patientId).append('\t');
            }
            b.append(siteId);
            if (type != RecordType.PATIENT) {
                b.append('\t').append(patientId);
            }
            for (FieldSpec<?> f : RecordTables.valueFields(type)) {
                Object v = ((FieldSpec<RegistryRecord>) f).valueOf(r);
                b.append('\t');
                if (v == null) {
                    b.append("\\N");
                } else if (v instanceof Boolean bool) {
                    b.append(bool ? 't' : 'f');
                } else if (v instanceof Enum<?> e) {
                    b.append(e.name());
                } else if (v instanceof java.util.Collection<?> codes) {
                    b.append('{');
                    boolean first = true;
                    for (Object code : codes) {
                        b.append(first ? "" : ",").append(((Enum<?>) code).name());
                        first = false;
                    }
                    b.append('}');
                } else {
                    b.append(v.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
                }
            }
            b.append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String one(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
