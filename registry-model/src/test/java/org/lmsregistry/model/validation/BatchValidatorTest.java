package org.lmsregistry.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.lmsregistry.model.validation.Fixtures.SITE;
import static org.lmsregistry.model.validation.Fixtures.batch;
import static org.lmsregistry.model.validation.Fixtures.biopsy;
import static org.lmsregistry.model.validation.Fixtures.cleanPatient;
import static org.lmsregistry.model.validation.Fixtures.cleanPatientWith;
import static org.lmsregistry.model.validation.Fixtures.event;
import static org.lmsregistry.model.validation.Fixtures.features;
import static org.lmsregistry.model.validation.Fixtures.patient;
import static org.lmsregistry.model.validation.Fixtures.pseudonym;
import static org.lmsregistry.model.validation.Fixtures.radiomics;
import static org.lmsregistry.model.validation.Fixtures.study;
import static org.lmsregistry.model.validation.Fixtures.surgery;
import static org.lmsregistry.model.validation.Fixtures.surveillance;
import static org.lmsregistry.model.validation.Fixtures.treatment;
import static org.lmsregistry.model.validation.Fixtures.tumour;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.lmsregistry.model.code.BiopsyApproach;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Tumour;

class BatchValidatorTest {

    private final BatchValidator validator = new BatchValidator();

