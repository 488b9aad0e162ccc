package org.lmsregistry.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmsregistry.model.synthetic.SiteProfile;
import org.lmsregistry.web.account.NewAccount;
import org.lmsregistry.web.account.Role;

class DemoAccountsTest {

    /** The pattern of account.username in V1__registry_schema.sql. */
    private static final String USERNAME = "^[a-z][a-z0-9._-]{2,63}$";

    @Test
    void oneAdminOneCoordinatorPerSiteOneStatistician() {
        List<NewAccount> accounts = DemoAccounts.forSites(List.of(new DemoSite("NORTH", "North", "ZZ"),
                new DemoSite("S12", "Twelve", "ZZ")));

        assertThat(accounts).containsExactly(new NewAccount("demo-admin", Role.ADMIN, null),
                new NewAccount("demo-coord-north", Role.COORDINATOR, "NORTH"),
                new NewAccount("demo-coord-s12", Role.COORDINATOR, "S12"),
                new NewAccount("demo-statistician", Role.STATISTICIAN, null));
    }

    @Test
    void usernamesFitTheSchemaForEverySiteCode() {
        List<DemoSite> sites = SiteProfile.defaults(12).stream().map(s -> new DemoSite(s.code(), s.name(), "ZZ"))
                .toList();
        assertThat(DemoAccounts.forSites(sites)).extracting(NewAccount::username).allMatch(u -> u.matches(USERNAME));
        assertThat(DemoAccounts.coordinator("ABCDEFGHIJKL")).matches(USERNAME);
    }

    @Test
    void generatedPasswordsAreLongAndDifferent() {
        String first = new String(DemoAccounts.generatePassword());
        String second = new String(DemoAccounts.generatePassword());

        assertThat(first).hasSize(20).matches("[a-km-zA-HJ-NP-Z2-9]+");
        assertThat(first).isNotEqualTo(second);
    }
}
