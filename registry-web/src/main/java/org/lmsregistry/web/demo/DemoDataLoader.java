package org.lmsregistry.web.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.account.AccountWriter;
import org.lmsregistry.web.account.NewAccount;
import org.lmsregistry.web.account.PasswordEncoder;
import org.lmsregistry.web.records.RegistryBatchWriter;

/**
 * Fills an empty registry with the synthetic demo cohort and the demo accounts, in one
 * transaction: either everything is there afterwards or nothing is.
 *
 * <p>"Empty" means no site at all, so a registry that holds real sites is never touched, and a
 * restart of a demo installation does not load a second cohort. A transaction-scoped advisory
 * lock serialises instances that start at the same time against one database.
 */
public final class DemoDataLoader {

    /** Arbitrary application-wide key of the advisory lock ("LMSDEMO" in ASCII). */
    private static final long LOCK_KEY = 0x4C4D5344454D4FL;

    private final Supplier<DemoCohort> cohort;
    private final PasswordEncoder encoder;

    /**
     * @param cohort called only when the database is empty (generating the cohort is not free)
     * @param encoder hashes the demo password for each account
     */
    public DemoDataLoader(Supplier<DemoCohort> cohort, PasswordEncoder encoder) {
        this.cohort = Objects.requireNonNull(cohort);
        this.encoder = Objects.requireNonNull(encoder);
    }

    /**
     * Loads the demo data if the registry has no site yet.
     *
     * @param password the password of every demo account
     * @return what was loaded, or empty if the registry already had sites
     */
    public Optional<DemoLoadReport> loadIfEmpty(DataSource dataSource, char[] password) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                lock(connection);
                if (hasSites(connection)) {
                    connection.rollback();
                    return Optional.empty();
                }
                DemoCohort demo = cohort.get();
                insertSites(connection, demo.sites());
                Map<RecordType, Integer> counts = new RegistryBatchWriter().insert(connection, demo.records());
                List<NewAccount> accounts = DemoAccounts.forSites(demo.sites());
                AccountWriter accountWriter = new AccountWriter(encoder);
                for (NewAccount account : accounts) {
                    accountWriter.insert(connection, account, password);
                }
                connection.commit();
                return Optional.of(new DemoLoadReport(demo.sites(), counts, accounts));
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
    }

    private static boolean hasSites(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select exists (select 1 from site)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void insertSites(Connection connection, List<DemoSite> sites) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into site (code, name, country) values (?, ?, ?)")) {
            for (DemoSite site : sites) {
                insert.setString(1, site.code());
                insert.setString(2, site.name());
                insert.setString(3, site.country());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
