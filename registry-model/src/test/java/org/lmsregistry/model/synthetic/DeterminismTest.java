package org.lmsregistry.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Same settings, same bytes; each patient depends only on (seed, site, index). */
class DeterminismTest {

    private static final CohortSettings SMALL = CohortSettings.defaults(7L, 5, 40);

    private static String digest(CohortSettings settings) {
        return RecordDigest.of(CohortGenerator.generate(settings).all());
    }

    private static String digest(SyntheticPatient p) {
        return RecordDigest.of(p.records().all());
    }

    @Test
    void theSameSettingsGiveTheSameRecords() {
        assertThat(digest(SMALL)).isEqualTo(digest(CohortSettings.defaults(7L, 5, 40)));
    }

    @Test
    void anotherSeedGivesOtherRecords() {
        assertThat(digest(SMALL.withSeed(8L))).isNotEqualTo(digest(SMALL));
    }

    /**
     * A pinned digest of a small cohort: it changes only when the generative model changes (then update
     * it together with docs/synthetic-data.md). It also shows that the output does not depend on the
     * JVM's locale, time zone or platform (the build runs tests under a Turkish locale).
     */
    @Test
    void aSmallCohortHasItsPinnedDigest() {
        assertThat(digest(CohortSettings.defaults(1L, 2, 20))).isEqualTo(PINNED_DIGEST);
    }

    static final String PINNED_DIGEST = "f6a774db1cbe8ce554e95a426a51cd5f286fef6db736544baa31cf0f53e16474";

    @Test
    void patientsDoNotDependOnOrderPartitioningOrThreads() {
        CohortGenerator generator = new CohortGenerator(SMALL);
        List<String> inOrder = new ArrayList<>();
        generator.forEachPatient(p -> inOrder.add(digest(p)));

        // backwards, by (site, index)
        List<String> backwards = new ArrayList<>();
        for (int site = SMALL.siteCount() - 1; site >= 0; site--) {
            for (int i = SMALL.patientsPerSite().get(site) - 1; i >= 0; i--) {
                backwards.add(digest(new CohortGenerator(SMALL).generatePatient(site, i)));
            }
        }
        Collections.reverse(backwards);
        assertThat(backwards).isEqualTo(inOrder);

        // in uneven partitions, each with its own generator, partitions processed out of order
        long total = generator.totalPatients();
        long[] bounds = {0, 7, 41, 42, 150, total};
        Map<Long, String> partitioned = new TreeMap<>();
        for (int part = bounds.length - 2; part >= 0; part--) {
            long from = bounds[part];
            CohortGenerator own = new CohortGenerator(SMALL);
            long[] next = {from};
            own.forEachPatient(from, bounds[part + 1], p -> partitioned.put(next[0]++, digest(p)));
        }
        assertThat(new ArrayList<>(partitioned.values())).isEqualTo(inOrder);

        // in parallel
        assertThat(generator.patients().parallel().map(DeterminismTest::digest).toList()).isEqualTo(inOrder);
    }

    @Test
    void aPatientDoesNotDependOnTheCohortSizeOrOtherSites() {
        CohortGenerator small = new CohortGenerator(SMALL);
        CohortSettings bigger = CohortSettings.defaults(7L, 6, 90)
                .withSites(replaceSite(SiteProfile.defaults(6), 0, SiteProfile.ARCHETYPES.get(3).withCode("NORTHX", "x")));
        CohortGenerator big = new CohortGenerator(bigger);
        for (int site = 1; site < 5; site++) {
            for (int i = 0; i < 40; i += 7) {
                assertThat(digest(big.generatePatient(site, i))).isEqualTo(digest(small.generatePatient(site, i)));
            }
        }
    }

    private static List<SiteProfile> replaceSite(List<SiteProfile> sites, int index, SiteProfile replacement) {
        List<SiteProfile> copy = new ArrayList<>(sites);
        copy.set(index, replacement);
        return copy;
    }

    /**
     * Surveillance habits change the studies (and so how and when a recurrence would have been visible),
     * not the patient, the tumour or the disease the registry records: the days recurrences are found,
     * deaths, follow-up.
     */
    @Test
    void surveillanceHabitsDoNotChangeTheLatentDisease() {
        List<SiteProfile> sites = new ArrayList<>(SMALL.sites());
        sites.set(0, sites.get(0).withSurveillance(new SiteProfile.SurveillanceHabits(0.5, 2.0, 0.3, 0.9, 0.02)));
        CohortGenerator usual = new CohortGenerator(SMALL);
        CohortGenerator sloppy = new CohortGenerator(SMALL.withSites(sites));
        int differentStudies = 0;
        for (int i = 0; i < 40; i++) {
            SyntheticPatient a = usual.generatePatient(0, i);
            SyntheticPatient b = sloppy.generatePatient(0, i);
            assertThat(b.records().patient()).isEqualTo(a.records().patient());
            assertThat(b.records().tumour()).isEqualTo(a.records().tumour());
            assertThat(b.records().imagingFeatures()).isEqualTo(a.records().imagingFeatures());
            assertThat(b.truth().metastasisFoundDay()).isEqualTo(a.truth().metastasisFoundDay());
            assertThat(b.truth().localRecurrenceFoundDay()).isEqualTo(a.truth().localRecurrenceFoundDay());
            assertThat(b.truth().diseaseDeathDay()).isEqualTo(a.truth().diseaseDeathDay());
            assertThat(b.truth().endOfFollowUpDay()).isEqualTo(a.truth().endOfFollowUpDay());
            if (!b.records().imagingStudies().equals(a.records().imagingStudies())) {
                differentStudies++;
            }
        }
        assertThat(differentStudies).isGreaterThan(20);
    }

    @Test
    void pseudonymsLookLikeHmacSha256AndAreUnique() {
        var batch = CohortGenerator.generate(SMALL);
        assertThat(batch.patients()).allSatisfy(p -> assertThat(p.pseudonym()).matches("[0-9a-f]{64}"));
        assertThat(batch.patients().stream().map(p -> p.pseudonym()).distinct().count())
                .isEqualTo(batch.patients().size());
        assertThat(digest(SMALL.withSeed(7L))).isEqualTo(digest(SMALL));
    }
}
