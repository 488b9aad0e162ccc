package org.lmsregistry.analysis.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.lmsregistry.analysis.spark.TestRegistry;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.record.ImagingFeatures;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.Tumour;
import org.lmsregistry.model.synthetic.CohortGenerator;

/** Cohort definitions: parsing, checking, and the patients Spark selects against the records counted in Java. */
class CohortTest {

    private static final RegistryBatch BATCH = CohortGenerator.generate(TestRegistry.SETTINGS);

    @Test
    void selectsTheSamePatientsAsTheRecordsSayStepByStep() {
        CohortDefinition d = CohortDefinition.parse("""
                {
                  "name": "high grade, 2010-2018, followed a year",
                  "sites": ["NORTH", "SOUTH", "EAST"],
                  "grades": ["G2", "G3"],
                  "diagnosisYears": {"from": 2010, "to": 2018},
                  "ageYears": {"from": 30},
                  "minimumFollowUpDays": 365,
                  "exclusions": {"locations": ["SKIN"], "withoutImagingFeatures": true}
                }
                """);
        Cohort cohort = Cohort.select(TestRegistry.data(), d);

        Map<String, Tumour> tumours = new HashMap<>();
        BATCH.tumours().forEach(t -> tumours.put(t.naturalKey(), t));
        Map<String, Integer> end = new HashMap<>();
        Map<String, Boolean> died = new HashMap<>();
        for (OutcomeEvent e : BATCH.outcomeEvents()) {
            String k = e.siteCode() + "/" + e.patientPseudonym();
            end.merge(k, e.day(), Math::max);
            if (e.kind() == OutcomeKind.DEATH) {
                died.put(k, true);
            }
        }
        Map<String, Boolean> features = new HashMap<>();
        for (ImagingFeatures f : BATCH.imagingFeatures()) {
            features.put(f.siteCode() + "/" + f.patientPseudonym(), true);
        }
        List<Predicate<Patient>> steps = List.of(
                p -> List.of("NORTH", "SOUTH", "EAST").contains(p.siteCode()),
                p -> tumours.get(p.naturalKey()).grade() != FnclccGrade.G1,
                p -> p.diagnosisYear() >= 2010 && p.diagnosisYear() <= 2018,
                p -> p.ageAtDiagnosisYears() >= 30,
                p -> end.get(p.naturalKey()) >= 365 || died.containsKey(p.naturalKey()),
                p -> tumours.get(p.naturalKey()).primaryLocation() != PrimaryLocation.SKIN,
                p -> features.containsKey(p.naturalKey()));
        assertThat(cohort.flow()).hasSize(steps.size() + 1);
        assertThat(cohort.flow().get(0).patientsLeft()).isEqualTo(BATCH.patients().size());
        Predicate<Patient> sofar = p -> true;
        for (int i = 0; i < steps.size(); i++) {
            sofar = sofar.and(steps.get(i));
            Predicate<Patient> keep = sofar;
            long expected = BATCH.patients().stream().filter(keep).count();
            assertThat(cohort.flow().get(i + 1).patientsLeft()).as(cohort.flow().get(i + 1).criterion())
                    .isEqualTo(expected);
        }
        long expectedSize = BATCH.patients().stream().filter(sofar).count();
        assertThat(cohort.size()).isEqualTo(expectedSize).isEqualTo(cohort.patients().count());
        assertThat(expectedSize).isBetween(100L, 2000L);
        for (Row r : cohort.patients().select(PatientTable.GRADE, PatientTable.SITE).collectAsList()) {
            assertThat(r.getString(0)).isIn("G2", "G3");
            assertThat(r.getString(1)).isIn("NORTH", "SOUTH", "EAST");
        }
        cohort.release();
    }

    @Test
    void listedPatientsAreExcluded() {
        Patient first = BATCH.patients().get(0);
        Cohort cohort = Cohort.select(TestRegistry.data(), CohortDefinition.parse("{\"exclusions\": {\"patients\": "
                + "[{\"site\": \"" + first.siteCode() + "\", \"pseudonym\": \"" + first.pseudonym() + "\"}]}}"));
        assertThat(cohort.size()).isEqualTo(BATCH.patients().size() - 1);
        cohort.release();
    }

    @Test
    void badDefinitionsAreRefusedWithEveryProblemNamed() {
        assertThatThrownBy(() -> CohortDefinition.parse("{\"grades\": [\"G4\"], \"locations\": [\"LUNG\"], "
                + "\"diagnosisYears\": {\"from\": 2020, \"to\": 2010}, \"minimumFollowUpDays\": -1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grades: G4 is not one of [G1, G2, G3]")
                .hasMessageContaining("locations: LUNG is not one of")
                .hasMessageContaining("diagnosisYears: from 2020 is after to 2010")
                .hasMessageContaining("minimumFollowUpDays must be 0 or more");
        assertThatThrownBy(() -> CohortDefinition.parse("{\"grade\": [\"G1\"]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grade");
        assertThatThrownBy(() -> CohortDefinition.parse("{\"sites\": [\"NORTH\"")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThat(CohortDefinition.parse("{}").name()).isEqualTo("unnamed cohort");
    }
}
