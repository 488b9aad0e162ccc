package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.model.analysis.AnalysisJob;
import org.lmsregistry.model.analysis.AnalysisParameter;
import org.lmsregistry.web.testsupport.Browser;
import org.lmsregistry.web.testsupport.BrowserExtension;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The statistician's analysis form in a real browser: picking each job shows that job's own
 * parameters (as the registry-model vocabulary says) and hides the others', and the JSON the job
 * will get follows the form as it changes. Submitting is tested end to end in deploy's
 * {@code AnalysisPagesIT}, with the real jobs jar.
 */
@RegistryIT
@RunAsClient
@ExtendWith(BrowserExtension.class)
class AnalysisPageIT {

    /** The input of the form of every parameter of the vocabulary. */
    private static final Map<AnalysisParameter, String> INPUTS = Map.ofEntries(
            Map.entry(AnalysisParameter.MIN_CELL, "analysis:min-cell_input"),
            Map.entry(AnalysisParameter.CONFIDENCE, "analysis:confidence_input"),
            Map.entry(AnalysisParameter.OUTCOME, "analysis:outcome_input"),
            Map.entry(AnalysisParameter.HORIZON_DAYS, "analysis:horizon_input"),
            Map.entry(AnalysisParameter.ENDPOINT, "analysis:endpoint_input"),
            Map.entry(AnalysisParameter.FEATURE, "analysis:feature"),
            Map.entry(AnalysisParameter.MAX_YEARS, "analysis:max-years_input"),
            Map.entry(AnalysisParameter.SIZE_CUT_MM, "analysis:size-cut_input"),
            Map.entry(AnalysisParameter.FEATURES, "analysis:features"),
            Map.entry(AnalysisParameter.CONTINUOUS, "analysis:continuous"),
            Map.entry(AnalysisParameter.ADJUST, "analysis:adjust"),
            Map.entry(AnalysisParameter.MODEL, "analysis:model"),
            Map.entry(AnalysisParameter.COVARIATES, "analysis:covariates"));

    @ArquillianResource
    URL base;

    @Test
    void eachJobShowsItsOwnParametersAndTheJsonFollowsTheForm(Browser browser) {
        browser.login(base, "demo-statistician", TestEnvironmentExtension.demoPassword());
        browser.click("nav-analyses");
        browser.click("new-analysis");
        browser.byId("analysis:kind");

        assertThat(INPUTS.keySet()).as("the form offers every parameter of the vocabulary")
                .containsExactlyInAnyOrder(AnalysisParameter.values());
        for (AnalysisJob job : AnalysisJob.values()) {
            choose(browser, job);
            Set<AnalysisParameter> expected = new TreeSet<>(job.parameters());
            Set<AnalysisParameter> shown = new TreeSet<>();
            INPUTS.forEach((parameter, id) -> {
                List<WebElement> found = browser.driver().findElements(By.id(id));
                if (!found.isEmpty()) {
                    shown.add(parameter);
                }
            });
            assertThat(shown).as("parameters shown for " + job.job()).isEqualTo(expected);
            // every input shown for the job is labelled (the check of FormAccessibilityIT)
            assertThat((List<?>) ((JavascriptExecutor) browser.driver()).executeScript(FormAccessibilityIT.UNLABELLED))
                    .as("unlabelled inputs for " + job.job()).isEmpty();
            // the parameters JSON names the job's parameters only
            JsonObject parameters = json(browser.text("parameters-json"));
            assertThat(job.parameters().stream().map(AnalysisParameter::key).toList())
                    .as("parameters of " + job.job()).containsAll(parameters.keySet());
            browser.screenshot("analysis-form-" + job.job());
        }

        // the cohort JSON follows the form
        choose(browser, AnalysisJob.SURVIVAL);
        assertThat(json(browser.text("cohort-json")).containsKey("grades")).isFalse();
        tick(browser, "analysis:grades", "G3");
        waitForJson(browser, "cohort-json", "G3");
        assertThat(json(browser.text("cohort-json")).getJsonArray("grades").getString(0)).isEqualTo("G3");
        tick(browser, "analysis:locations", "UTERUS");
        waitForJson(browser, "cohort-json", "UTERUS");
        browser.type("analysis:cohort-name", "uterine high grade");
        browser.byId("analysis:cohort-name").sendKeys(org.openqa.selenium.Keys.TAB);
        waitForJson(browser, "cohort-json", "uterine high grade");
        JsonObject cohort = json(browser.text("cohort-json"));
        assertThat(cohort.getString("name")).isEqualTo("uterine high grade");
        assertThat(cohort.getJsonArray("locations").getString(0)).isEqualTo("UTERUS");
        // unticking removes it again
        tick(browser, "analysis:grades", "G3");
        await(browser)
                .until(d -> !d.findElement(By.id("cohort-json")).getText().contains("G3"));

        // a parameter change shows in the parameters JSON, for the job that takes it
        browser.type("analysis:max-years_input", "7");
        browser.byId("analysis:max-years_input").sendKeys(org.openqa.selenium.Keys.TAB);
        waitForJson(browser, "parameters-json", "\"maxYears\": 7");
        browser.type("analysis:covariates", "grade, size");
        browser.byId("analysis:covariates").sendKeys(org.openqa.selenium.Keys.TAB);
        waitForJson(browser, "parameters-json", "\"covariates\"");
        assertThat(json(browser.text("parameters-json")).getJsonArray("covariates").getValuesAs(
                jakarta.json.JsonString::getString)).containsExactly("grade", "size");
        // switching to a job without it drops it from the JSON; the cohort stays
        choose(browser, AnalysisJob.YIELD);
        assertThat(json(browser.text("parameters-json")).containsKey("maxYears")).isFalse();
        assertThat(json(browser.text("cohort-json")).getString("name")).isEqualTo("uterine high grade");
    }

