package org.lmsregistry.web.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.account.PasswordEncoder;
import org.lmsregistry.web.infrastructure.persistence.DatabaseMigrations;
import org.lmsregistry.web.testsupport.SampleRecords;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.lmsregistry.web.testsupport.TestPostgres;

/**
 * The demo loader's rules, against the real schema without a container: it fills an empty
 * registry once, all or nothing, and never touches a registry that has sites. (Real PBKDF2 hashes
 * and the real synthetic cohort are checked in the deployed application, {@code DemoModeIT}.)
 */
@ExtendWith(TestEnvironmentExtension.class)
class DemoDataLoaderIT {

    /** Stands in for Pbkdf2PasswordHash: same shape (the schema checks it), no cost. */
    private static final PasswordEncoder FAST_ENCODER = password -> "PBKDF2WithHmacSHA512:1:c2FsdA==:"
            + Base64.getEncoder().encodeToString(new String(password).getBytes(StandardCharsets.UTF_8));

    private static final List<DemoSite> SITES = List.of(new DemoSite("AMS", "Demo site Amsterdam", "NL"),
            new DemoSite("BCN", "Demo site Barcelona", "ES"));

    private DataSource db;
    private final AtomicInteger cohortsMade = new AtomicInteger();
    private final Supplier<DemoCohort> cohort = () -> {
        cohortsMade.incrementAndGet();
        return new DemoCohort(SITES, SampleRecords.batch());
    };

    @BeforeEach
    void freshDatabase() {
        db = TestPostgres.get().createDatabase("demo_loader");
        DatabaseMigrations.migrate(db, getClass().getClassLoader());
    }

    @Test
    void fillsAnEmptyRegistryWithTheCohortAndTheDemoAccounts() throws SQLException {
        DemoLoadReport report = new DemoDataLoader(cohort, FAST_ENCODER).loadIfEmpty(db, "secret-1".toCharArray())
                .orElseThrow();

        assertThat(report.recordCounts()).isEqualTo(SampleRecords.batch().counts());
        assertThat(query("select code || ' ' || name || ' ' || country from site order by code"))
                .containsExactly("AMS Demo site Amsterdam NL", "BCN Demo site Barcelona ES");
        assertThat(query("select count(*) from patient")).containsExactly("2");
        assertThat(query("select count(*) from outcome_event")).containsExactly(
                Integer.toString(report.recordCounts().get(RecordType.OUTCOME_EVENT)));
        assertThat(query("select a.username || ' ' || a.role || ' ' || coalesce(s.code, '-') from account a"
                + " left join site s on s.id = a.site_id order by a.username"))
                .containsExactly("demo-admin ADMIN -", "demo-coord-ams COORDINATOR AMS",
                        "demo-coord-bcn COORDINATOR BCN", "demo-statistician STATISTICIAN -");
        assertThat(query("select distinct password_hash from account"))
                .containsExactly(FAST_ENCODER.encode("secret-1".toCharArray()));
    }

    @Test
    void theSyntheticDemoCohortFitsTheSchema() throws SQLException {
        DemoCohort synthetic = SyntheticDemoCohort.create(20240601L, 5, 300);

        DemoLoadReport report = new DemoDataLoader(() -> synthetic, FAST_ENCODER).loadIfEmpty(db, "x".toCharArray())
                .orElseThrow();

        assertThat(report.sites()).hasSize(5);
        assertThat(report.recordCounts()).isEqualTo(synthetic.records().counts());
        assertThat(query("select count(*) from patient")).containsExactly("300");
        assertThat(query("select count(*) from account")).containsExactly("7");
    }

    @Test
    void loadsOnlyOnce() throws SQLException {
        DemoDataLoader loader = new DemoDataLoader(cohort, FAST_ENCODER);
        assertThat(loader.loadIfEmpty(db, "secret-1".toCharArray())).isPresent();

        assertThat(loader.loadIfEmpty(db, "secret-2".toCharArray())).isEmpty();

        assertThat(cohortsMade).as("no cohort generated for a registry that has data").hasValue(1);
        assertThat(query("select count(*) from patient")).containsExactly("2");
        assertThat(query("select count(*) from account")).containsExactly("4");
    }

    @Test
    void neverTouchesARegistryThatHasSites() throws SQLException {
        execute("insert into site (code, name, country) values ('REAL', 'A real site', 'FR')");

        assertThat(new DemoDataLoader(cohort, FAST_ENCODER).loadIfEmpty(db, "x".toCharArray())).isEmpty();

        assertThat(cohortsMade).hasValue(0);
        assertThat(query("select count(*) from account")).containsExactly("0");
    }

    @Test
    void aFailureLeavesNothingBehind() throws SQLException {
        PasswordEncoder failing = password -> {
            throw new IllegalStateException("hashing failed");
        };

        assertThatThrownBy(() -> new DemoDataLoader(cohort, failing).loadIfEmpty(db, "x".toCharArray()))
                .hasMessage("hashing failed");

        assertThat(query("select (select count(*) from site) + (select count(*) from patient)"
                + " + (select count(*) from imaging_study) + (select count(*) from account)")).containsExactly("0");
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
