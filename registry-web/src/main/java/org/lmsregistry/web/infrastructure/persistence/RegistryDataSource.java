package org.lmsregistry.web.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * The registry's one database: PostgreSQL 14+, reached through a container-managed pool.
 *
 * <p>Defined in the application (not in the server's domain.xml) so that the same WAR runs on
 * Payara Micro and on Payara Server with nothing but configuration: {@code lms.db.url},
 * {@code lms.db.user} and {@code lms.db.password} come from MicroProfile Config (system
 * properties, or environment variables {@code LMS_DB_URL}, {@code LMS_DB_USER},
 * {@code LMS_DB_PASSWORD}). The definition sits on a startup singleton because Payara processes
 * it reliably there in every container we run in.
 *
 * <p>Connections are validated before use so that a database restart does not leave the pool
 * handing out dead connections.
 */
@DataSourceDefinition(
        name = RegistryDataSource.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=lms.db.url}",
        user = "${MPCONFIG=lms.db.user}",
        password = "${MPCONFIG=lms.db.password}",
        initialPoolSize = 2,
        minPoolSize = 2,
        maxPoolSize = 32,
        maxIdleTime = 300,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
            "fish.payara.validate-atmost-once-period-in-seconds=30",
            // shows up in pg_stat_activity, which helps DBAs tell our sessions from Spark's
            "ApplicationName=lms-registry-web",
            // JDBC batches of inserts become multi-row inserts: several times faster bulk uploads
            "reWriteBatchedInserts=true"
        })
@Singleton
@Startup
public class RegistryDataSource {

    /** JNDI name of the registry database; look it up with {@code @Resource(lookup = ...)}. */
    public static final String JNDI_NAME = "java:app/jdbc/registry";
}