    /**
     * Picks a job as a person does: opens the menu and clicks the entry. On a loaded machine a click can
     * land while the menu is still opening (PrimeFaces animates it) or just after an ajax update replaced
     * it; then, like a person, the test opens the menu and clicks again until the job is chosen.
     */
    private static void choose(Browser browser, AnalysisJob job) {
        By entry = By.xpath("//*[@id='analysis:kind_panel']//li[starts-with(normalize-space(.), '" + job.job() + ":')]");
        await(browser).ignoring(ElementNotInteractableException.class).until(d -> {
            if (job.job().equals(d.findElement(By.id("analysis:kind_input")).getAttribute("value"))) {
                return true;
            }
            WebElement panel = d.findElement(By.id("analysis:kind_panel"));
            if (!panel.isDisplayed()) {
                d.findElement(By.id("analysis:kind")).click();
            } else {
                d.findElement(entry).click();
            }
            return false;
        });
        await(browser).until(ExpectedConditions.invisibilityOfElementLocated(
                By.id("analysis:kind_panel")));
        // the ajax update of the parameters is done when the inputs of the job are there
        for (AnalysisParameter p : job.parameters()) {
            if (INPUTS.containsKey(p)) {
                await(browser)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id(INPUTS.get(p))));
            }
        }
        await(browser).until(d -> INPUTS.entrySet().stream()
                .filter(e -> !job.parameters().contains(e.getKey()))
                .allMatch(e -> d.findElements(By.id(e.getValue())).isEmpty()));
    }

    /** Waits for ajax updates; an element replaced by one while being read is read again. */
    private static WebDriverWait await(Browser browser) {
        return (WebDriverWait) new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class);
    }

    private static void tick(Browser browser, String id, String value) {
        WebElement box = browser.driver().findElement(By.cssSelector("input[name='" + id + "'][value='" + value + "']"));
        // PrimeFaces hides the input behind its styled box: a person clicks the box
        box.findElement(By.xpath("./ancestor::div[contains(@class,'ui-chkbox')][1]//div[contains(@class,'ui-chkbox-box')]"))
                .click();
    }

    private static void waitForJson(Browser browser, String id, String text) {
        browser.waitForText(By.id(id), text);
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
