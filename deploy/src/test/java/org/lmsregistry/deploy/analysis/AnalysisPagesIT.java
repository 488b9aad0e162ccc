package org.lmsregistry.deploy.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.deploy.RunningRegistry;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A statistician, in headless Chromium, builds a yield analysis on the analysis page, watches it
 * run, and sees its plot (the stored report, served by the registry, with plotly.js from the registry,
 * never a CDN). The real jar, Payara Micro and PostgreSQL (the registry shared with the other analysis
 * tests, {@link SharedAnalysisRegistry}); screenshots in target/screenshots/.
 */
@ExtendWith(SharedAnalysisRegistry.class)
class AnalysisPagesIT {

    private static RunningRegistry registry;
    private static ChromeDriver driver;
    private static Path profile;
    private static Path screenshots;

    @BeforeAll
    static void start(RunningRegistry shared) throws Exception {
        registry = shared;
        profile = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("lms.it.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("lms.it.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        screenshots = Path.of(System.getProperty("lms.it.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (profile != null) {
                SharedAnalysisRegistry.deleteTree(profile);
            }
        }
    }

    @Test
    void aStatisticianRunsAYieldAnalysisFromThePageAndSeesItsPlot() throws Exception {
        driver.get(registry.baseUri().resolve("app/login.xhtml").toString());
        driver.findElement(By.id("login:username")).sendKeys("demo-statistician");
        driver.findElement(By.id("login:password")).sendKeys(registry.demoPassword());
        driver.findElement(By.id("login:submit")).click();
        wait(60).until(d -> d.getCurrentUrl().contains("/app/") && !d.getCurrentUrl().contains("login"));

        driver.findElement(By.id("nav-analyses")).click();
        wait(30).until(ExpectedConditions.elementToBeClickable(By.id("new-analysis"))).click();
        wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("analysis:kind")));

        // the job: yield (chosen in the PrimeFaces menu), a named cohort of two locations
        selectOne("analysis:kind", "yield");
        WebElement name = driver.findElement(By.id("analysis:cohort-name"));
        name.sendKeys("uterus and retroperitoneum");
        name.sendKeys(org.openqa.selenium.Keys.TAB);
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("cohort-json"),
                "\"name\": \"uterus and retroperitoneum\""));
        tick("analysis:locations", "UTERUS");
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("cohort-json"), "UTERUS"));
        tick("analysis:locations", "RETROPERITONEUM");
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("cohort-json"), "RETROPERITONEUM"));
        String cohort = driver.findElement(By.id("cohort-json")).getText();
        assertThat(cohort).as("the JSON is shown as the form changes").contains("\"locations\"")
                .contains("\"UTERUS\"").contains("\"RETROPERITONEUM\"");
        assertThat(driver.findElement(By.id("parameters-json")).getText()).contains("\"minCell\": 5");
        screenshot("analysis-form");

        driver.findElement(By.id("analysis:submit")).click();
        wait(60).until(d -> d.getCurrentUrl().contains("/app/analysis/run.xhtml"));
        // this run's id: the registry is shared, other classes' runs may be listed too
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("[?&]id=(\\d+)").matcher(driver.getCurrentUrl());
        assertThat(id.find()).as(driver.getCurrentUrl()).isTrue();
        String runStatus = "run-status-" + id.group(1);
        screenshot("analysis-run-progress");
        wait(600).until(ExpectedConditions.textToBe(By.id("status"), "SUCCEEDED"));

        WebElement frame = wait(60).until(ExpectedConditions.presenceOfElementLocated(By.id("report")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", frame);
        driver.switchTo().frame(frame);
        // plotly draws the figure as SVG once its script (served by the registry) has loaded
        wait(60).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".js-plotly-plot svg.main-svg")));
        List<WebElement> scripts = driver.findElements(By.cssSelector("script[src]"));
        assertThat(scripts).as("the report's scripts come from the registry")
                .allMatch(s -> !s.getAttribute("src").startsWith("http") || s.getAttribute("src")
                        .startsWith(registry.baseUri().toString()));
        assertThat(driver.findElements(By.cssSelector(".js-plotly-plot .point, .js-plotly-plot path"))).isNotEmpty();
        driver.switchTo().defaultContent();
        screenshot("analysis-run-report");

        assertThat(driver.findElement(By.id("provenance")).getText()).contains("Snapshot checksum")
                .contains("uterus and retroperitoneum");
        assertThat(driver.findElements(By.cssSelector("a.download-csv"))).extracting(WebElement::getText)
                .contains("yield_by_modality.csv");
        assertThat(driver.findElement(By.id("table-yield_by_modality")).getText()).contains("MRI");

        driver.get(registry.baseUri().resolve("app/analysis/index.xhtml").toString());
        wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id(runStatus)));
        assertThat(driver.findElement(By.id(runStatus)).getText()).isEqualTo("SUCCEEDED");
        screenshot("analysis-runs");
    }

    /**
     * Chooses in a PrimeFaces menu through the widget's own API (what its click and keyboard
     * handlers call), which fires the change event and its Ajax update like a person's choice.
     */
    private static void selectOne(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("PrimeFaces.getWidgetById(arguments[0]).selectValue(arguments[1]);",
                id, value);
        wait(30).until(d -> value.equals(d.findElement(By.id(id + "_input")).getAttribute("value")));
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id + "_label"), value));
    }

    private static void tick(String id, String value) {
        WebElement box = driver.findElement(By.cssSelector("input[name='" + id + "'][value='" + value + "']"));
        // PrimeFaces hides the input behind its styled box: click the box
        box.findElement(By.xpath("./ancestor::div[contains(@class,'ui-chkbox')][1]//div[contains(@class,'ui-chkbox-box')]"))
                .click();
    }

    private static WebDriverWait wait(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
