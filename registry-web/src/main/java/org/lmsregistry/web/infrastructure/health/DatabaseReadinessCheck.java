package org.lmsregistry.web.infrastructure.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.lmsregistry.web.infrastructure.persistence.RegistryDataSource;

/**
 * Ready means: a pooled connection works and the schema has been migrated. Both are checked with
 * a real query, so a load balancer or the local launcher never sends users to an instance that
 * cannot reach its database.
 *
 * <p>On failure the response carries only the SQLState; the full error goes to the server log,
 * because health endpoints are usually reachable without authentication.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    static final String NAME = "database";

    private static final Logger LOG = Logger.getLogger(DatabaseReadinessCheck.class.getName());
    private static final int QUERY_TIMEOUT_SECONDS = 5;
    private static final String SCHEMA_VERSION_SQL =
            "select version from flyway_schema_history where success and version is not null"
                    + " order by installed_rank desc limit 1";

    @Resource(lookup = RegistryDataSource.JNDI_NAME)
    private DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery(SCHEMA_VERSION_SQL)) {
                if (!rs.next()) {
                    return response.down().withData("reason", "schema not migrated").build();
                }
                return response.up().withData("schemaVersion", rs.getString(1)).build();
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Database readiness check failed", e);
            return response.down().withData("sqlState", String.valueOf(e.getSQLState())).build();
        }
    }
}
