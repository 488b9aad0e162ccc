package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.web.records.RecordJson;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Browser;
import org.lmsregistry.web.testsupport.BrowserExtension;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.PageClient;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.SampleRecords;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A coordinator's work in a real browser: enrolling a patient and entering the full record
 * through the forms (the sample patient of {@link SampleRecords}, every record type but radiomics),
 * the live FNCLCC grade, a form with an error keeping the entered values and writing nothing, and
 * another site's coordinator refused the patient's pages.
 */
@RegistryIT
@RunAsClient
@ExtendWith(BrowserExtension.class)
class CoordinatorPagesIT {

    private static final String SITE_A = "WEBA";
    private static final String SITE_B = "WEBB";
    private static final String COORD_A = "web-coord-a";
    private static final String COORD_B = "web-coord-b";
    private static boolean prepared;

    @ArquillianResource
    URL base;

    @BeforeEach
    void sitesAndCoordinators() {
        synchronized (CoordinatorPagesIT.class) {
            if (!prepared) {
                Fixtures fixtures = new Fixtures(Api.at(base));
                fixtures.site(SITE_A);
                fixtures.site(SITE_B);
                fixtures.account(COORD_A, "COORDINATOR", SITE_A);
                fixtures.account(COORD_B, "COORDINATOR", SITE_B);
                prepared = true;
            }
        }
    }

    /**
     * The sample patient P1's records in the order a coordinator can enter them: treatments before
     * the surveillance imaging that follows them (a cross-record rule), outcomes last.
     */
    private static List<RegistryRecord> samples() {
        List<RecordType> order = List.of(RecordType.PATIENT, RecordType.TUMOUR, RecordType.BIOPSY, RecordType.TREATMENT,
                RecordType.IMAGING_STUDY, RecordType.IMAGING_FEATURES, RecordType.OUTCOME_EVENT);
        return SampleRecords.batch().all()
                .filter(r -> r.naturalKey().startsWith("AMS/" + SampleRecords.P1))
                .filter(r -> order.contains(RecordType.of(r)))
                .sorted(java.util.Comparator.comparingInt(r -> order.indexOf(RecordType.of(r))))
                .toList();
    }

    /** The sample patient P1's records, as entered at site A. */
    private static List<JsonObject> sampleRecords(String pseudonym) {
        return samples().stream()
                .map(r -> {
                    var b = Json.createObjectBuilder(RecordJson.toJson(r));
                    b.add("site_code", SITE_A).add("patient_pseudonym", pseudonym);
                    return b.build();
                }).toList();
    }

    @Test
    void aCoordinatorEnrolsAPatientAndEntersTheFullRecord(Browser browser) {
        String pseudonym = "e".repeat(63) + "1";
        browser.login(base, COORD_A, Fixtures.PASSWORD);
        List<RegistryRecord> samples = samples();
        List<JsonObject> records = sampleRecords(pseudonym);
        for (int i = 0; i < records.size(); i++) {
            RecordType type = RecordType.of(samples.get(i));
            JsonObject record = records.get(i);
            if (type == RecordType.PATIENT) {
                browser.click("nav-enrol");
            } else {
                browser.open(base, "app/site/record.xhtml?type=" + type.baseName() + "&patient=" + pseudonym);
            }
            browser.byId("record:save");
            assertEveryInputHasALabel(browser);
            fill(browser, type, record);
            if (type == RecordType.TUMOUR) {
                // computed live from the three components by the model's rule, before saving
                browser.waitForText(By.id("derived-grade"), "G3");
                browser.screenshot("tumour-form");
            }
            browser.click("record:save");
            try {
                browser.waitFor(By.id("timeline"));
            } catch (org.openqa.selenium.TimeoutException e) {
                browser.screenshot("failed-" + type.baseName());
                throw new AssertionError(type + " not saved: " + browser.driver().findElements(
                        By.cssSelector(".ui-message, .ui-messages")).stream().map(WebElement::getText).toList(), e);
            }
            assertThat(browser.text("messages")).contains(type.label() + " saved.");
        }
        browser.screenshot("patient-page");

        // the timeline shows every dated event in day order, diagnosis at day 0
        List<String> days = browser.driver().findElements(By.cssSelector("#timeline .day")).stream()
                .map(WebElement::getText).toList();
        assertThat(days).containsExactly("day -20", "day -10", "day 0", "day 14", "day 60", "day 400", "day 400", "day 900");

        // what the forms stored is exactly the sample record, as the API returns it
        Api.Session api = Api.at(base).login(COORD_A, Fixtures.PASSWORD);
        Api.Reply r = api.get("api/v1/patients/" + SITE_A + "/" + pseudonym);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonObject> stored = new java.util.ArrayList<>();
        r.json().forEach((name, v) -> {
            if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                stored.add(v.asJsonObject());
            } else if (v.getValueType() == JsonValue.ValueType.ARRAY) {
                v.asJsonArray().forEach(o -> stored.add(o.asJsonObject()));
            }
        });
        // the tumour's effective grade (Tumour.grade()) is derived by the registry, not entered: G3 here
        JsonObject tumour = stored.stream().filter(o -> o.containsKey("grade")).findFirst().orElseThrow();
        assertThat(tumour.getString("grade")).isEqualTo("G3");
        stored.replaceAll(o -> o.containsKey("grade") ? Json.createObjectBuilder(o).remove("grade").build() : o);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(records);

