package org.lmsregistry.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.account.PasswordHashing;
import org.lmsregistry.web.infrastructure.persistence.RegistryDataSource;
import org.lmsregistry.web.records.RecordTables;
import org.lmsregistry.web.testsupport.RegistryIT;

/**
 * Runs inside Payara: the shared test deployment starts in demo mode (arquillian.xml), so at
 * deployment the synthetic cohort and the demo accounts were loaded, with real PBKDF2 hashes.
 */
@RegistryIT
class DemoModeIT {

    @Resource(lookup = RegistryDataSource.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private Pbkdf2PasswordHash passwordHash;

    @Test
    void theSyntheticMultiCenterCohortIsLoaded() throws SQLException {
        // other test classes share this deployment and add sites of their own (never of country ZZ)
        List<String> sites = column("select code from site where country = 'ZZ' order by code");
        assertThat(sites).hasSizeGreaterThanOrEqualTo(3);
        assertThat(column("select count(distinct site_id) from patient where site_id in (select id from site"
                + " where country = 'ZZ')")).containsExactly(Integer.toString(sites.size()));
        assertThat(Integer.parseInt(column("select count(*) from patient where site_id in (select id from site"
                + " where country = 'ZZ')").get(0))).isBetween(100, 2000);
        for (RecordType type : RecordType.values()) {
            assertThat(Integer.parseInt(column("select count(*) from " + RecordTables.table(type)).get(0)))
                    .as(type.label()).isPositive();
        }
    }

    @Test
    void demoAccountsExistForEveryRoleAndSiteWithWorkingPasswordHashes() throws SQLException {
        Map<String, String> hashes = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select username, password_hash from account where username like 'demo-%'"
                        + " order by username")) {
            while (rs.next()) {
                hashes.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> expected = new ArrayList<>(List.of(DemoAccounts.ADMIN, DemoAccounts.STATISTICIAN));
        column("select code from site where country = 'ZZ'").forEach(code -> expected.add(DemoAccounts.coordinator(code)));
        assertThat(hashes.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(column("select count(*) from account a join site s on s.id = a.site_id"
                + " where a.role = 'COORDINATOR' and a.username = 'demo-coord-' || lower(s.code)"))
                .containsExactly(Integer.toString(expected.size() - 2));

        assertThat(hashes.values()).allSatisfy(hash -> assertThat(hash).startsWith("PBKDF2WithHmacSHA512:210000:"))
                .doesNotHaveDuplicates();
        // every hash came from the same call; one account proves it (each verify costs ~1 s here)
        char[] password = ConfigProvider.getConfig().getValue("lms.demo.password", String.class).toCharArray();
        passwordHash.initialize(PasswordHashing.parameters());
        String adminHash = hashes.get(DemoAccounts.ADMIN);
        assertThat(passwordHash.verify(password, adminHash)).isTrue();
        assertThat(passwordHash.verify("wrong password".toCharArray(), adminHash)).isFalse();
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
