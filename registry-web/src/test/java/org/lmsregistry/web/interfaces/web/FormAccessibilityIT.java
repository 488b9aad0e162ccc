package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.web.records.RecordJson;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Browser;
import org.lmsregistry.web.testsupport.BrowserExtension;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.SampleRecords;
import org.lmsregistry.web.testsupport.TestEnvironmentExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Every form people fill has a name for every input a screen reader or a keyboard reaches (a
 * {@code label for=}, a wrapping label, {@code aria-label} or {@code aria-labelledby}), on every
 * form page of every role; and the tumour form is filled and saved with the keyboard alone.
 */
@RegistryIT
@RunAsClient
@ExtendWith(BrowserExtension.class)
class FormAccessibilityIT {

    private static final String SITE = "ACCS";
    private static final String COORD = "acc-coord";
    private static final String PATIENT = "c".repeat(63) + "1";
    private static final String KEYBOARD_PATIENT = "c".repeat(63) + "2";
    private static boolean prepared;

    /**
     * The inputs (of any kind people reach: not hidden fields, not buttons) without an accessible
     * name, as the browser computes the label association.
     */
    static final String UNLABELLED = """
            const out = [];
            for (const e of document.querySelectorAll('input, select, textarea')) {
              const type = (e.getAttribute('type') || '').toLowerCase();
              if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
              if (e.closest('[aria-hidden=true]')) continue;
              const labelled = (e.labels && Array.from(e.labels).some(l => l.textContent.trim().length > 0))
                || (e.getAttribute('aria-label') || '').trim().length > 0
                || (e.getAttribute('aria-labelledby') || '').split(/\\s+/).some(id => {
                     const l = id && document.getElementById(id);
                     return l && l.textContent.trim().length > 0; });
              if (!labelled) out.push(e.tagName.toLowerCase() + '#' + (e.id || e.name || '?'));
            }
            return out;""";

    @ArquillianResource
    URL base;

    @BeforeEach
    void aSiteWithAPatientAndADataQuery() {
        synchronized (FormAccessibilityIT.class) {
            if (prepared) {
                return;
            }
            Fixtures fixtures = new Fixtures(Api.at(base));
            fixtures.site(SITE);
            Api.Session api = fixtures.coordinator(COORD, SITE);
            for (String p : List.of(PATIENT, KEYBOARD_PATIENT)) {
                assertThat(api.post("api/v1/patients", RecordJson.toJson(SampleRecords.patient(p, SITE)).toString())
                        .status()).isEqualTo(201);
            }
            // an 18G core needle: saved with a warning, which opens a data query on the field
            Api.Reply biopsy = api.post("api/v1/patients/" + SITE + "/" + PATIENT + "/biopsies", Json.createObjectBuilder()
                    .add("biopsy_id", "B1").add("day", -5).add("guidance", "CT").add("needle_gauge", 18)
                    .add("approach", "PERCUTANEOUS_EXTRAPERITONEAL").add("diagnostic", true).build().toString());
            assertThat(biopsy.status()).as(biopsy.toString()).isEqualTo(201);
            prepared = true;
        }
    }

    @Test
    void everyInputOfEveryFormHasALabel(Browser browser) {
        List<String> problems = new ArrayList<>();
        browser.signOutEverywhere().open(base, "app/login.xhtml");
        check(browser, "login", "login:username", problems);
        // the check finds an input without a label (it is not vacuous)
        ((JavascriptExecutor) browser.driver()).executeScript("const i = document.createElement('input');"
                + " i.id = 'probe'; document.body.appendChild(i);");
        List<String> probe = new ArrayList<>();
        check(browser, "probe", "probe", probe);
        assertThat(probe).containsExactly("probe: input#probe");

        browser.login(base, COORD, Fixtures.PASSWORD);
        String record = "app/site/record.xhtml?patient=" + PATIENT + "&type=";
        for (String type : List.of("tumours", "biopsies", "imaging_studies", "imaging_features", "treatments",
                "outcome_events")) {
            browser.open(base, record + type);
            check(browser, type, "record:save", problems);
        }
        browser.open(base, "app/site/record.xhtml?type=patients");
        check(browser, "enrol", "record:save", problems);
        // the data query's answer under its field
        browser.open(base, record + "biopsies&key=B1");
        check(browser, "biopsy with a data query", "record:save", problems);
        assertThat(browser.driver().findElements(By.cssSelector("[id='record:q_needle_gauge'] textarea"))).hasSize(1);
        browser.open(base, "app/queries.xhtml");
        check(browser, "data queries", "queries:status", problems);
        assertThat(browser.driver().findElements(By.cssSelector("[id^='queries:table'] textarea"))).isNotEmpty();
        browser.open(base, "app/site/patients.xhtml");
        check(browser, "patient search", "q", problems);

        browser.login(base, "demo-statistician", TestEnvironmentExtension.demoPassword());
        browser.open(base, "app/analysis/new.xhtml");
        check(browser, "analysis", "analysis:submit", problems);

        browser.login(base, "demo-admin", TestEnvironmentExtension.demoPassword());
        for (String page : List.of("sites", "accounts", "tokens", "audit")) {
            browser.open(base, "app/admin/" + page + ".xhtml");
            check(browser, "admin " + page, "content", problems);
        }
        browser.open(base, "app/queries.xhtml");
        check(browser, "admin data queries", "queries:status", problems);

        assertThat(problems).as("inputs without a label, by page").isEmpty();
    }

