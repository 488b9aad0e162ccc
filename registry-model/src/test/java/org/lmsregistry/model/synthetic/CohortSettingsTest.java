package org.lmsregistry.model.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.code.PrimaryLocation;

class CohortSettingsTest {

    @Test
    void defaultSitesHaveFictionalCodesAndDifferentHabits() {
        List<SiteProfile> sites = SiteProfile.defaults(7);
        assertThat(sites).extracting(SiteProfile::code)
                .containsExactly("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "S06", "S07");
        assertThat(sites.get(5).surveillance()).isEqualTo(sites.get(0).surveillance());
        assertThat(sites.get(3).imaging().chestXrayShare()).isGreaterThan(0.5);
        assertThat(sites.get(0).imaging().chestXrayShare()).isZero();
        assertThat(sites.get(1).caseMix().share(PrimaryLocation.UTERUS)).isGreaterThan(0.5);
        double total = 0;
        for (PrimaryLocation l : PrimaryLocation.values()) {
            total += CaseMix.DEFAULT.share(l);
        }
        assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aTotalIsSplitEvenly() {
        CohortSettings s = CohortSettings.ofTotal(1, 3, 10);
        assertThat(s.patientsPerSite()).containsExactly(4, 3, 3);
        assertThat(s.totalPatients()).isEqualTo(10);
    }

    @Test
    void globalIndicesSkipSitesWithoutPatients() {
        CohortSettings s = CohortSettings.defaults(1, 4, 2).withPatientsPerSite(List.of(0, 3, 0, 2));
        CohortGenerator g = new CohortGenerator(s);
        assertThat(g.totalPatients()).isEqualTo(5);
        assertThat(List.of(0L, 1L, 2L, 3L, 4L)).extracting(g::siteOf).containsExactly(1, 1, 1, 3, 3);
        assertThat(g.globalIndex(3, 1)).isEqualTo(4);
        SyntheticPatient p = g.generatePatient(3L);
        assertThat(p.siteIndex()).isEqualTo(3);
        assertThat(p.patientIndex()).isZero();
        assertThat(p.records().patient().siteCode()).isEqualTo("WEST");
        assertThat(g.generate().patients()).hasSize(5);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> CohortSettings.defaults(1, 2, 5).withPatientsPerSite(List.of(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CohortSettings.defaults(1, 2, 5).withCalendar(2010, 2020, 2020))
                .isInstanceOf(IllegalArgumentException.class);
        List<SiteProfile> twice = List.of(SiteProfile.ARCHETYPES.get(0), SiteProfile.ARCHETYPES.get(0));
        assertThatThrownBy(() -> CohortSettings.defaults(1, 2, 5).withSites(twice))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> SiteProfile.ARCHETYPES.get(0).withCode("north", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SiteProfile.ImagingHabits(1.2, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CaseMix.of(PrimaryLocation.UTERUS, 0.0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A cohort diagnosed up to the year before the cut-off still has every record within follow-up. */
    @Test
    void shortFollowUpCohortsStayConsistent() {
        CohortSettings s = CohortSettings.defaults(5, 5, 40).withCalendar(2023, 2024, 2025);
        new CohortGenerator(s).forEachPatient(p -> assertThat(TimelineInvariantsTest.violations(p.records()))
                .as("patient %d/%d", p.siteIndex(), p.patientIndex()).isEmpty());
    }

    @Test
    void settingsSurviveJavaSerialisation() throws Exception {
        CohortSettings settings = CohortSettings.defaults(9, 6, 3);
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            CohortSettings copy = (CohortSettings) in.readObject();
            assertThat(copy).isEqualTo(settings);
            assertThat(RecordDigest.of(CohortGenerator.generate(copy).all()))
                    .isEqualTo(RecordDigest.of(CohortGenerator.generate(settings).all()));
        }
    }
}
