package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Browser;
import org.lmsregistry.web.testsupport.BrowserExtension;
import org.lmsregistry.web.testsupport.PageClient;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.openqa.selenium.By;

/**
 * The foundation of the web pages in a real browser against the real application: login through
 * the form (and its failure), the header with name, site and role, navigation by role, access
 * denied, logout, the security headers and the refusal of forged form posts.
 */
@RegistryIT
@RunAsClient
@ExtendWith(BrowserExtension.class)
class WebFoundationIT {

    private static final String COORDINATOR = "demo-coord-north";

    @ArquillianResource
    URL base;

    @Test
    void aCoordinatorLogsInSeesNameSiteAndRoleAndLogsOut(Browser browser) {
        browser.signOutEverywhere().open(base, "app/index.xhtml");
        // no session: the login page, which remembers the page asked for
        browser.byId("login:username");
        assertThat(browser.driver().getCurrentUrl()).contains("app/login.xhtml?next=");
        browser.screenshot("login");

        browser.login(base, COORDINATOR, TestEnvironmentExtension.demoPassword());
        assertThat(browser.text("user-name")).isEqualTo(COORDINATOR);
        browser.screenshot("start-coordinator");
        assertThat(browser.text("user-site")).isEqualTo("NORTH");
        assertThat(browser.text("user-role")).isEqualTo("COORDINATOR");
        assertThat(browser.driver().findElements(By.id("nav-patients"))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("nav-accounts"))).isEmpty();

        browser.click("logout-form:logout");
        assertThat(browser.text("logged-out")).contains("logged out");
        browser.open(base, "app/index.xhtml");
        browser.byId("login:username");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage(Browser browser) {
        browser.signOutEverywhere().open(base, "app/login.xhtml");
        browser.type("login:username", COORDINATOR);
        browser.type("login:password", "not the password");
        browser.click("login:submit");
        browser.waitForText(By.id("login:messages"), "Wrong username or password.");
        assertThat(browser.driver().findElements(By.id("user-name"))).isEmpty();
        // the username is kept, the password is not
        assertThat(browser.byId("login:username").getAttribute("value")).isEqualTo(COORDINATOR);
        assertThat(browser.byId("login:password").getAttribute("value")).isEmpty();
    }

    @Test
    void anAdministratorSeesTheAdministrationNavigation(Browser browser) {
        browser.login(base, "demo-admin", TestEnvironmentExtension.demoPassword());
        assertThat(browser.text("user-role")).isEqualTo("ADMIN");
        assertThat(browser.text("user-site")).isEqualTo("all sites");
        assertThat(browser.driver().findElements(By.id("nav-tokens"))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("nav-patients"))).isEmpty();
    }

    @Test
    void aCoordinatorOpeningAnAdministrationPageIsDenied(Browser browser) {
        browser.login(base, COORDINATOR, TestEnvironmentExtension.demoPassword());
        browser.open(base, "app/admin/accounts.xhtml");
        assertThat(browser.text("error-title")).isEqualTo("Access denied");
        browser.screenshot("access-denied");

        Api.Reply r = new PageClient(base).login(COORDINATOR, TestEnvironmentExtension.demoPassword())
                .get("app/admin/accounts.xhtml");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("content-type")).startsWith("text/html");
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        PageClient pages = new PageClient(base).login(COORDINATOR, TestEnvironmentExtension.demoPassword());
        for (String path : new String[] {"app/login.xhtml", "app/index.xhtml"}) {
            Api.Reply r = pages.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            String csp = r.header("content-security-policy");
            assertThat(csp).as(path).isNotNull().contains("frame-ancestors 'none'").contains("default-src 'self'");
            String scripts = csp.substring(csp.indexOf("script-src"));
            assertThat(scripts).as(path).contains("'nonce-").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            // every script of the page carries the nonce of the policy
            String nonce = scripts.replaceAll("(?s).*'nonce-([^']+)'.*", "$1");
            assertThat(r.body().split("<script").length - 1).as(path)
                    .isEqualTo(r.body().split("<script[^>]*nonce=\"" + java.util.regex.Pattern.quote(nonce) + "\"").length - 1);
            assertThat(r.body()).as(path).doesNotContainPattern("\\son[a-z]+=\"");
            assertThat(r.header("x-frame-options")).as(path).isEqualTo("DENY");
            assertThat(r.header("x-content-type-options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("referrer-policy")).as(path).isEqualTo("same-origin");
            assertThat(r.header("cache-control")).as(path).contains("no-store");
        }
    }

    @Test
    void aFormPostWithoutTheViewStateOfTheSessionIsRefused() {
        PageClient pages = new PageClient(base).login(COORDINATOR, TestEnvironmentExtension.demoPassword());
        Api.Reply start = pages.get("app/index.xhtml");
        Map<String, String> real = PageClient.postbackFields(start);

        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("logout-form", "logout-form");
        forged.put("logout-form:logout", "");
        forged.put("jakarta.faces.ViewState", "-1234567890123456789:987654321987654321");
        forged.put("primefaces.nonce", real.get("primefaces.nonce"));
        Api.Reply r = pages.post("app/index.xhtml", forged);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("Nothing was saved");

        forged.remove("jakarta.faces.ViewState");
        assertThat(pages.post("app/index.xhtml", forged).status()).isNotEqualTo(302);

        // the forged posts did not log the coordinator out; the real form still works
        assertThat(pages.get("app/index.xhtml").status()).isEqualTo(200);
        forged.putAll(real);
        Api.Reply logout = pages.post("app/index.xhtml", forged);
        assertThat(logout.status()).isEqualTo(302);
        assertThat(logout.header("location")).contains("loggedOut=true");
        assertThat(pages.get("app/index.xhtml").status()).isEqualTo(302);
    }
}
