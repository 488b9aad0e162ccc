package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.web.records.RecordJson;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Browser;
import org.lmsregistry.web.testsupport.BrowserExtension;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.SampleRecords;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A coordinator's site work in a real browser: the dashboard (completeness, queries), and a data
 * query raised by a warning answered from the field of the record it is about.
 */
@RegistryIT
@RunAsClient
@ExtendWith(BrowserExtension.class)
class SiteWorkIT {

    private static final String SITE = "WEBQ";
    private static final String COORDINATOR = "web-coord-q";

    @ArquillianResource
    URL base;

    @Test
    void aWarningsDataQueryIsAnsweredFromItsFieldAndTheDashboardCountsIt(Browser browser) {
        Fixtures fixtures = new Fixtures(Api.at(base));
        fixtures.site(SITE);
        Api.Session api = fixtures.coordinator(COORDINATOR, SITE);
        String pseudonym = "f".repeat(63) + "1";
        assertThat(api.post("api/v1/patients", RecordJson.toJson(SampleRecords.patient(pseudonym, SITE)).toString())
                .status()).isEqualTo(201);
        // a core needle finer than 16G is allowed, with a warning: a data query for the site
        Api.Reply biopsy = api.post("api/v1/patients/" + SITE + "/" + pseudonym + "/biopsies", Json.createObjectBuilder()
                .add("biopsy_id", "B1").add("day", -5).add("guidance", "CT").add("needle_gauge", 18)
                .add("approach", "PERCUTANEOUS_EXTRAPERITONEAL").add("diagnostic", true).build().toString());
        assertThat(biopsy.status()).as(biopsy.toString()).isEqualTo(201);

        browser.login(base, COORDINATOR, Fixtures.PASSWORD);
        browser.click("nav-dashboard");
        assertThat(browser.text("completeness")).contains("Biopsy 1 100 %").contains("Imaging study 0 0 %");
        assertThat(browser.text("queries-summary")).startsWith("1 open");
        browser.screenshot("site-dashboard");

        browser.click("nav-queries");
        assertThat(browser.text("queries:table")).contains("needle_gauge").contains("18");
        browser.screenshot("data-queries");
        browser.driver().findElement(By.linkText("Open the field in its form")).click();

        By answer = By.cssSelector("[id='record:q_needle_gauge'] textarea");
        browser.waitFor(answer).sendKeys("Confirmed: an 18G needle was used, as documented.");
        browser.driver().findElement(By.cssSelector("[id='record:q_needle_gauge'] button")).click();
        browser.waitForText(By.id("record:messages"), "sent.");
        browser.screenshot("query-answered-from-field");

        browser.click("nav-queries");
        assertThat(browser.text("queries:table")).contains("No data queries.");
        new Select(browser.byId("queries:status")).selectByValue("ANSWERED");
        browser.waitForText(By.id("queries:table"), "Confirmed: an 18G needle was used");
        assertThat(api.get("api/v1/queries?status=ANSWERED").json().getJsonArray("items").getJsonObject(0)
                .getInt("messageCount")).isEqualTo(1);
    }
}
