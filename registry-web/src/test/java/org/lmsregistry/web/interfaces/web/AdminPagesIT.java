package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Browser;
import org.lmsregistry.web.testsupport.BrowserExtension;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The administrator's pages in a real browser: sites, accounts, API tokens (shown once), audit chain check. */
@RegistryIT
@RunAsClient
@ExtendWith(BrowserExtension.class)
class AdminPagesIT {

    @ArquillianResource
    URL base;

    private void loginAsAdmin(Browser browser) {
        browser.login(base, "demo-admin", TestEnvironmentExtension.demoPassword());
    }

    @Test
    void anAdministratorCreatesASiteAnAccountAndATokenShownOnce(Browser browser) {
        loginAsAdmin(browser);
        browser.click("nav-sites");
        browser.type("sites:code", "WEBADM");
        browser.type("sites:name", "Web admin test site");
        browser.type("sites:country", "NL");
        browser.click("sites:create");
        browser.waitForText(By.id("sites:messages"), "Site WEBADM added.");
        assertThat(browser.text("sites:table")).contains("WEBADM");
        browser.screenshot("admin-sites");

        browser.click("nav-accounts");
        browser.type("accounts:username", "web-admin-made");
        new Select(browser.byId("accounts:role")).selectByVisibleText("COORDINATOR");
        new Select(browser.byId("accounts:site")).selectByValue("WEBADM");
        browser.type("accounts:password", Fixtures.PASSWORD);
        browser.click("accounts:create");
        browser.waitForText(By.id("accounts:messages"), "Account web-admin-made created.");
        browser.screenshot("admin-accounts");
        // the new coordinator can log in, at the new site
        assertThat(Api.at(base).login("web-admin-made", Fixtures.PASSWORD).get("api/v1/me").json().getString("site"))
                .isEqualTo("WEBADM");

        browser.login(base, "demo-admin", TestEnvironmentExtension.demoPassword());
        browser.click("nav-tokens");
        new Select(browser.byId("tokens:site")).selectByValue("WEBADM");
        browser.type("tokens:label", "ETL of the web admin test site");
        browser.click("tokens:create");
        String secret = browser.text("token-secret");
        assertThat(secret).isNotBlank();
        browser.screenshot("admin-token-created");
        // the token works, as an uploader of that site
        Api.Reply me = Api.at(base).bearer(secret).get("api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("role")).isEqualTo("UPLOADER");

        // shown once: opening the page again never shows the secret
        browser.click("nav-tokens");
        browser.byId("tokens:table");
        assertThat(browser.driver().findElements(By.id("token-secret"))).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
    }

    @Test
    void theAuditViewerChecksTheHashChain(Browser browser) {
        loginAsAdmin(browser);
        browser.click("nav-audit");
        browser.click("audit:verify");
        browser.waitForText(By.id("audit:messages"), "The audit trail is intact");
        assertThat(browser.text("audit:table")).contains("of");
        browser.screenshot("admin-audit");
    }
}
