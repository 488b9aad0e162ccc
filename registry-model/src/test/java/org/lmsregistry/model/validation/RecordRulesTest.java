package org.lmsregistry.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.lmsregistry.model.validation.Fixtures.patient;
import static org.lmsregistry.model.validation.Fixtures.surveillance;
import static org.lmsregistry.model.validation.Fixtures.tumour;
import static org.lmsregistry.model.validation.Fixtures.valuesOf;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmsregistry.model.code.ConfirmationMethod;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RecordType;

class RecordRulesTest {

    @Nested
    class AgeCappedAt90 {

        @ParameterizedTest(name = "age {0}: {1}")
        @CsvSource(textBlock = """
                0,   ok
                89,  ok
                90,  ok
                91,  AGE_CAPPED_AT_90
                95,  AGE_CAPPED_AT_90
                130, AGE_CAPPED_AT_90
                -1,  RANGE
                """)
        void agesAbove89AreStoredAs90(int age, String expected) {
            FieldValues v = valuesOf(patient(1)).put("age_at_diagnosis_years", age);
            List<Problem> problems = RecordRules.check(RecordType.PATIENT, v);
            if (expected.equals("ok")) {
                assertThat(problems).isEmpty();
                assertThat(new Patient(Fixtures.SITE, Fixtures.pseudonym(1), Sex.MALE, age, 2020)
                        .ageAtDiagnosisYears()).isEqualTo(age);
            } else {
                Rule rule = Rule.valueOf(expected);
                assertThat(problems).singleElement().satisfies(p -> {
                    assertThat(p.rule()).isEqualTo(rule);
                    assertThat(p.field()).isEqualTo("age_at_diagnosis_years");
                    assertThat(p.value()).isEqualTo(String.valueOf(age));
                });
                assertThatThrownBy(() -> new Patient(Fixtures.SITE, Fixtures.pseudonym(1), Sex.MALE, age, 2020))
                        .isInstanceOf(InvalidRecordException.class).hasMessageContaining(rule.id());
            }
        }

        @Test
        void theMessageSaysWhatToEnter() {
            Problem p = RecordRules.check(RecordType.PATIENT, valuesOf(patient(1)).put("age_at_diagnosis_years", 93))
                    .get(0);
            assertThat(p.message()).isEqualTo("Ages above 89 are stored as 90: enter 90 instead of 93.");
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
        }
    }

    @Test
    void everyProblemOfARecordIsReportedInFieldOrder() {
        FieldValues v = new FieldValues().put("site_code", "x").put("patient_pseudonym", "ABC")
                .put("age_at_diagnosis_years", 120).put("diagnosis_year", 1900);
        assertThat(RecordRules.check(RecordType.PATIENT, v)).extracting(Problem::field, Problem::rule)
                .containsExactly(tuple("site_code", Rule.FORMAT), tuple("patient_pseudonym", Rule.FORMAT),
                        tuple("sex", Rule.REQUIRED), tuple("age_at_diagnosis_years", Rule.AGE_CAPPED_AT_90),
                        tuple("diagnosis_year", Rule.RANGE));
    }

    @Test
    void aValueThatTheParserCouldNotReadIsNotReportedAgainAsMissing() {
        FieldValues v = valuesOf(patient(1)).markUnparseable("sex").markUnparseable("diagnosis_year");
        assertThat(RecordRules.check(RecordType.PATIENT, v)).isEmpty();
        FieldValues study = valuesOf(surveillance(1, "S1", 100)).markUnparseable("result");
        assertThat(RecordRules.check(RecordType.IMAGING_STUDY, study)).isEmpty();
    }

    @Test
    void theNaturalKeyShowsMissingKeyFields() {
        FieldValues v = valuesOf(surveillance(1, "S1", 100)).put("study_id", null);
        assertThat(RecordRules.naturalKey(RecordType.IMAGING_STUDY, v))
                .isEqualTo(Fixtures.SITE + "/" + Fixtures.pseudonym(1) + "/?");
        assertThat(RecordRules.check(RecordType.IMAGING_STUDY, v)).singleElement()
                .satisfies(p -> assertThat(p.recordKey()).endsWith("/?"));
    }

