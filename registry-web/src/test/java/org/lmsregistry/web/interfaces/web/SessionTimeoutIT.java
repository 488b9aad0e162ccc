package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.web.records.RecordJson;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Browser;
import org.lmsregistry.web.testsupport.BrowserExtension;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.PageClient;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.SampleRecords;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The idle timeout for real: a session left alone expires in the server (no invalidate() by the
 * test), and the next click lands on the session-ended page; a form's values typed before are not
 * saved, neither then nor after logging in again. The test deployment sets the idle timeout of
 * "shared computer" sessions to 4 s ({@code lms.session.shared-computer-idle-seconds}, see
 * arquillian.xml), so only the sessions of this test expire quickly; an ordinary session idle as
 * long stays valid.
 */
@RegistryIT
@RunAsClient
@ExtendWith(BrowserExtension.class)
class SessionTimeoutIT {

    private static final String SITE = "IDLE";
    private static final String COORD = "idle-coord";
    /** Longer than the test deployment's 4 s shared-computer idle timeout. */
    private static final Duration IDLE = Duration.ofSeconds(7);
    private static boolean prepared;

    @ArquillianResource
    URL base;

    @BeforeEach
    void siteAndCoordinator() {
        synchronized (SessionTimeoutIT.class) {
            if (!prepared) {
                Fixtures fixtures = new Fixtures(Api.at(base));
                fixtures.site(SITE);
                fixtures.account(COORD, "COORDINATOR", SITE);
                prepared = true;
            }
        }
    }

    @Test
    void anIdleSessionExpiresAndTheNextClickShowsTheSessionEndedPage(Browser browser) throws Exception {
        loginOnASharedComputer(browser);
        browser.click("nav-patients");
        browser.byId("patient-table");

        Thread.sleep(IDLE.toMillis());
        browser.click("nav-dashboard");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(ExpectedConditions.urlContains("app/session-ended.xhtml"));
        assertThat(browser.text("session-ended")).contains("without activity").contains("4 seconds on a shared computer");
        assertThat(browser.driver().findElements(By.id("user-name"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("error-title"))).isEmpty();
        browser.screenshot("session-ended-after-idle");

        // log in again: an ordinary session
        browser.click("login-again");
        browser.type("login:username", COORD);
        browser.type("login:password", Fixtures.PASSWORD);
        browser.click("login:submit");
        assertThat(browser.text("user-name")).isEqualTo(COORD);
    }

    @Test
    void aFormFilledBeforeTheTimeoutIsNotSaved(Browser browser) throws Exception {
        String pseudonym = "d".repeat(63) + "1";
        Api.Session api = Api.at(base).login(COORD, Fixtures.PASSWORD);
        assertThat(api.post("api/v1/patients", RecordJson.toJson(SampleRecords.patient(pseudonym, SITE)).toString())
                .status()).isEqualTo(201);

        loginOnASharedComputer(browser);
        browser.open(base, "app/site/record.xhtml?type=tumours&patient=" + pseudonym);
        new Select(browser.byId("record:f_primary_location")).selectByValue("UTERUS");
        new Select(browser.byId("record:f_depth")).selectByValue("DEEP");
        browser.type("record:f_largest_diameter_mm", "95");
        browser.type("record:f_histology_notes", "typed before the timeout");

        Thread.sleep(IDLE.toMillis());
        // Save is an ajax post: the server answers it with a redirect the page follows
        browser.click("record:save");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(ExpectedConditions.urlContains("app/session-ended.xhtml"));
        assertThat(browser.text("session-ended")).contains("Anything not saved before was not kept.");
        assertThat(api.get("api/v1/patients/" + SITE + "/" + pseudonym + "/tumour").status()).isEqualTo(404);

        // logging in again starts afresh: nothing typed before is replayed
        browser.click("login-again");
        browser.type("login:username", COORD);
        browser.type("login:password", Fixtures.PASSWORD);
        browser.click("login:submit");
        browser.byId("user-name");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("record.xhtml");
        assertThat(api.get("api/v1/patients/" + SITE + "/" + pseudonym + "/tumour").status()).isEqualTo(404);
        assertThat(api.get("api/v1/patients/" + SITE + "/" + pseudonym).body()).doesNotContain("typed before the timeout");
    }

    @Test
    void anOrdinarySessionIdleAsLongStaysValid() throws Exception {
        // the control: the same idle time does not end a session started without "shared computer"
        PageClient pages = new PageClient(base).login(COORD, Fixtures.PASSWORD);
        assertThat(pages.get("app/site/patients.xhtml").status()).isEqualTo(200);
        Thread.sleep(IDLE.toMillis());
        Api.Reply r = pages.get("app/site/patients.xhtml");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("patient-table");
    }

    private void loginOnASharedComputer(Browser browser) {
        browser.signOutEverywhere().open(base, "app/login.xhtml");
        assertThat(browser.driver().findElement(By.cssSelector("label[for='login:shared']")).getText())
                .contains("Shared computer").contains("4 seconds");
        browser.type("login:username", COORD);
        browser.type("login:password", Fixtures.PASSWORD);
        browser.click("login:shared");
        browser.click("login:submit");
        browser.byId("user-name");
    }
}
