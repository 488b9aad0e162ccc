package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Browser;
import org.lmsregistry.web.testsupport.BrowserExtension;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.PageClient;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.lmsregistry.web.testsupport.TestPostgres;
import org.openqa.selenium.By;

/**
 * Administrators read analysis runs (the runs list and a run's page) and may cancel one, but never
 * request one: checked in the browser, through the API, and so in the service layer that both use.
 */
@RegistryIT
@RunAsClient
@ExtendWith(BrowserExtension.class)
class AdminAnalysisRunsIT {

    @ArquillianResource
    URL base;

    @Test
    void anAdministratorReadsRunsAndCancelsAQueuedOneButRequestsNone(Browser browser) throws Exception {
        Api api = Api.at(base);
        Fixtures fixtures = new Fixtures(api);
        Api.Session statistician = api.demo("demo-statistician");
        long finished = storedRun("FAILED", "snapshot failed (exit code 1)");
        long queued = storedRun("QUEUED", null);

        browser.login(base, "demo-admin", TestEnvironmentExtension.demoPassword());
        browser.click("nav-analyses");
        browser.byId("run-link-" + queued);
        assertThat(browser.text("run-status-" + queued)).isEqualTo("QUEUED");
        assertThat(browser.driver().findElements(By.id("run-link-" + finished))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("new-analysis"))).isEmpty();
        browser.screenshot("admin-analysis-runs");

        // a finished run: read-only
        browser.click("run-link-" + finished);
        assertThat(browser.text("status")).isEqualTo("FAILED");
        assertThat(browser.driver().findElements(By.id("run:cancel"))).isEmpty();

        // the queued run: cancelled from its page
        browser.open(base, "app/analysis/run.xhtml?id=" + queued);
        assertThat(browser.text("status")).isEqualTo("QUEUED");
        browser.click("run:cancel");
        browser.waitForText(By.id("status"), "CANCELLED");
        assertThat(statistician.get("api/v1/analysis-runs/" + queued).json().getString("status")).isEqualTo("CANCELLED");

        // requesting is the statisticians': the page and the API refuse the administrator
        browser.open(base, "app/analysis/new.xhtml");
        assertThat(browser.text("error-title")).isEqualTo("Access denied");
        Api.Session admin = fixtures.admin();
        assertThat(admin.post("api/v1/analysis-runs", "{\"kind\":\"yield\"}").status()).isEqualTo(403);
        // the service's rule, through the API: an administrator may cancel (a finished run: 409, not 403)
        assertThat(admin.post("api/v1/analysis-runs/" + finished + "/cancel", "{}").status()).isEqualTo(409);
        assertThat(admin.get("api/v1/analysis-runs/" + finished).status()).isEqualTo(200);

        // coordinators see no runs at all
        fixtures.site("ARUN");
        Api.Session coordinator = fixtures.coordinator("arun-coord", "ARUN");
        assertThat(coordinator.get("api/v1/analysis-runs").status()).isEqualTo(403);
        assertThat(coordinator.post("api/v1/analysis-runs/" + queued + "/cancel", "{}").status()).isEqualTo(403);
        PageClient coordinatorPages = new PageClient(base).login("arun-coord", Fixtures.PASSWORD);
        assertThat(coordinatorPages.get("app/analysis/index.xhtml").status()).isEqualTo(403);
        assertThat(coordinatorPages.get("app/analysis/run.xhtml?id=" + queued).status()).isEqualTo(403);
    }

    /**
     * A run stored directly, as the queue leaves it (a second registry instance on the same database
     * could): in this deployment there is no jobs jar, so a requested run fails at once and never
     * stays queued. Nothing dispatches the queued one before the test cancels it: the queue looks
     * only after a request or a finished run, and this test requests none.
     */
    private static long storedRun(String status, String failure) throws Exception {
        try (Connection c = TestPostgres.get().appDatabase().getConnection();
                PreparedStatement s = c.prepareStatement("insert into analysis_run (kind, requested_by, status, failure,"
                        + " finished_at) values ('yield', 'demo-statistician', ?, ?, case when ? = 'QUEUED' then null"
                        + " else now() end) returning id")) {
            s.setString(1, status);
            s.setString(2, failure);
            s.setString(3, status);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
