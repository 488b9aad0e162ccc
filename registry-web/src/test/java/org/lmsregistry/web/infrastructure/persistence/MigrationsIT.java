package org.lmsregistry.web.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lmsregistry.web.testsupport.RegistryIT;

/** Runs inside Payara: Flyway migrated the registry's database during deployment. */
@RegistryIT
class MigrationsIT {

    @Resource(lookup = RegistryDataSource.JNDI_NAME)
    private DataSource dataSource;

    @Test
    void flywayCreatedTheRegistryTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name from information_schema.tables"
                        + " where table_schema = current_schema() and table_type = 'BASE TABLE'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("flyway_schema_history", "site", "account", "patient", "tumour", "biopsy",
                "imaging_study", "imaging_features", "radiomics_value", "treatment", "outcome_event");
    }

    @Test
    void everyMigrationSucceeded() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), count(*) filter (where not success)"
                        + " from flyway_schema_history where version is not null")) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
            assertThat(rs.getInt(2)).isZero();
        }
    }
}