        // the patient list of the site shows the patient
        browser.click("nav-patients");
        browser.waitForText(By.id("patient-table"), pseudonym.substring(0, 12));
        browser.screenshot("patient-list");
    }

    /** Every input people can reach has a label naming it (screen readers, keyboard users). */
    private static void assertEveryInputHasALabel(Browser browser) {
        for (WebElement e : browser.driver().findElements(By.cssSelector("input:not([type=hidden]), select, textarea"))) {
            String id = e.getAttribute("id");
            assertThat(id).as("an input without id").isNotBlank();
            assertThat(browser.driver().findElements(By.cssSelector("label[for='" + id + "']")))
                    .as("label of " + id).isNotEmpty();
        }
    }

    /** Types every field of the record into the form, as a person would (keyboard and clicks). */
    private static void fill(Browser browser, RecordType type, JsonObject record) {
        record.forEach((name, value) -> {
            if (name.equals("site_code") || (name.equals("patient_pseudonym") && type != RecordType.PATIENT)) {
                return;
            }
            String id = "record:f_" + name;
            if (value.getValueType() == JsonValue.ValueType.ARRAY) {
                for (JsonValue code : value.asJsonArray()) {
                    String c = ((JsonString) code).getString();
                    browser.driver().findElement(By.cssSelector("input[name='" + id + "'][value='" + c + "']")).click();
                }
                return;
            }
            String text = value instanceof JsonString s ? s.getString() : value.toString();
            WebElement e = browser.byId(id);
            if (e.getTagName().equals("select")) {
                new Select(e).selectByValue(text);
            } else {
                e.clear();
                e.sendKeys(text, Keys.TAB);
            }
        });
    }

    @Test
    void aFormWithAnErrorKeepsTheEnteredValuesAndWritesNothing(Browser browser) {
        String pseudonym = "e".repeat(63) + "2";
        browser.login(base, COORD_A, Fixtures.PASSWORD);
        browser.click("nav-enrol");
        browser.type("record:f_patient_pseudonym", pseudonym);
        new Select(browser.byId("record:f_sex")).selectByValue("FEMALE");
        browser.type("record:f_age_at_diagnosis_years", "250");
        browser.type("record:f_diagnosis_year", "2019");
        browser.click("record:save");
        browser.waitForText(By.id("record:m_age_at_diagnosis_years"), "250");
        browser.screenshot("form-with-error");
        assertThat(browser.byId("record:f_patient_pseudonym").getAttribute("value")).isEqualTo(pseudonym);
        assertThat(browser.byId("record:f_age_at_diagnosis_years").getAttribute("value")).isEqualTo("250");
        assertThat(browser.byId("record:f_diagnosis_year").getAttribute("value")).isEqualTo("2019");
        assertThat(new Select(browser.byId("record:f_sex")).getFirstSelectedOption().getAttribute("value")).isEqualTo("FEMALE");

        Api.Session api = Api.at(base).login(COORD_A, Fixtures.PASSWORD);
        assertThat(api.get("api/v1/patients/" + SITE_A + "/" + pseudonym).status()).isEqualTo(404);

        // corrected, the same form saves, from the keyboard alone
        browser.type("record:f_age_at_diagnosis_years", "61");
        browser.byId("record:save").sendKeys(Keys.ENTER);
        browser.waitFor(By.id("timeline"));
        assertThat(api.get("api/v1/patients/" + SITE_A + "/" + pseudonym).status()).isEqualTo(200);
    }

    @Test
    void aCrossRecordRuleIsShownAtItsField(Browser browser) {
        String pseudonym = "e".repeat(63) + "4";
        Api.Session a = Api.at(base).login(COORD_A, Fixtures.PASSWORD);
        assertThat(a.post("api/v1/patients", RecordJson.toJson(SampleRecords.patient(pseudonym, SITE_A)).toString())
                .status()).isEqualTo(201);
        browser.login(base, COORD_A, Fixtures.PASSWORD);
        browser.open(base, "app/site/record.xhtml?type=imaging_studies&patient=" + pseudonym);
        browser.type("record:f_study_id", "S9");
        browser.type("record:f_day", "100");
        new Select(browser.byId("record:f_modality")).selectByValue("CT");
        new Select(browser.byId("record:f_purpose")).selectByValue("SURVEILLANCE");
        new Select(browser.byId("record:f_body_region")).selectByValue("CHEST");
        new Select(browser.byId("record:f_contrast")).selectByValue("true");
        new Select(browser.byId("record:f_source")).selectByValue("FORM");
        new Select(browser.byId("record:f_result")).selectByValue("NO_EVIDENCE_OF_DISEASE");
        browser.click("record:save");
        // surveillance needs a treatment before it: the rule of the stored records, at the purpose field
        browser.waitForText(By.id("record:m_purpose"), "surveillance follows treatment");
        assertThat(new Select(browser.byId("record:f_purpose")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("SURVEILLANCE");
        assertThat(a.get("api/v1/patients/" + SITE_A + "/" + pseudonym + "/imaging-studies/S9").status()).isEqualTo(404);
    }

    @Test
    void aCoordinatorOfAnotherSiteIsRefusedThePatientsPagesByUrl(Browser browser) {
        String pseudonym = "e".repeat(63) + "3";
        Api.Session a = Api.at(base).login(COORD_A, Fixtures.PASSWORD);
        Api.Reply created = a.post("api/v1/patients", RecordJson.toJson(
                SampleRecords.patient(pseudonym, SITE_A)).toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        browser.login(base, COORD_B, Fixtures.PASSWORD);
        browser.open(base, "app/site/patient.xhtml?id=" + pseudonym);
        assertThat(browser.text("error-title")).isEqualTo("Not found");
        assertThat(browser.driver().getPageSource()).doesNotContain("Timeline");
        browser.screenshot("other-site-refused");

        PageClient b = new PageClient(base).login(COORD_B, Fixtures.PASSWORD);
        assertThat(b.get("app/site/patient.xhtml?id=" + pseudonym).status()).isEqualTo(404);
        assertThat(b.get("app/site/record.xhtml?type=tumours&patient=" + pseudonym).status()).isEqualTo(404);
        assertThat(b.get("app/site/record.xhtml?type=patients&patient=" + pseudonym).status()).isEqualTo(404);
        // its own coordinator sees it
        PageClient own = new PageClient(base).login(COORD_A, Fixtures.PASSWORD);
        assertThat(own.get("app/site/patient.xhtml?id=" + pseudonym).status()).isEqualTo(200);
    }
}