    @Test
    void valuesAreWrittenAsInTheInterchangeFormat() {
        assertThat(RecordRules.text(null)).isEmpty();
        assertThat(RecordRules.text(12.0)).isEqualTo("12");
        assertThat(RecordRules.text(12.5)).isEqualTo("12.5");
        assertThat(RecordRules.text(SurveillanceResult.EQUIVOCAL)).isEqualTo("EQUIVOCAL");
        assertThat(RecordRules.text(Set.of(FindingLocation.LUNG))).isEqualTo("LUNG");
        assertThat(RecordRules.text(true)).isEqualTo("true");
    }

    @Test
    void surveillanceFindingFieldsFollowTheResult() {
        FieldValues distant = valuesOf(surveillance(1, "S1", 100, SurveillanceResult.DISTANT_METASTASIS));
        assertThat(RecordRules.check(RecordType.IMAGING_STUDY, distant)).isEmpty();
        distant.put("finding_confirmed", false);
        assertThat(RecordRules.check(RecordType.IMAGING_STUDY, distant)).extracting(Problem::field, Problem::rule)
                .containsExactly(tuple("confirmation_method", Rule.NOT_APPLICABLE));
        FieldValues none = valuesOf(surveillance(1, "S1", 100)).put("finding_locations", Set.of(FindingLocation.BONE))
                .put("confirmation_method", ConfirmationMethod.BIOPSY);
        assertThat(RecordRules.check(RecordType.IMAGING_STUDY, none)).extracting(Problem::field, Problem::rule)
                .containsExactlyInAnyOrder(tuple("confirmation_method", Rule.NOT_APPLICABLE),
                        tuple("finding_locations", Rule.NOT_APPLICABLE));
    }

    @Test
    void freeTextIsScreenedForIdentifiers() {
        FieldValues v = valuesOf(tumour(1)).put("histology_notes", "call 555-123-4567");
        assertThat(RecordRules.check(RecordType.TUMOUR, v)).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(Rule.IDENTIFIER_REFUSED);
            assertThat(p.value()).isEqualTo("555-123-4567");
            assertThat(p.message()).contains("phone number");
        });
    }

    @Test
    void constructorsListEveryErrorOfTheRecord() {
        assertThatThrownBy(() -> new Patient("x", "ABC", null, 120, 1900))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.problems())
                        .extracting(Problem::rule).containsExactly(Rule.FORMAT, Rule.FORMAT, Rule.REQUIRED,
                                Rule.AGE_CAPPED_AT_90, Rule.RANGE));
    }

    @Test
    void checkAndCreateRunsTheRulesOnceAndBuildsOnlyValidValues() {
        FieldValues valid = valuesOf(patient(1));
        Invariants.Checked ok = Invariants.checkAndCreate(RecordType.PATIENT, valid, true);
        assertThat(ok.record()).isEqualTo(patient(1));
        assertThat(ok.problems()).isEmpty();

        Invariants.Checked notAsked = Invariants.checkAndCreate(RecordType.PATIENT, valuesOf(patient(1)), false);
        assertThat(notAsked.record()).isNull();

        Invariants.Checked bad = Invariants.checkAndCreate(RecordType.PATIENT,
                valuesOf(patient(1)).put("age_at_diagnosis_years", 93), true);
        assertThat(bad.record()).isNull();
        assertThat(bad.problems()).extracting(Problem::rule).containsExactly(Rule.AGE_CAPPED_AT_90);

        Invariants.Checked unparseable = Invariants.checkAndCreate(RecordType.PATIENT,
                valuesOf(patient(1)).markUnparseable("sex"), true);
        assertThat(unparseable.record()).isNull();
    }

    @Test
    void theSkippedConstructorCheckDoesNotLeakToLaterRecords() {
        Invariants.checkAndCreate(RecordType.PATIENT, valuesOf(patient(1)), true);
        Invariants.checkAndCreate(RecordType.PATIENT, valuesOf(patient(1)), false);
        // the same thread builds an invalid record directly: its constructor still refuses it
        assertThatThrownBy(() -> new Patient(Fixtures.SITE, Fixtures.pseudonym(1), Sex.MALE, 93, 2020))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining(Rule.AGE_CAPPED_AT_90.id());
    }
}
