package org.lmsregistry.web.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium, driven through Debian's chromedriver, shared by all browser tests
 * of a run ({@link BrowserExtension} starts it once and quits it at the end). It starts with a
 * fresh profile directory, which is deleted when it quits. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("lms.it.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("lms.it.chromedriver", "/usr/bin/chromedriver");

    private final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Path screenshots;

    private Browser(WebDriver driver, ChromeDriverService service, Path profile, Path screenshots) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    static Browser start() {
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            Path screenshots = Path.of(System.getProperty("lms.it.screenshots", "target/screenshots"));
            Files.createDirectories(screenshots);
            return new Browser(driver, service, profile, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the deployment, e.g. {@code app/login.xhtml}. */
    public Browser open(URL contextRoot, String path) {
        driver.get(Api.at(contextRoot).uri(path).toString());
        return this;
    }

    /** Forgets the session: a new person at the same browser. */
    public Browser signOutEverywhere() {
        driver.manage().deleteAllCookies();
        return this;
    }

    /** Logs in through the login page and waits for the start page of the role. */
    public Browser login(URL contextRoot, String username, String password) {
        signOutEverywhere();
        open(contextRoot, "app/login.xhtml");
        type("login:username", username);
        type("login:password", password);
        click("login:submit");
        waitFor(By.id("user-name"));
        return this;
    }

    public WebElement byId(String id) {
        return waitFor(By.id(id));
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void type(String id, String text) {
        WebElement e = byId(id);
        e.clear();
        e.sendKeys(text);
    }

    public void click(String id) {
        byId(id).click();
    }

    public String text(String id) {
        return byId(id).getText();
    }

    /** Waits until the element's text contains the given text (ajax updates). */
    public void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Saves a PNG of the current page as target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Path target = screenshots.resolve(name + ".png");
            Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(png.toPath());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
