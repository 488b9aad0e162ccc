package org.lmsregistry.web.demo;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.account.NewAccount;
import org.lmsregistry.web.account.PasswordHashing;
import org.lmsregistry.web.infrastructure.persistence.RegistryDataSource;

/**
 * Demo mode ({@code lms.demo.enabled=true}, off by default): after the migrations, loads the
 * synthetic multi-center cohort and the demo accounts into an empty registry, and logs the
 * accounts. Without demo mode it does nothing at all, so a production registry never gets
 * accounts with a known or logged password.
 *
 * <p>Bean-managed transactions: the loader commits its own single JDBC transaction.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class DemoDataStartup {

    private static final Logger LOG = Logger.getLogger(DemoDataStartup.class.getName());

    @Inject
    @ConfigProperty(name = "lms.demo.enabled", defaultValue = "false")
    boolean enabled;

    /** Fixed by default, so every demo installation shows the same cohort. */
    @Inject
    @ConfigProperty(name = "lms.demo.seed", defaultValue = "20240601")
    long seed;

    /** Five: one site of each of the generator's site archetypes. */
    @Inject
    @ConfigProperty(name = "lms.demo.sites", defaultValue = "5")
    int sites;

    /** In total, split evenly over the sites. */
    @Inject
    @ConfigProperty(name = "lms.demo.patients", defaultValue = "300")
    int patients;

    @Inject
    @ConfigProperty(name = "lms.demo.password")
    Optional<String> configuredPassword;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Resource(lookup = RegistryDataSource.JNDI_NAME)
    DataSource dataSource;

    @PostConstruct
    void onStartup() {
        if (!enabled) {
            return;
        }
        passwordHash.initialize(PasswordHashing.parameters());
        char[] password = configuredPassword.filter(p -> !p.isBlank()).map(String::toCharArray)
                .orElseGet(DemoAccounts::generatePassword);
        try {
            long started = System.nanoTime();
            DemoDataLoader loader = new DemoDataLoader(() -> SyntheticDemoCohort.create(seed, sites, patients),
                    passwordHash::generate);
            Optional<DemoLoadReport> report = loader.loadIfEmpty(dataSource, password);
            if (report.isEmpty()) {
                LOG.info("Demo mode: the registry already has sites, nothing loaded");
                return;
            }
            LOG.log(Level.WARNING, describe(report.get(), password, configuredPassword.isPresent(),
                    (System.nanoTime() - started) / 1_000_000));
        } catch (SQLException e) {
            // a demo that cannot load must not come up half-empty and look like a real registry
            throw new IllegalStateException("Demo mode: loading the demo cohort failed", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Logged as a warning so it stands out: these accounts must never exist in production. */
    private static String describe(DemoLoadReport report, char[] password, boolean configured, long millis) {
        StringBuilder sb = new StringBuilder("Demo mode: loaded the synthetic demo cohort in ").append(millis)
                .append(" ms: ").append(report.sites().size()).append(" sites");
        for (RecordType type : RecordType.values()) {
            sb.append(", ").append(report.recordCounts().getOrDefault(type, 0)).append(' ').append(type.baseName());
        }
        sb.append(". Demo accounts (DEMO ONLY, never enable lms.demo.enabled with real data):");
        for (NewAccount account : report.accounts()) {
            sb.append("\n  ").append(account.username()).append(" (").append(account.role())
                    .append(account.siteCode() != null ? ", site " + account.siteCode() : "").append(')');
        }
        sb.append("\n  password for all: ")
                .append(configured ? "the value of lms.demo.password" : new String(password) + " (generated)");
        return sb.toString();
    }
}
