package org.lmsregistry.web.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.Tumour;
import org.lmsregistry.web.testsupport.Api;
import org.lmsregistry.web.testsupport.Browser;
import org.lmsregistry.web.testsupport.BrowserExtension;
import org.lmsregistry.web.testsupport.Fixtures;
import org.lmsregistry.web.testsupport.Pseudonyms;
import org.lmsregistry.web.testsupport.RegistryIT;
import org.lmsregistry.web.testsupport.TestBatches;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The patient list of a coordinator's site in a real browser: search words narrow the list, the
 * column headers order it (checked row by row against the fixture), paging keeps the search, the
 * state is in the address (the back button returns to the previous order), and another site's
 * patients are never found, whatever is typed.
 */
@RegistryIT
@RunAsClient
@ExtendWith(BrowserExtension.class)
class PatientListIT {

    private static final String SITE_A = "PLSA";
    private static final String SITE_B = "PLSB";
    private static final String COORD_A = "pl-coord-a";
    private static final int COUNT_A = 30;

    /** What the list shows of a patient. */
    record Row(String pseudonym, String sex, int age, int year, PrimaryLocation location, FnclccGrade grade,
            String histology) {
    }

    private static final List<Row> SITE_A_ROWS = new ArrayList<>();
    private static final List<Row> SITE_B_ROWS = new ArrayList<>();
    private static boolean prepared;

    @ArquillianResource
    URL base;

    @BeforeEach
    void twoSitesWithPatients() {
        synchronized (PatientListIT.class) {
            if (prepared) {
                return;
            }
            Api api = Api.at(base);
            Fixtures fixtures = new Fixtures(api);
            fixtures.site(SITE_A);
            fixtures.site(SITE_B);
            fixtures.account(COORD_A, "COORDINATOR", SITE_A);
            PrimaryLocation[] locations = {PrimaryLocation.UTERUS, PrimaryLocation.RETROPERITONEUM,
                PrimaryLocation.VASCULAR_IVC, PrimaryLocation.OTHER};
            for (int i = 0; i < COUNT_A; i++) {
                SITE_A_ROWS.add(new Row(Pseudonyms.of("pl-a-" + i), i % 2 == 0 ? "FEMALE" : "MALE", 30 + (i * 7) % 31,
                        2010 + i % 10, locations[i % 4], FnclccGrade.values()[i % 3],
                        i % 5 == 0 ? "Epithelioid variant with marked atypia" : "Spindle cells in fascicles"));
            }
            for (int i = 0; i < 3; i++) {
                // the same words as site A's patients: a search must still never show them
                SITE_B_ROWS.add(new Row(Pseudonyms.of("pl-b-" + i), "FEMALE", 50, 2015, PrimaryLocation.UTERUS,
                        FnclccGrade.G2, "Epithelioid variant"));
            }
            upload(api, fixtures, SITE_A, SITE_A_ROWS);
            upload(api, fixtures, SITE_B, SITE_B_ROWS);
            prepared = true;
        }
    }

