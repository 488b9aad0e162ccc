package org.lmsregistry.web.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.lmsregistry.web.infrastructure.persistence.migration.V3__tumour_effective_grade;

/**
 * Brings the database schema to the version this build expects, before anything else uses it.
 *
 * <p>The schema is owned by Flyway ({@code src/main/resources/db/migration}, plus the Java migrations
 * of the {@code migration} package); JPA never generates
 * DDL. Bean-managed transactions because Flyway commits each migration itself and must not run
 * inside a container JTA transaction. Flyway takes a PostgreSQL advisory lock, so several
 * instances starting at once against one database migrate it exactly once. A failed migration
 * fails the deployment: an application on a half-migrated schema must not serve requests.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrations {

    static final String LOCATION = "classpath:db/migration";

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = RegistryDataSource.JNDI_NAME)
    private DataSource dataSource;

    // not named migrate: the EJB container finds lifecycle callbacks by name, overloads confuse it
    @PostConstruct
    void onStartup() {
        MigrateResult result = migrate(dataSource, DatabaseMigrations.class.getClassLoader());
        LOG.log(Level.INFO, "Database schema at version {0} ({1} migration(s) applied now)",
                new Object[] {result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                        result.migrationsExecuted});
    }

    /**
     * Runs the registry's migrations against {@code dataSource}; also used by tests and tools that
     * need the real schema without a container.
     */
    public static MigrateResult migrate(DataSource dataSource, ClassLoader classLoader) {
        return configuration(dataSource, classLoader).load().migrate();
    }

    /** The registry's Flyway configuration (tests use it to stop at an older version). */
    public static FluentConfiguration configuration(DataSource dataSource, ClassLoader classLoader) {
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(LOCATION)
                // Java migrations (they need the model) are listed here rather than found by a
                // class path scan, which depends on the container's class loader
                .javaMigrations(new V3__tumour_effective_grade())
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                // never let a misconfigured environment wipe the registry
                .cleanDisabled(true);
    }
}
