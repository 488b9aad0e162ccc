package org.lmsregistry.web.upload;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.LargeCohort;
import org.lmsregistry.web.testsupport.PayaraProcess;
import org.lmsregistry.web.testsupport.TestBatches;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.lmsregistry.web.testsupport.TestPostgres;

/**
 * Crash safety of uploads: a Payara Micro of its own (not the shared deployment) is killed with
 * SIGKILL in the middle of writing a large batch. Afterwards nothing of the batch exists (no record,
 * no audit event, no upload row), the audit chain is intact, and after a restart the retried upload
 * (same idempotency key) completes exactly once.
 */
@ExtendWith(TestEnvironmentExtension.class)
class CrashSafetyIT {

    private static final String SITE = "CRASH";
    private static final String ADMIN_PASSWORD = "crash-test-admin-password";
    private static final String DATABASE = "crash_safety";

    @Test
    void killedInTheMiddleOfAnUploadLeavesNothingAndTheRetryCompletesOnce() throws Exception {
        TestPostgres postgres = TestPostgres.get();
        DataSource db = postgres.createDatabase(DATABASE);
        Path work = Files.createDirectories(Path.of(System.getProperty("lms.it.workDir", "target/it")).resolve("crash"));
        Path passwordFile = work.resolve("admin-password");
        Files.writeString(passwordFile, ADMIN_PASSWORD + "\n", StandardCharsets.UTF_8);
        List<String> jvm = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dlms.admin.bootstrap-password-file=" + passwordFile);
        Map<String, String> env = Map.of("LMS_DB_URL", postgres.jdbcUrl(DATABASE), "LMS_DB_USER", TestPostgres.APP_ROLE,
                "LMS_DB_PASSWORD", postgres.appPassword());
        RegistryBatch batch = LargeCohort.generate(SITE, 2_400);
        Path zip = TestBatches.zipFile(batch, work.resolve("batch.zip"));
        String key = "crash-batch-1";

        String token;
        try (PayaraProcess payara = PayaraProcess.start(work, jvm, env, Duration.ofMinutes(3))) {
            Api api = Api.at(payara.url());
            Api.Session admin = api.login("admin", ADMIN_PASSWORD);
            // the first administrator of a non-demo registry came from the bootstrap, audited
            assertThat(admin.get("api/v1/me").json().getString("role")).isEqualTo("ADMIN");
            assertThat(count(db, "select count(*) from account")).isEqualTo(1);
            assertThat(admin.get("api/v1/audit?recordType=ACCOUNT").json().getInt("total")).isEqualTo(1);
            assertThat(admin.post("api/v1/sites", Json.createObjectBuilder().add("code", SITE).add("name", "Crash")
                    .add("country", "NL").build().toString()).status()).isEqualTo(201);
            token = admin.post("api/v1/tokens", Json.createObjectBuilder().add("site", SITE).add("label", "etl")
                    .build().toString()).json().getString("token");

            CompletableFuture<Object> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return api.bearer(token).post("api/v1/uploads", "application/zip", zip,
                            Map.of("Idempotency-Key", key));
                } catch (UncheckedIOException expected) {
                    return expected;
                }
            });
            assertThat(awaitCopyInProgress(db, Duration.ofMinutes(2)))
                    .as("the upload reached its write phase").isTrue();
            payara.kill();
            assertThat(upload.get()).as("the client lost its connection").isInstanceOf(UncheckedIOException.class);
        }

        awaitNoApplicationSessions(db, Duration.ofSeconds(60));
        assertThat(count(db, "select count(*) from patient p join site s on s.id = p.site_id where s.code = ?", SITE))
                .isZero();
        assertThat(count(db, "select count(*) from imaging_study x join site s on s.id = x.site_id where s.code = ?",
                SITE)).isZero();
        assertThat(count(db, "select count(*) from upload_batch")).isZero();
        assertThat(count(db, "select count(*) from audit_event where site_code = ? and record_type = 'PATIENT'", SITE))
                .isZero();

        // the admin bootstrap is refused once an administrator exists: another password in the file changes nothing
        Files.writeString(passwordFile, "another-bootstrap-password\n", StandardCharsets.UTF_8);
        try (PayaraProcess payara = PayaraProcess.start(work, jvm, env, Duration.ofMinutes(3))) {
            Api api = Api.at(payara.url());
            assertThat(api.basic("admin", "another-bootstrap-password").get("api/v1/me").status()).isEqualTo(401);
            assertThat(count(db, "select count(*) from account where role = 'ADMIN'")).isEqualTo(1);
            Api.Reply retry = api.bearer(token).post("api/v1/uploads", "application/zip", zip,
                    Map.of("Idempotency-Key", key));
            assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
            assertThat(retry.json().getJsonObject("records").getInt("created")).isEqualTo(batch.size());
            Api.Reply again = api.bearer(token).post("api/v1/uploads", "application/zip", zip,
                    Map.of("Idempotency-Key", key));
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
            assertThat(again.body()).isEqualTo(retry.body());

            assertThat(count(db, "select count(*) from imaging_study x join site s on s.id = x.site_id"
                    + " where s.code = ?", SITE)).isEqualTo(batch.imagingStudies().size());
            assertThat(count(db, "select count(*) from upload_batch")).isEqualTo(1);
            assertThat(count(db, "select count(*) from audit_event where site_code = ? and record_type = 'PATIENT'",
                    SITE)).isEqualTo(batch.patients().size());
            Api.Session admin = api.login("admin", ADMIN_PASSWORD);
            assertThat(admin.get("api/v1/audit/verify").json().getBoolean("intact")).isTrue();
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /** Whether the registry's connection is running a COPY (the write phase of the upload) within the timeout. */
    private static boolean awaitCopyInProgress(DataSource db, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(db, "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and application_name = 'lms-registry-web' and state = 'active' and query ilike 'copy %'") > 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** PostgreSQL notices the dead client and rolls its transaction back; wait for that. */
    private static void awaitNoApplicationSessions(DataSource db, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(db, "select count(*) from pg_stat_activity where datname = current_database()"
                + " and application_name = 'lms-registry-web'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the killed server's database sessions are still there");
            }
            Thread.sleep(100);
        }
    }

    private static long count(DataSource db, String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