    private static void upload(Api api, Fixtures fixtures, String site, List<Row> rows) {
        RegistryBatch.Builder b = new RegistryBatch.Builder();
        for (Row r : rows) {
            b.add(new Patient(site, r.pseudonym(), Sex.valueOf(r.sex()), r.age(), r.year()));
            b.add(new Tumour(site, r.pseudonym(), r.location(), TumourDepth.DEEP, 80, null, null, null, r.grade(), null,
                    r.histology()));
        }
        Api.Reply reply = api.bearer(fixtures.token(site)).post("api/v1/uploads", "application/json",
                TestBatches.json(b.build()), Map.of());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    @Test
    void searchWordsNarrowTheListToTheOwnSite(Browser browser) {
        browser.login(base, COORD_A, Fixtures.PASSWORD);
        browser.click("nav-patients");
        assertThat(rows(browser)).hasSize(25);
        assertThat(browser.text("range")).isEqualTo("1-25 of 30 patients");
        browser.screenshot("patient-list-search");

        search(browser, "epithelioid");
        assertThat(rows(browser)).containsExactlyInAnyOrderElementsOf(
                pseudonyms(r -> r.histology().toLowerCase(Locale.ROOT).contains("epithelioid")));
        assertThat(browser.driver().getCurrentUrl()).contains("q=epithelioid");

        // two words: both must match (a location by its label, and a diagnosis year)
        search(browser, "Retroperitoneum 2015");
        List<String> expected = pseudonyms(r -> r.location() == PrimaryLocation.RETROPERITONEUM && r.year() == 2015);
        assertThat(expected).isNotEmpty();
        assertThat(rows(browser)).containsExactlyInAnyOrderElementsOf(expected);

        // a word of a location's label ("vena" of "inferior vena cava") and a grade
        search(browser, "vena g3");
        expected = pseudonyms(r -> r.location() == PrimaryLocation.VASCULAR_IVC && r.grade() == FnclccGrade.G3);
        assertThat(expected).isNotEmpty();
        assertThat(rows(browser)).containsExactlyInAnyOrderElementsOf(expected);

        // "male" is a sex, not the end of "female"
        search(browser, "male");
        assertThat(rows(browser)).containsExactlyInAnyOrderElementsOf(pseudonyms(r -> r.sex().equals("MALE")));

        // the start of a pseudonym
        String one = SITE_A_ROWS.get(7).pseudonym();
        search(browser, one.substring(0, 10));
        assertThat(rows(browser)).containsExactly(one);

        // another site's patient: not by its pseudonym, not by words that match it
        search(browser, SITE_B_ROWS.get(0).pseudonym().substring(0, 10));
        assertThat(rows(browser)).isEmpty();
        assertThat(browser.text("range")).isEqualTo("No patient matches.");
        search(browser, "epithelioid uterus 2015");
        assertThat(rows(browser)).doesNotContainAnyElementsOf(SITE_B_ROWS.stream().map(Row::pseudonym).toList())
                .containsExactlyInAnyOrderElementsOf(pseudonyms(r -> r.histology().startsWith("Epithelioid")
                        && r.location() == PrimaryLocation.UTERUS && r.year() == 2015));
        // the address cannot widen the scope either
        browser.open(base, "app/site/patients.xhtml?q=" + SITE_B_ROWS.get(1).pseudonym().substring(0, 10));
        assertThat(rows(browser)).isEmpty();

        // characters of SQL and LIKE are only text
        search(browser, "%' or 1=1 --");
        assertThat(rows(browser)).isEmpty();
    }

    @Test
    void theColumnHeadersSortTheRowsAndTheBackButtonReturns(Browser browser) {
        browser.login(base, COORD_A, Fixtures.PASSWORD);
        browser.click("nav-patients");

        // from the keyboard: the header is a link
        WebElement age = browser.byId("sort-age");
        age.sendKeys(Keys.ENTER);
        waitForUrl(browser, "sort=age");
        assertThat(browser.driver().findElement(By.id("sort-age")).findElement(By.xpath(".."))
                .getAttribute("aria-sort")).isEqualTo("ascending");
        List<Row> byAge = sorted(Comparator.comparingInt(Row::age));
        assertThat(column(browser, "c-age")).containsExactlyElementsOf(
                byAge.subList(0, 25).stream().map(r -> Integer.toString(r.age())).toList());
        assertThat(rows(browser)).containsExactlyElementsOf(byAge.subList(0, 25).stream().map(Row::pseudonym).toList());
        String ascending = browser.driver().getCurrentUrl();

        browser.byId("sort-age").sendKeys(Keys.ENTER);
        waitForUrl(browser, "dir=desc");
        List<Row> byAgeDown = sorted(Comparator.comparingInt(Row::age).reversed());
        assertThat(rows(browser)).containsExactlyElementsOf(byAgeDown.subList(0, 25).stream().map(Row::pseudonym).toList());
        assertThat(browser.driver().findElement(By.id("sort-age")).findElement(By.xpath(".."))
                .getAttribute("aria-sort")).isEqualTo("descending");
        browser.screenshot("patient-list-sorted");

        // back: the previous order again, from the address alone
        browser.driver().navigate().back();
        waitForUrl(browser, "dir=asc");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(ascending);
        assertThat(rows(browser)).containsExactlyElementsOf(byAge.subList(0, 25).stream().map(Row::pseudonym).toList());

        // locations sort by the label people read, not by the stored code
        browser.click("sort-location");
        waitForUrl(browser, "sort=location");
        List<String> labels = column(browser, "c-location");
        assertThat(labels).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(labels.get(0)).isEqualTo(PrimaryLocation.VASCULAR_IVC.label());

        // grade and year, descending: order checked on the rows
        browser.open(base, "app/site/patients.xhtml?sort=year&dir=desc&size=50");
        assertThat(rows(browser)).containsExactlyElementsOf(
                sorted(Comparator.comparingInt(Row::year).reversed()).stream().map(Row::pseudonym).toList());
    }

    @Test
    void pagingKeepsTheSearchAndTheOrder(Browser browser) {
        browser.login(base, COORD_A, Fixtures.PASSWORD);
        browser.click("nav-patients");
        browser.type("q", "spindle");
        new Select(browser.byId("size")).selectByValue("10");
        browser.click("search-button");
        waitForUrl(browser, "q=spindle");
        browser.click("sort-age");
        waitForUrl(browser, "sort=age");

        List<Row> spindle = SITE_A_ROWS.stream().filter(r -> r.histology().startsWith("Spindle"))
                .sorted(Comparator.comparingInt(Row::age).thenComparing(Row::pseudonym)).toList();
        assertThat(spindle).hasSize(24);
        assertThat(rows(browser)).containsExactlyElementsOf(pseudonymsOf(spindle.subList(0, 10)));
        assertThat(browser.text("range")).isEqualTo("1-10 of 24 patients");
        assertThat(browser.text("page-of")).isEqualTo("Page 1 of 3");

        browser.click("page-next");
        waitForUrl(browser, "page=2");
        assertThat(rows(browser)).containsExactlyElementsOf(pseudonymsOf(spindle.subList(10, 20)));
        assertThat(browser.text("range")).isEqualTo("11-20 of 24 patients");
        browser.click("page-last");
        waitForUrl(browser, "page=3");
        assertThat(rows(browser)).containsExactlyElementsOf(pseudonymsOf(spindle.subList(20, 24)));
        assertThat(browser.driver().findElements(By.id("page-next"))).isEmpty();
        assertThat(browser.driver().getCurrentUrl()).contains("q=spindle").contains("sort=age").contains("size=10");
        // the search form shows what the list is
        assertThat(browser.byId("q").getAttribute("value")).isEqualTo("spindle");

        // a new search starts at page 1 and keeps the order
        browser.type("q", "spindle g1");
        browser.click("search-button");
        waitForUrl(browser, "g1");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("page=");
        assertThat(rows(browser)).containsExactlyElementsOf(pseudonymsOf(spindle.stream()
                .filter(r -> r.grade() == FnclccGrade.G1).limit(10).toList()));
    }

    @Test
    void aWrongValueInTheAddressIsNamedAndListsNothing(Browser browser) {
        browser.login(base, COORD_A, Fixtures.PASSWORD);
        browser.open(base, "app/site/patients.xhtml?from=20x5&sort=shoe_size");
        String messages = browser.text("messages");
        assertThat(messages).contains("Diagnosed from year: '20x5' is not a year")
                .contains("Sort: 'shoe_size' is not a column of the list.");
        assertThat(browser.driver().findElements(By.id("patient-table"))).isEmpty();
        // the typed value stays in the form to be corrected
        assertThat(browser.byId("from").getAttribute("value")).isEqualTo("20x5");
    }

    private static void search(Browser browser, String words) {
        String before = browser.driver().getCurrentUrl();
        browser.type("q", words);
        browser.click("search-button");
        new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
                .until(d -> !d.getCurrentUrl().equals(before));
        browser.byId("range");
    }

    private static void waitForUrl(Browser browser, String part) {
        new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20)).until(ExpectedConditions.urlContains(part));
        browser.byId("range");
    }

    private static List<String> rows(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#patient-table tr.patient-row")).stream()
                .map(e -> e.getAttribute("data-pseudonym")).toList();
    }

    private static List<String> column(Browser browser, String cssClass) {
        return browser.driver().findElements(By.cssSelector("#patient-table td." + cssClass)).stream()
                .map(WebElement::getText).toList();
    }

    private static List<String> pseudonyms(Predicate<Row> which) {
        return pseudonymsOf(SITE_A_ROWS.stream().filter(which).toList());
    }

    private static List<String> pseudonymsOf(List<Row> rows) {
        return rows.stream().map(Row::pseudonym).toList();
    }

    /** Site A's rows in the list's order: the column, then the pseudonym. */
    private static List<Row> sorted(Comparator<Row> column) {
        return SITE_A_ROWS.stream().sorted(column.thenComparing(Row::pseudonym)).toList();
    }
}