    /** Records the page's unlabelled inputs; the page must have inputs at all (the walk is real). */
    private static void check(Browser browser, String page, String waitFor, List<String> problems) {
        browser.byId(waitFor);
        assertThat(browser.driver().findElements(By.cssSelector("input:not([type=hidden]), select, textarea")))
                .as("inputs of " + page).isNotEmpty();
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(UNLABELLED);
        unlabelled.forEach(e -> problems.add(page + ": " + e));
    }

    @Test
    void theTumourFormIsFilledAndSavedWithTheKeyboardAlone(Browser browser) {
        browser.login(base, COORD, Fixtures.PASSWORD);
        browser.open(base, "app/site/record.xhtml?type=tumours&patient=" + KEYBOARD_PATIENT);
        browser.byId("record:save");

        choose(browser, "record:f_primary_location", PrimaryLocation.UTERUS.label());
        choose(browser, "record:f_depth", TumourDepth.DEEP.label());
        typeInto(browser, "record:f_largest_diameter_mm", "95");
        typeInto(browser, "record:f_differentiation_score", "3");
        typeInto(browser, "record:f_mitoses_per_10hpf", "25");
        choose(browser, "record:f_necrosis", TumourNecrosis.HALF_OR_MORE.label());
        typeInto(browser, "record:f_histology_notes", "Entered from the keyboard.");
        // the grade follows the components without a click
        browser.waitForText(By.id("derived-grade"), "G3");
        tabTo(browser, "record:save");
        active(browser).sendKeys(Keys.ENTER);
        browser.waitFor(By.id("timeline"));
        assertThat(browser.text("messages")).contains("saved.");

        Api.Session api = Api.at(base).login(COORD, Fixtures.PASSWORD);
        Api.Reply tumour = api.get("api/v1/patients/" + SITE + "/" + KEYBOARD_PATIENT + "/tumour");
        assertThat(tumour.status()).as(tumour.toString()).isEqualTo(200);
        assertThat(tumour.json().getString("primary_location")).isEqualTo("UTERUS");
        assertThat(tumour.json().getString("depth")).isEqualTo("DEEP");
        assertThat(tumour.json().getInt("largest_diameter_mm")).isEqualTo(95);
        assertThat(tumour.json().getString("necrosis")).isEqualTo("HALF_OR_MORE");
        assertThat(tumour.json().getInt("differentiation_score")).isEqualTo(3);
        assertThat(tumour.json().getInt("mitoses_per_10hpf")).isEqualTo(25);
        assertThat(tumour.json().getString("histology_notes")).isEqualTo("Entered from the keyboard.");
    }

    /** Presses Tab until the element has the focus (forward only, as a person tabbing through). */
    private static void tabTo(Browser browser, String id) {
        for (int i = 0; i < 80; i++) {
            if (id.equals(active(browser).getAttribute("id"))) {
                return;
            }
            active(browser).sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + id + "; focus is on " + active(browser).getAttribute("id"));
    }

    private static void typeInto(Browser browser, String id, String text) {
        tabTo(browser, id);
        active(browser).sendKeys(text);
    }

    /** Picks an option of a native select from the keyboard: Home, then Down until its label. */
    private static void choose(Browser browser, String id, String label) {
        tabTo(browser, id);
        WebElement select = active(browser);
        List<String> labels = select.findElements(By.tagName("option")).stream().map(o -> o.getText().strip()).toList();
        int index = labels.indexOf(label);
        assertThat(index).as("option '" + label + "' of " + id + " in " + labels).isNotNegative();
        select.sendKeys(Keys.HOME);
        for (int i = 0; i < index; i++) {
            active(browser).sendKeys(Keys.ARROW_DOWN);
        }
        assertThat(active(browser).getAttribute("id")).isEqualTo(id);
    }

    private static WebElement active(Browser browser) {
        return browser.driver().switchTo().activeElement();
    }
}