    @Test
    void cleanBatchesHaveNoProblem() {
        assertThat(validator.validate(RegistryBatch.empty()).isClean()).isTrue();
        List<RegistryRecord> records = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            records.addAll(cleanPatient(n));
        }
        ValidationReport report = validator.validate(batch(records));
        assertThat(report.problems()).isEmpty();
        assertThat(report.hasErrors()).isFalse();
        assertThat(report.hasWarnings()).isFalse();
    }

    @Test
    void reportsEveryProblemAtOnceWithErrorsAndWarningsApart() {
        RegistryBatch b = batch(List.of(
                // patient 1: clean except a fine needle (warning) and a study after death (error)
                patient(1), tumour(1), surgery(1, "T1", 20), biopsy(1, "B1", -5, 18),
                surveillance(1, "S1", 110), event(1, "E1", OutcomeKind.DEATH, 100),
                // patient 2: unknown patient (its records), recurrence without surgery
                study(2, "D1", -3, StudyPurpose.DIAGNOSIS), event(2, "E1", OutcomeKind.LOCAL_RECURRENCE, 50),
                // patient 3: duplicate study and imaging features on an unknown study
                patient(3), study(3, "D1", -3, StudyPurpose.DIAGNOSIS), study(3, "D1", -2, StudyPurpose.STAGING),
                features(3, "D2")));

        ValidationReport report = validator.validate(b);

        assertThat(report.errors()).extracting(Problem::rule).containsExactlyInAnyOrder(
                Rule.STUDY_AFTER_DEATH, Rule.UNKNOWN_PATIENT, Rule.UNKNOWN_PATIENT, Rule.RECURRENCE_BEFORE_SURGERY,
                Rule.DUPLICATE_KEY, Rule.UNKNOWN_STUDY);
        assertThat(report.warnings()).extracting(Problem::rule).containsExactly(Rule.NEEDLE_FINER_THAN_16G);
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.problems()).hasSize(7);
        assertThat(report.countsByRule()).containsEntry(Rule.UNKNOWN_PATIENT, 2).hasSize(6);
        assertThat(report.toString()).startsWith("6 error(s), 1 warning(s)\n");
    }

    @Test
    void problemsComeInFileAndRowOrder() {
        RegistryBatch b = cleanPatientWith(surveillance(1, "S3", 300), biopsy(1, "B1", -5, 14),
                patient(1), features(1, "D7"));
        assertThat(validator.validate(b).problems())
                .extracting(Problem::recordType, Problem::row, Problem::rule)
                .containsExactly(
                        tuple(RecordType.PATIENT, 2L, Rule.DUPLICATE_KEY),
                        tuple(RecordType.BIOPSY, 2L, Rule.DUPLICATE_KEY),
                        tuple(RecordType.IMAGING_STUDY, 5L, Rule.DUPLICATE_KEY),
                        tuple(RecordType.IMAGING_FEATURES, 2L, Rule.UNKNOWN_STUDY));
    }

    @Test
    void aProblemNamesTypeRowKeyFieldValueRuleAndAHelpfulMessage() {
        Problem p = validator.validate(cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 250))).errors().get(0);
        assertThat(p.recordType()).isEqualTo(RecordType.IMAGING_STUDY);
        assertThat(p.row()).isEqualTo(4);
        assertThat(p.recordKey()).isEqualTo(SITE + "/" + pseudonym(1) + "/S3");
        assertThat(p.field()).isEqualTo("day");
        assertThat(p.value()).isEqualTo("290");
        assertThat(p.rule()).isEqualTo(Rule.STUDY_AFTER_DEATH);
        assertThat(p.message()).contains("S3", "day 290", "E1", "day 250");
        assertThat(p).hasToString("ERROR imaging_studies.csv row 4, field day = \"290\" [study-after-death]: "
                + p.message());
    }

    @Nested
    class Rows {

        @Test
        void rowsComeFromTheRowIndex() {
            RegistryBatch b = cleanPatientWith(surveillance(1, "S3", 300));
            Map<RecordType, long[]> lines = new EnumMap<>(RecordType.class);
            lines.put(RecordType.IMAGING_STUDY, new long[] {2, 3, 4, 7, 9});
            Problem p = validator.validate(b, RowIndex.ofLines(lines)).errors().get(0);
            assertThat(p.row()).isEqualTo(9);
            assertThat(p.message()).contains("first at row 7");
        }

        @Test
        void identicalRowsStillGetTheirOwnRows() {
            Patient same = patient(1);
            Patient copy = patient(1);
            RegistryBatch b = batch(same, copy);
            IdentityHashMap<RegistryRecord, Long> rows = new IdentityHashMap<>();
            rows.put(same, 12L);
            rows.put(copy, 15L);
            Problem p = validator.validate(b, RowIndex.byIdentity(rows)).errors().get(0);
            assertThat(p.rule()).isEqualTo(Rule.DUPLICATE_KEY);
            assertThat(p.row()).isEqualTo(15);
            assertThat(p.message()).startsWith("The patient appears more than once in the batch (first at row 12)");
            assertThat(validator.validate(batch(patient(1), tumour(1), tumour(1))).errors()).singleElement()
                    .satisfies(t -> assertThat(t.message()).startsWith("The primary tumour of this patient appears"));
            assertThat(validator.validate(Fixtures.cleanPatientWith(radiomics(1, "D1", "morph_volume"))).errors())
                    .singleElement().satisfies(r -> assertThat(r.message())
                            .startsWith("Radiomics value D1/morph_volume appears more than once"));
        }

        @Test
        void rowIndexFallsBackToPositions() {
            RowIndex lines = RowIndex.ofLines(Map.of(RecordType.PATIENT, new long[] {2}));
            assertThat(lines.row(RecordType.PATIENT, 0, patient(1))).isEqualTo(2);
            assertThat(lines.row(RecordType.PATIENT, 1, patient(1))).isEqualTo(2);
            assertThat(lines.row(RecordType.TUMOUR, 4, tumour(1))).isEqualTo(5);
            assertThat(RowIndex.byIdentity(new IdentityHashMap<>()).row(RecordType.PATIENT, 6, patient(1)))
                    .isEqualTo(7);
        }

        @Test
        void singleRecordProblemsGetRowsToo() {
            ValidationReport report = validator.validate(cleanPatientWith(biopsy(1, "B2", -4, 20)),
                    (type, index, record) -> 100L * (type.ordinal() + 1) + index);
            assertThat(report.warnings()).singleElement()
                    .satisfies(p -> assertThat(p.row()).isEqualTo(301));
        }
    }

    @Nested
    class References {

        @Test
        void everyChildTypeOfAnUnknownPatientIsReported() {
            List<RegistryRecord> records = new ArrayList<>(cleanPatient(1));
            records.remove(0);
            ValidationReport report = validator.validate(batch(records));
            assertThat(report.problems()).extracting(Problem::rule).containsOnly(Rule.UNKNOWN_PATIENT);
            assertThat(report.problems()).extracting(Problem::recordType).containsExactlyInAnyOrder(
                    RecordType.TUMOUR, RecordType.BIOPSY, RecordType.IMAGING_STUDY, RecordType.IMAGING_STUDY,
                    RecordType.IMAGING_STUDY, RecordType.IMAGING_STUDY, RecordType.IMAGING_FEATURES,
                    RecordType.RADIOMICS_VALUE, RecordType.TREATMENT);
            assertThat(report.problems()).allSatisfy(p -> {
                assertThat(p.field()).isEqualTo("patient_pseudonym");
                assertThat(p.value()).isEqualTo(pseudonym(1));
            });
        }

        @Test
        void theSamePseudonymAtAnotherSiteIsAnotherPatient() {
            Patient elsewhere = new Patient("SITEB", pseudonym(1), Sex.MALE, 40, 2020);
            List<RegistryRecord> records = new ArrayList<>(cleanPatient(1));
            records.set(0, elsewhere);
            ValidationReport report = validator.validate(batch(records));
            assertThat(report.errors()).extracting(Problem::rule).containsOnly(Rule.UNKNOWN_PATIENT).hasSize(9);
            assertThat(report.errors().get(0).message()).contains("site code SITEA");
        }

        @Test
        void studyKeysAreLookedUpWithinThePatientOnly() {
            // patient 2 has a study D1, but features of patient 1 on D5 do not find it
            RegistryBatch b = batch(List.of(patient(1), study(2, "D5", -1, StudyPurpose.STAGING), patient(2),
                    features(1, "D5"), radiomics(1, "D5", "stat_mean")));
            assertThat(validator.validate(b).errors()).extracting(Problem::rule, Problem::field)
                    .containsExactly(tuple(Rule.UNKNOWN_STUDY, "study_id"), tuple(Rule.UNKNOWN_STUDY, "study_id"));
        }

        @Test
        void aRepeatedRowIsReportedOnceAndNotCheckedAgain() {
            RegistryBatch b = cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300),
                    event(1, "E1", OutcomeKind.DEATH, 300));
            assertThat(validator.validate(b).problems()).extracting(Problem::rule)
                    .containsExactly(Rule.DUPLICATE_KEY);
        }

        @Test
        void theFirstOfTwoRecordsWithOneKeyIsTheOneChecked() {
            // the repeat (day 400) would break the death rule; the first (day 250) does not
            RegistryBatch b = cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300),
                    biopsy(1, "B2", 250, 14), biopsy(1, "B2", 400, 14));
            assertThat(validator.validate(b).problems()).extracting(Problem::rule, Problem::value)
                    .containsExactly(tuple(Rule.DUPLICATE_KEY, "B2"));
        }

        @Test
        void threeLastFollowUpsKeepTheLatest() {
            RegistryBatch b = cleanPatientWith(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 500),
                    event(1, "E2", OutcomeKind.LAST_FOLLOW_UP, 300), event(1, "E3", OutcomeKind.LAST_FOLLOW_UP, 400));
            assertThat(validator.validate(b).problems()).extracting(Problem::rule, Problem::recordKey)
                    .containsExactly(tuple(Rule.DUPLICATE_KEY, SITE + "/" + pseudonym(1) + "/E2"),
                            tuple(Rule.DUPLICATE_KEY, SITE + "/" + pseudonym(1) + "/E3"));
        }
    }

    @Nested
    class Timeline {

        @Test
        void sameDayIsNotAfter() {
            RegistryBatch b = cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 290),
                    biopsy(1, "B2", 290, 14), event(1, "E2", OutcomeKind.LAST_FOLLOW_UP, 290),
                    treatment(1, "T2", TreatmentKind.CHEMOTHERAPY, TreatmentSetting.PALLIATIVE, 290));
            assertThat(validator.validate(b).problems()).isEmpty();
        }

        @Test
        void everyRecordAfterDeathIsReported() {
            RegistryBatch b = cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 100));
            assertThat(validator.validate(b).errors()).extracting(Problem::rule, Problem::value).containsExactly(
                    tuple(Rule.STUDY_AFTER_DEATH, "110"), tuple(Rule.STUDY_AFTER_DEATH, "200"),
                    tuple(Rule.STUDY_AFTER_DEATH, "290"));
        }

        @Test
        void withTwoDeathsTheEarliestCounts() {
            RegistryBatch b = cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300),
                    event(1, "E2", OutcomeKind.DEATH, 250));
            assertThat(validator.validate(b).errors()).extracting(Problem::rule, Problem::recordKey)
                    .containsExactlyInAnyOrder(tuple(Rule.MORE_THAN_ONE_DEATH, SITE + "/" + pseudonym(1) + "/E1"),
                            tuple(Rule.STUDY_AFTER_DEATH, SITE + "/" + pseudonym(1) + "/S3"));
        }

        @Test
        void recurrenceCountsFromTheFirstSurgeryNotTheLast() {
            RegistryBatch b = cleanPatientWith(surgery(1, "T2", 400), event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 350));
            assertThat(validator.validate(b).problems()).isEmpty();
        }

        @Test
        void distantMetastasisBeforeSurgeryIsAllowed() {
            RegistryBatch b = cleanPatientWith(event(1, "E1", OutcomeKind.DISTANT_METASTASIS, 0));
            assertThat(validator.validate(b).problems()).isEmpty();
        }

        @Test
        void surveillanceCountsFromTheFirstSurgeryEvenAfterNeoadjuvantTreatment() {
            RegistryBatch b = cleanPatientWith(
                    treatment(1, "T0", TreatmentKind.RADIOTHERAPY, TreatmentSetting.NEOADJUVANT, 5),
                    surveillance(1, "S0", 10));
            assertThat(validator.validate(b).errors()).extracting(Problem::rule, Problem::value)
                    .containsExactly(tuple(Rule.SURVEILLANCE_BEFORE_TREATMENT, "10"));
        }

        @Test
        void followUpIsComparedWithEveryKindOfDatedRecord() {
            for (RegistryRecord later : List.of(biopsy(1, "B2", 301, 14),
                    treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.ADJUVANT, 301),
                    surveillance(1, "S4", 301), event(1, "E2", OutcomeKind.DISTANT_METASTASIS, 301))) {
                RegistryBatch b = cleanPatientWith(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 300), later);
                assertThat(validator.validate(b).errors()).as("later record %s", later)
                        .extracting(Problem::rule, Problem::value)
                        .containsExactly(tuple(Rule.FOLLOW_UP_BEFORE_LAST_RECORD, "300"));
            }
        }

        @Test
        void detectionOnTheDayOfTheEventIsFineAndANonSurveillanceStudyIsNotJudgedByItsResult() {
            RegistryBatch b = cleanPatientWith(study(1, "R1", 330, StudyPurpose.RESPONSE),
                    event(1, "E1", OutcomeKind.DISTANT_METASTASIS, 330, "R1"));
            assertThat(validator.validate(b).problems()).isEmpty();
        }

        @Test
        void anEquivocalDetectingStudyIsFlagged() {
            RegistryBatch b = cleanPatientWith(surveillance(1, "S4", 330, SurveillanceResult.EQUIVOCAL),
                    event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 340, "S4"));
            assertThat(validator.validate(b).problems()).extracting(Problem::rule, Problem::field)
                    .containsExactly(tuple(Rule.DETECTING_STUDY_NEGATIVE, "detected_by_study_id"));
        }

        @Test
        void onlyRetroperitonealTumoursAreFlaggedForTransperitonealBiopsy() {
            List<RegistryRecord> records = new ArrayList<>(cleanPatient(1));
            records.set(1, tumour(1, PrimaryLocation.UTERUS, FnclccGrade.G3));
            records.add(biopsy(1, "B2", -4, BiopsyApproach.TRANSPERITONEAL));
            assertThat(validator.validate(batch(records)).problems()).isEmpty();
        }
    }

    @Nested
    class SurveillanceSchedule {

        private RegistryBatch patient(FnclccGrade grade, RegistryRecord... more) {
            List<RegistryRecord> records = new ArrayList<>(List.of(Fixtures.patient(1),
                    tumour(1, PrimaryLocation.EXTREMITY, grade), surgery(1, "T1", 20)));
            records.addAll(List.of(more));
            return batch(records);
        }

        @Test
        void theFirstGapRunsFromTheEndOfPrimaryTreatment() {
            // adjuvant radiotherapy from day 60: the first study is due by day 60 + 152
            assertThat(validator.validate(patient(FnclccGrade.G3,
                    treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.ADJUVANT, 60),
                    surveillance(1, "S1", 212))).problems()).isEmpty();
            ValidationReport late = validator.validate(patient(FnclccGrade.G3,
                    treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.ADJUVANT, 60),
                    surveillance(1, "S1", 213)));
            assertThat(late.warnings()).singleElement().satisfies(p -> {
                assertThat(p.rule()).isEqualTo(Rule.SURVEILLANCE_INTERVAL_OUTSIDE_GUIDELINE);
                assertThat(p.message()).contains("153 days after the end of primary treatment, radiotherapy T2 (day 60)",
                        "grade G3", "every 3-4 months", "152 days");
            });
        }

        @Test
        void lowGradeAllowsSixMonthsThenAYear() {
            int sixMonths = 183 + 30;
            assertThat(validator.validate(patient(FnclccGrade.G1, surveillance(1, "S1", 20 + sixMonths)))
                    .problems()).isEmpty();
            assertThat(validator.validate(patient(FnclccGrade.G1, surveillance(1, "S1", 20 + sixMonths + 1)))
                    .warnings()).hasSize(1);
            // G2 counts as high grade: the same gap is too long
            assertThat(validator.validate(patient(FnclccGrade.G2, surveillance(1, "S1", 20 + sixMonths)))
                    .warnings()).hasSize(1);
            // after year 3, G1 allows a year
            assertThat(validator.validate(patient(FnclccGrade.G1, surveillance(1, "S1", 200),
                    surveillance(1, "S2", 400), surveillance(1, "S3", 600), surveillance(1, "S4", 800),
                    surveillance(1, "S5", 1000), surveillance(1, "S6", 1200), surveillance(1, "S7", 1596)))
                    .problems()).isEmpty();
        }

        @Test
        void everyOverdueGapIsReportedOnTheStudyThatClosesIt() {
            ValidationReport report = validator.validate(patient(FnclccGrade.G3, surveillance(1, "S1", 100),
                    surveillance(1, "S2", 400), surveillance(1, "S3", 500), surveillance(1, "S4", 800)));
            assertThat(report.warnings()).extracting(Problem::recordKey).containsExactly(
                    SITE + "/" + pseudonym(1) + "/S2", SITE + "/" + pseudonym(1) + "/S4");
        }

        @Test
        void surveillanceEndsAtRecurrenceOrDeath() {
            RegistryRecord[] longGapAfter = {surveillance(1, "S1", 100), surveillance(1, "S2", 200),
                    surveillance(1, "S3", 900)};
            assertThat(validator.validate(patient(FnclccGrade.G3, append(longGapAfter,
                    event(1, "E1", OutcomeKind.DISTANT_METASTASIS, 250)))).problems()).isEmpty();
            assertThat(validator.validate(patient(FnclccGrade.G3, append(longGapAfter,
                    event(1, "E1", OutcomeKind.DEATH, 950)))).problems()).hasSize(1);
            // a confirmed finding on a surveillance study ends it too; an unconfirmed one does not
            RegistryRecord[] withFinding = {surveillance(1, "S1", 100),
                    surveillance(1, "S2", 200, SurveillanceResult.LOCAL_RECURRENCE), surveillance(1, "S3", 900)};
            assertThat(validator.validate(patient(FnclccGrade.G3, withFinding)).problems()).isEmpty();
            ImagingStudy unconfirmed = new ImagingStudy(SITE, pseudonym(1), "S2", 200,
                    org.lmsregistry.model.code.Modality.MRI, StudyPurpose.SURVEILLANCE,
                    org.lmsregistry.model.code.BodyRegion.PRIMARY_SITE, true, null,
                    org.lmsregistry.model.code.RecordSource.FORM, SurveillanceResult.EQUIVOCAL, false, null, null);
            assertThat(validator.validate(patient(FnclccGrade.G3, surveillance(1, "S1", 100), unconfirmed,
                    surveillance(1, "S3", 900))).warnings()).hasSize(1);
        }

        @Test
        void notCheckedWithoutTumourBecauseTheGradeIsUnknown() {
            // a tumour record always has a grade (FNCLCC_INCOMPLETE), so only a missing tumour leaves it unknown
            assertThatThrownBy(() -> new Tumour(SITE, pseudonym(1), PrimaryLocation.EXTREMITY, TumourDepth.DEEP, 50,
                    3, null, null, null, null, null)).isInstanceOf(InvalidRecordException.class);
            RegistryBatch noTumour = batch(Fixtures.patient(1), surgery(1, "T1", 20), surveillance(1, "S1", 900));
            assertThat(validator.validate(noTumour).problems()).isEmpty();
        }

        @Test
        void palliativeTreatmentDoesNotStartTheSchedule() {
            List<RegistryRecord> records = new ArrayList<>(List.of(Fixtures.patient(1), tumour(1),
                    treatment(1, "T1", TreatmentKind.CHEMOTHERAPY, TreatmentSetting.PALLIATIVE, 20),
                    surveillance(1, "S1", 900)));
            assertThat(validator.validate(batch(records)).problems()).isEmpty();
        }

        @Test
        void aCustomGuidelineIsUsed() {
            BatchValidator strict = new BatchValidator(new SurveillanceGuideline(SurveillanceGuideline.Reading.STRICT, 0));
            RegistryBatch b = patient(FnclccGrade.G3, surveillance(1, "S1", 20 + 123));
            assertThat(strict.validate(b).warnings()).hasSize(1);
            assertThat(validator.validate(b).warnings()).isEmpty();
            assertThat(strict.guideline().toleranceDays()).isZero();
        }

        private RegistryRecord[] append(RegistryRecord[] records, RegistryRecord more) {
            List<RegistryRecord> all = new ArrayList<>(List.of(records));
            all.add(more);
            return all.toArray(RegistryRecord[]::new);
        }
    }

    @Nested
    class StoredRecordsOfTheRegistry {

        private final RegistryBatch stored = cleanPatientWith(event(1, "E9", OutcomeKind.LAST_FOLLOW_UP, 300));

        @Test
        void childRecordsOfAStoredPatientAreKnown() {
            RegistryBatch upload = batch(surveillance(1, "S4", 380), features(1, "D1"),
                    event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 380, "S3"),
                    event(1, "E9", OutcomeKind.LAST_FOLLOW_UP, 400));
            assertThat(validator.validate(upload, RowIndex.positions(), StoredRecords.of(stored)).problems())
                    .extracting(Problem::rule).containsExactly(Rule.DETECTING_STUDY_NEGATIVE);
            ValidationReport alone = validator.validate(upload);
            assertThat(alone.errors()).extracting(Problem::rule).contains(Rule.UNKNOWN_PATIENT, Rule.UNKNOWN_STUDY);
            assertThat(alone.problems(Rule.UNKNOWN_PATIENT)).hasSize(4)
                    .allSatisfy(p -> assertThat(p.message()).doesNotContain("registry"));
            assertThat(validator.validate(batch(surveillance(2, "S1", 100)), RowIndex.positions(),
                    StoredRecords.of(stored)).problems(Rule.UNKNOWN_PATIENT))
                    .singleElement().satisfies(p -> assertThat(p.message()).contains("in the batch or in the registry"));
        }

        @Test
        void theLookupIsAskedForThePatientsOfTheBatchOnly() {
            AtomicReference<Set<PatientRef>> asked = new AtomicReference<>();
            StoredRecords lookup = patients -> {
                asked.set(Set.copyOf(patients));
                return stored;
            };
            validator.validate(batch(surveillance(1, "S4", 380), Fixtures.patient(7)), RowIndex.positions(), lookup);
            assertThat(asked.get()).containsExactlyInAnyOrder(new PatientRef(SITE, pseudonym(1)),
                    new PatientRef(SITE, pseudonym(7)));
        }

        @Test
        void anEmptyBatchDoesNotAskTheLookup() {
            StoredRecords failing = patients -> {
                throw new AssertionError("not to be called");
            };
            assertThat(validator.validate(RegistryBatch.empty(), RowIndex.positions(), failing).isClean()).isTrue();
        }

        @Test
        void aProblemBetweenABatchAndAStoredRecordIsReportedOnTheBatchRecord() {
            RegistryBatch upload = batch(event(1, "E5", OutcomeKind.DEATH, 250));
            ValidationReport report = validator.validate(upload, RowIndex.positions(), StoredRecords.of(stored));
            assertThat(report.errors()).extracting(Problem::rule, Problem::recordKey, Problem::field)
                    .containsExactly(
                            tuple(Rule.STUDY_AFTER_DEATH, SITE + "/" + pseudonym(1) + "/E5", "day"),
                            tuple(Rule.EVENT_AFTER_DEATH, SITE + "/" + pseudonym(1) + "/E5", "day"));
            assertThat(report.errors().get(0).message()).contains("S3 (day 290, already in the registry)");
        }

        @Test
        void problemsAmongStoredRecordsAloneAreNotTheBatchs() {
            RegistryBatch badStore = cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 100));
            RegistryBatch upload = batch(radiomics(1, "D1", "stat_mean"));
            assertThat(validator.validate(upload, RowIndex.positions(), StoredRecords.of(badStore)).problems())
                    .isEmpty();
        }

        @Test
        void aBatchRecordReplacesTheStoredRecordWithTheSameKey() {
            // stored S3 is on day 290; the upload moves it to day 240, before the new death on day 250
            RegistryBatch upload = batch(surveillance(1, "S3", 240), event(1, "E5", OutcomeKind.DEATH, 250),
                    event(1, "E9", OutcomeKind.LAST_FOLLOW_UP, 250));
            assertThat(validator.validate(upload, RowIndex.positions(), StoredRecords.of(stored)).problems())
                    .isEmpty();
        }

        @Test
        void aSecondDeathNextToAStoredOneIsReportedOnTheUploadedOne() {
            RegistryBatch withDeath = cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300));
            RegistryBatch upload = batch(event(1, "E2", OutcomeKind.DEATH, 310));
            assertThat(validator.validate(upload, RowIndex.positions(), StoredRecords.of(withDeath)).errors())
                    .extracting(Problem::rule, Problem::recordKey)
                    .containsExactly(tuple(Rule.MORE_THAN_ONE_DEATH, SITE + "/" + pseudonym(1) + "/E2"));
            // and when the uploaded one is the earlier, it is still the one reported
            RegistryBatch earlier = batch(event(1, "E2", OutcomeKind.DEATH, 295));
            assertThat(validator.validate(earlier, RowIndex.positions(), StoredRecords.of(withDeath)).errors())
                    .extracting(Problem::rule, Problem::recordKey)
                    .containsExactly(tuple(Rule.MORE_THAN_ONE_DEATH, SITE + "/" + pseudonym(1) + "/E2"));
        }

        @Test
        void newRecordsAfterAStoredLastFollowUpAskForItToBeUpdated() {
            RegistryBatch upload = batch(surveillance(1, "S4", 380), biopsy(1, "B2", 390, 14));
            ValidationReport report = validator.validate(upload, RowIndex.positions(), StoredRecords.of(stored));
            assertThat(report.errors()).extracting(Problem::rule, Problem::recordType).containsExactly(
                    tuple(Rule.FOLLOW_UP_BEFORE_LAST_RECORD, RecordType.BIOPSY),
                    tuple(Rule.FOLLOW_UP_BEFORE_LAST_RECORD, RecordType.IMAGING_STUDY));
            assertThat(report.errors().get(0).message()).contains("last follow-up E9 (day 300, already in the registry)");

            RegistryBatch updated = batch(surveillance(1, "S4", 380), biopsy(1, "B2", 390, 14),
                    event(1, "E9", OutcomeKind.LAST_FOLLOW_UP, 390));
            assertThat(validator.validate(updated, RowIndex.positions(), StoredRecords.of(stored)).problems())
                    .isEmpty();
        }

        @Test
        void aNewLastFollowUpUnderANewKeyIsADuplicateOfTheStoredOne() {
            RegistryBatch upload = batch(event(1, "E10", OutcomeKind.LAST_FOLLOW_UP, 400));
            assertThat(validator.validate(upload, RowIndex.positions(), StoredRecords.of(stored)).errors())
                    .singleElement().satisfies(p -> {
                        assertThat(p.rule()).isEqualTo(Rule.DUPLICATE_KEY);
                        assertThat(p.recordKey()).endsWith("/E10");
                        assertThat(p.message()).contains("reuse its event key");
                    });
        }

        @Test
        void storedRecordsOfOtherPatientsAreIgnored() {
            RegistryBatch upload = batch(cleanPatient(2));
            assertThat(validator.validate(upload, RowIndex.positions(), StoredRecords.of(
                    cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 10)))).problems()).isEmpty();
        }

        @Test
        void aLookupThatReturnsNullIsAnError() {
            assertThatThrownBy(() -> validator.validate(batch(Fixtures.patient(1)), RowIndex.positions(),
                    patients -> null)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class SingleRecordRules {

        @Test
        void canBeLeftToTheParserAndThenAreNotRepeated() {
            RegistryBatch b = cleanPatientWith(biopsy(1, "B2", -4, 20));
            ValidationReport full = validator.validate(b);
            ValidationReport crossOnly = validator.withoutRecordRules().validate(b);
            assertThat(full.warnings()).hasSize(1);
            assertThat(crossOnly.isClean()).isTrue();
            // a parser's report merged with a full report keeps one copy of the same problem
            assertThat(full.merge(full).problems()).hasSize(1);
        }
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThatThrownBy(() -> validator.validate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> validator.validate(RegistryBatch.empty(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> validator.validate(RegistryBatch.empty(), RowIndex.positions(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BatchValidator(null)).isInstanceOf(NullPointerException.class);
    }
}
