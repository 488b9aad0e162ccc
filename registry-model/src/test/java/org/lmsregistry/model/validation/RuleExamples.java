package org.lmsregistry.model.validation;

import static org.lmsregistry.model.validation.Fixtures.batch;
import static org.lmsregistry.model.validation.Fixtures.biopsy;
import static org.lmsregistry.model.validation.Fixtures.cleanPatient;
import static org.lmsregistry.model.validation.Fixtures.cleanPatientWith;
import static org.lmsregistry.model.validation.Fixtures.event;
import static org.lmsregistry.model.validation.Fixtures.features;
import static org.lmsregistry.model.validation.Fixtures.patient;
import static org.lmsregistry.model.validation.Fixtures.radiomics;
import static org.lmsregistry.model.validation.Fixtures.study;
import static org.lmsregistry.model.validation.Fixtures.surgery;
import static org.lmsregistry.model.validation.Fixtures.surveillance;
import static org.lmsregistry.model.validation.Fixtures.treatment;
import static org.lmsregistry.model.validation.Fixtures.tumour;
import static org.lmsregistry.model.validation.Fixtures.valuesOf;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.lmsregistry.model.code.BiopsyApproach;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurgicalMargin;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Tumour;

/**
 * The table of rule examples: for every {@link Rule}, at least one case that breaks it and one that
 * passes, or an explicit note that the interchange parser's tests cover it. {@link RuleCoverageTest}
 * runs the table and fails when a rule has no row; {@link ValidationRulesDocTest} takes each rule's
 * example message for {@code docs/validation-rules.md} from it.
 */
final class RuleExamples {

    /** Rules that only a parser of text can break; the interchange tests cover them. */
    static final Set<Rule> PARSER_ONLY = EnumSet.of(Rule.CODE_LIST, Rule.UNKNOWN_FIELD, Rule.MALFORMED);

    /** Where a rule is checked. */
    enum Checker {
        RECORD_RULES("RecordRules (each record; record constructors refuse its errors)"),
        BATCH_VALIDATOR("BatchValidator (across the records of a batch and the registry)"),
        INTERCHANGE_PARSER("interchange parser (covered by the interchange tests)");

        final String description;

        Checker(String description) {
            this.description = description;
        }
    }

    /**
     * One row: a rule, a failing case and a passing case.
     *
     * @param rule      the rule
     * @param name      what the case shows
     * @param checker   where the rule is checked
     * @param type      the record type of a single-record case, or null for a batch case
     * @param failing   values (single record) or batch that break the rule
     * @param passing   values or batch that break no rule at all
     * @param alsoFires other rules the failing case necessarily breaks too
     */
    record Example(Rule rule, String name, Checker checker, RecordType type, Supplier<Object> failing,
            Supplier<Object> passing, Set<Rule> alsoFires) {

        boolean isExecutable() {
            return checker != Checker.INTERCHANGE_PARSER;
        }

        @Override
        public String toString() {
            return rule.id() + ": " + name;
        }
    }

    private final List<Example> examples = new ArrayList<>();

    private RuleExamples() {
    }

    private void record(Rule rule, String name, RecordType type, Supplier<FieldValues> failing,
            Supplier<FieldValues> passing) {
        examples.add(new Example(rule, name, Checker.RECORD_RULES, type, failing::get, passing::get, Set.of()));
    }

    private void batchCase(Rule rule, String name, Supplier<RegistryBatch> failing, Supplier<RegistryBatch> passing,
            Rule... alsoFires) {
        examples.add(new Example(rule, name, Checker.BATCH_VALIDATOR, null, failing::get, passing::get,
                alsoFires.length == 0 ? Set.of() : EnumSet.of(alsoFires[0], alsoFires)));
    }

    private void parserOnly(Rule rule, String why) {
        examples.add(new Example(rule, why, Checker.INTERCHANGE_PARSER, null, null, null, Set.of()));
    }

    /** Values of a valid record with some fields changed ({@code null} removes a value). */
    private static FieldValues changed(RegistryRecord record, Object... fieldValuePairs) {
        FieldValues v = valuesOf(record);
        for (int i = 0; i < fieldValuePairs.length; i += 2) {
            v.put((String) fieldValuePairs[i], fieldValuePairs[i + 1]);
        }
        return v;
    }

    /**
     * The clean patient 1 without some of its records and with others. A record is named by its own key
     * (the natural key after site and pseudonym, e.g. "S1"), or "tumour".
     */
    private static RegistryBatch patientWithout(List<String> ownKeys, RegistryRecord... more) {
        String prefix = Fixtures.SITE + "/" + Fixtures.pseudonym(1) + "/";
        List<RegistryRecord> records = new ArrayList<>();
        for (RegistryRecord r : cleanPatient(1)) {
            boolean drop = r instanceof Tumour ? ownKeys.contains("tumour")
                    : r.naturalKey().startsWith(prefix) && ownKeys.contains(r.naturalKey().substring(prefix.length()));
            if (!drop) {
                records.add(r);
            }
        }
        records.addAll(List.of(more));
        return batch(records);
    }

    static List<Example> all() {
        RuleExamples t = new RuleExamples();
        t.build();
        return List.copyOf(t.examples);
    }

    private void build() {
        // ---------------------------------------------------------------- single values
        record(Rule.REQUIRED, "patient without sex", RecordType.PATIENT,
                () -> changed(patient(1), "sex", null), () -> valuesOf(patient(1)));
        record(Rule.REQUIRED, "study without day", RecordType.IMAGING_STUDY,
                () -> changed(surveillance(1, "S1", 110), "day", null), () -> valuesOf(surveillance(1, "S1", 110)));
        record(Rule.REQUIRED, "a key field is required too: treatment without treatment_id", RecordType.TREATMENT,
                () -> changed(surgery(1, "T1", 20), "treatment_id", null), () -> valuesOf(surgery(1, "T1", 20)));
        record(Rule.TYPE, "radiomics value that is not a finite number (NaN)", RecordType.RADIOMICS_VALUE,
                () -> changed(radiomics(1, "D1", "stat_mean"), "value", Double.NaN),
                () -> changed(radiomics(1, "D1", "stat_mean"), "value", -0.25));
        record(Rule.TYPE, "ADC that is infinite", RecordType.IMAGING_FEATURES,
                () -> changed(features(1, "D1"), "adc_mean", Double.POSITIVE_INFINITY),
                () -> changed(features(1, "D1"), "adc_mean", 5000.0));
        parserOnly(Rule.TYPE, "text that is not an integer, decimal or true/false, e.g. day \"12a\"");
        parserOnly(Rule.CODE_LIST, "a code outside the list, e.g. modality \"MRT\" (typed values can only hold "
                + "codes of the list)");
        record(Rule.RANGE, "tumour diameter 0 mm (minimum 1)", RecordType.TUMOUR,
                () -> changed(tumour(1), "largest_diameter_mm", 0), () -> changed(tumour(1), "largest_diameter_mm", 1));
        record(Rule.RANGE, "study day 36501 (maximum 36500)", RecordType.IMAGING_STUDY,
                () -> changed(surveillance(1, "S1", 110), "day", 36501),
                () -> changed(surveillance(1, "S1", 110), "day", 36500));
        record(Rule.RANGE, "outcome on day -1 (outcomes are on or after diagnosis)", RecordType.OUTCOME_EVENT,
                () -> changed(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 300), "day", -1),
                () -> changed(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 300), "day", 0));
        record(Rule.RANGE, "negative age", RecordType.PATIENT,
                () -> changed(patient(1), "age_at_diagnosis_years", -1),
                () -> changed(patient(1), "age_at_diagnosis_years", 0));
        record(Rule.RANGE, "histology notes longer than 2000 characters", RecordType.TUMOUR,
                () -> changed(tumour(1), "histology_notes", "G3 ".repeat(700)),
                () -> changed(tumour(1), "histology_notes", "x".repeat(2000)));
        record(Rule.FORMAT, "lower-case site code", RecordType.PATIENT,
                () -> changed(patient(1), "site_code", "sitea"), () -> valuesOf(patient(1)));
        record(Rule.FORMAT, "pseudonym that is not 64 hex digits (an identifier)", RecordType.PATIENT,
                () -> changed(patient(1), "patient_pseudonym", "MRN1234567"), () -> valuesOf(patient(1)));
        record(Rule.FORMAT, "study key with a space", RecordType.IMAGING_STUDY,
                () -> changed(surveillance(1, "S1", 110), "study_id", "S 1"),
                () -> changed(surveillance(1, "S1", 110), "study_id", "S-1.a_2"));
        record(Rule.AGE_CAPPED_AT_90, "age 91 must be stored as 90", RecordType.PATIENT,
                () -> changed(patient(1), "age_at_diagnosis_years", 91),
                () -> changed(patient(1), "age_at_diagnosis_years", 90));
        parserOnly(Rule.UNKNOWN_FIELD, "a column or property that is not a field of the record type (typed values "
                + "are read by field name)");
        parserOnly(Rule.MALFORMED, "a line with the wrong number of fields, an unterminated quote, bytes that are "
                + "not UTF-8 or broken JSON (typed values cannot be malformed)");
        record(Rule.IDENTIFIER_REFUSED, "calendar date in histology notes", RecordType.TUMOUR,
                () -> changed(tumour(1), "histology_notes", "resected 12-Mar-2019"),
                () -> changed(tumour(1), "histology_notes", "mitoses 25/10 HPF, necrosis 40%, G3"));
        record(Rule.IDENTIFIER_REFUSED, "name in histology notes", RecordType.TUMOUR,
                () -> changed(tumour(1), "histology_notes", "reviewed by Dr Smith"),
                () -> changed(tumour(1), "histology_notes", "MR showed necrosis; reviewed at tumour board"));

        // ---------------------------------------------------------------- one record, several fields
        record(Rule.CONDITIONAL_REQUIRED, "surgery without resection margin", RecordType.TREATMENT,
                () -> changed(surgery(1, "T1", 20), "surgical_margin", null), () -> valuesOf(surgery(1, "T1", 20)));
        record(Rule.CONDITIONAL_REQUIRED, "surveillance study without result", RecordType.IMAGING_STUDY,
                () -> changed(surveillance(1, "S1", 110), "result", null), () -> valuesOf(surveillance(1, "S1", 110)));
        record(Rule.CONDITIONAL_REQUIRED, "distant metastasis without locations", RecordType.OUTCOME_EVENT,
                () -> changed(event(1, "E1", OutcomeKind.DISTANT_METASTASIS, 200), "locations", null),
                () -> valuesOf(event(1, "E1", OutcomeKind.DISTANT_METASTASIS, 200)));
        record(Rule.CONDITIONAL_REQUIRED, "needle biopsy without gauge", RecordType.BIOPSY,
                () -> changed(biopsy(1, "B1", -5, BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL), "needle_gauge", null),
                () -> valuesOf(biopsy(1, "B1", -5, BiopsyApproach.OPEN_INCISIONAL)));
        record(Rule.NOT_APPLICABLE, "radiotherapy with a resection margin", RecordType.TREATMENT,
                () -> changed(treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.ADJUVANT, 60),
                        "surgical_margin", SurgicalMargin.R0),
                () -> valuesOf(treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.ADJUVANT, 60)));
        record(Rule.NOT_APPLICABLE, "diagnostic study with a surveillance result", RecordType.IMAGING_STUDY,
                () -> changed(study(1, "D1", -10, StudyPurpose.DIAGNOSIS), "result",
                        SurveillanceResult.NO_EVIDENCE_OF_DISEASE),
                () -> valuesOf(study(1, "D1", -10, StudyPurpose.DIAGNOSIS)));
        record(Rule.NOT_APPLICABLE, "last follow-up naming a detecting study", RecordType.OUTCOME_EVENT,
                () -> changed(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 300), "detected_by_study_id", "S3"),
                () -> valuesOf(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 300)));
        record(Rule.FNCLCC_INCOMPLETE, "tumour with neither all components nor a stated grade", RecordType.TUMOUR,
                () -> changed(tumour(1), "necrosis", null, "fnclcc_grade", null),
                () -> changed(tumour(1), "necrosis", null, "fnclcc_grade", FnclccGrade.G3));
        record(Rule.FNCLCC_GRADE_MISMATCH, "components give G3 (3+3+2), stated G2", RecordType.TUMOUR,
                () -> changed(tumour(1), "fnclcc_grade", FnclccGrade.G2),
                () -> changed(tumour(1), "fnclcc_grade", FnclccGrade.G3));

        // ---------------------------------------------------------------- several records
        batchCase(Rule.DUPLICATE_KEY, "the same study key twice",
                () -> cleanPatientWith(surveillance(1, "S3", 300)), () -> cleanPatientWith(surveillance(1, "S4", 300)));
        batchCase(Rule.DUPLICATE_KEY, "the same patient twice (identical rows)",
                () -> cleanPatientWith(patient(1)), () -> cleanPatientWith());
        batchCase(Rule.DUPLICATE_KEY, "the same radiomics feature of the same study twice",
                () -> cleanPatientWith(radiomics(1, "D1", "morph_volume")),
                () -> cleanPatientWith(radiomics(1, "D1", "stat_mean")));
        batchCase(Rule.DUPLICATE_KEY, "two last follow-up events (one per patient)",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 300),
                        event(1, "E2", OutcomeKind.LAST_FOLLOW_UP, 400)),
                () -> cleanPatientWith(event(1, "E2", OutcomeKind.LAST_FOLLOW_UP, 400)));
        batchCase(Rule.UNKNOWN_PATIENT, "study of a pseudonym without patient record",
                () -> cleanPatientWith(study(2, "D1", -10, StudyPurpose.DIAGNOSIS)),
                () -> batch(cleanPatientWith().all().toList(), cleanPatient(2)));
        batchCase(Rule.UNKNOWN_STUDY, "imaging features on a study key the patient does not have",
                () -> cleanPatientWith(features(1, "D9")),
                () -> cleanPatientWith(study(1, "D9", -9, StudyPurpose.STAGING), features(1, "D9")));
        batchCase(Rule.UNKNOWN_STUDY, "radiomics value on another patient's study",
                () -> batch(cleanPatientWith().all().toList(), cleanPatient(2), List.of(radiomics(2, "D1x", "a"))),
                () -> batch(cleanPatientWith().all().toList(), cleanPatient(2), List.of(radiomics(2, "D1", "a"))));
        batchCase(Rule.UNKNOWN_STUDY, "recurrence detected by an unknown study",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 400, "S9"),
                        surveillance(1, "S4", 380)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 400, "S9"),
                        surveillance(1, "S4", 380), surveillance(1, "S9", 400, SurveillanceResult.LOCAL_RECURRENCE)));
        batchCase(Rule.STUDY_AFTER_DEATH, "surveillance study the day after death",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 289)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 290)));
        batchCase(Rule.EVENT_AFTER_DEATH, "treatment after death",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300),
                        treatment(1, "T2", TreatmentKind.CHEMOTHERAPY, TreatmentSetting.PALLIATIVE, 301)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300),
                        treatment(1, "T2", TreatmentKind.CHEMOTHERAPY, TreatmentSetting.PALLIATIVE, 300)));
        batchCase(Rule.EVENT_AFTER_DEATH, "distant metastasis recorded after death",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300),
                        event(1, "E2", OutcomeKind.DISTANT_METASTASIS, 320)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 330),
                        event(1, "E2", OutcomeKind.DISTANT_METASTASIS, 320)));
        batchCase(Rule.EVENT_AFTER_DEATH, "last follow-up after death",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300),
                        event(1, "E2", OutcomeKind.LAST_FOLLOW_UP, 301)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300),
                        event(1, "E2", OutcomeKind.LAST_FOLLOW_UP, 300)));
        batchCase(Rule.EVENT_AFTER_DEATH, "biopsy after death",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300), biopsy(1, "B2", 301, 14)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300), biopsy(1, "B2", 300, 14)));
        batchCase(Rule.MORE_THAN_ONE_DEATH, "two death events",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300), event(1, "E2", OutcomeKind.DEATH, 300)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.DEATH, 300)));
        batchCase(Rule.RECURRENCE_BEFORE_SURGERY, "local recurrence on the day of the first surgery",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 20)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 21)));
        batchCase(Rule.RECURRENCE_BEFORE_SURGERY, "local recurrence of a patient without surgery",
                () -> patientWithout(List.of("T1", "S1", "S2", "S3"),
                        treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.CURATIVE, 20),
                        event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 300)),
                () -> patientWithout(List.of("T1", "S1", "S2", "S3"),
                        treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.CURATIVE, 20),
                        event(1, "E1", OutcomeKind.DISTANT_METASTASIS, 300)));
        batchCase(Rule.SURVEILLANCE_BEFORE_TREATMENT, "surveillance study on the day of the first surgery",
                () -> cleanPatientWith(surveillance(1, "S0", 20)), () -> cleanPatientWith(surveillance(1, "S0", 21)));
        batchCase(Rule.SURVEILLANCE_BEFORE_TREATMENT,
                "no surgery: surveillance before the first treatment of any kind",
                () -> patientWithout(List.of("T1", "S1", "S2"),
                        treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.CURATIVE, 290),
                        treatment(1, "T3", TreatmentKind.CHEMOTHERAPY, TreatmentSetting.CURATIVE, 300)),
                () -> patientWithout(List.of("T1", "S1", "S2"),
                        treatment(1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.CURATIVE, 230),
                        treatment(1, "T3", TreatmentKind.CHEMOTHERAPY, TreatmentSetting.CURATIVE, 250)));
        batchCase(Rule.SURVEILLANCE_BEFORE_TREATMENT, "surveillance of a patient without any treatment",
                () -> patientWithout(List.of("T1")), () -> patientWithout(List.of("T1", "S1", "S2", "S3")));
        batchCase(Rule.DETECTION_AFTER_EVENT, "detecting study after the event",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 380, "S4"),
                        surveillance(1, "S4", 381, SurveillanceResult.LOCAL_RECURRENCE)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 381, "S4"),
                        surveillance(1, "S4", 381, SurveillanceResult.LOCAL_RECURRENCE)));
        batchCase(Rule.FOLLOW_UP_BEFORE_LAST_RECORD, "last follow-up before the last surveillance study",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 289)),
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LAST_FOLLOW_UP, 290)));

        // ---------------------------------------------------------------- warnings
        record(Rule.NEEDLE_FINER_THAN_16G, "18G core needle", RecordType.BIOPSY,
                () -> valuesOf(biopsy(1, "B1", -5, 18)), () -> valuesOf(biopsy(1, "B1", -5, 16)));
        batchCase(Rule.NEEDLE_FINER_THAN_16G, "single-record warnings reach the batch report",
                () -> cleanPatientWith(biopsy(1, "B2", -4, 20)), () -> cleanPatientWith(biopsy(1, "B2", -4, 14)));
        batchCase(Rule.TRANSPERITONEAL_RETROPERITONEAL_BIOPSY, "transperitoneal biopsy of a retroperitoneal tumour",
                () -> patientWithout(List.of("tumour", "B1"), tumour(1, PrimaryLocation.RETROPERITONEUM, FnclccGrade.G3),
                        biopsy(1, "B1", -5, BiopsyApproach.TRANSPERITONEAL)),
                () -> patientWithout(List.of("tumour", "B1"), tumour(1, PrimaryLocation.RETROPERITONEUM, FnclccGrade.G3),
                        biopsy(1, "B1", -5, BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL)));
        batchCase(Rule.SURVEILLANCE_INTERVAL_OUTSIDE_GUIDELINE, "G3: 153 days between studies in year 1 (152 allowed)",
                () -> cleanPatientWith(surveillance(1, "S4", 290 + 153)),
                () -> cleanPatientWith(surveillance(1, "S4", 290 + 152)));
        batchCase(Rule.DETECTING_STUDY_NEGATIVE, "local recurrence detected by a study that found no disease",
                () -> cleanPatientWith(event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 290, "S3")),
                () -> patientWithout(List.of("S3"), surveillance(1, "S3", 290, SurveillanceResult.LOCAL_RECURRENCE),
                        event(1, "E1", OutcomeKind.LOCAL_RECURRENCE, 290, "S3")));
        batchCase(Rule.DETECTING_STUDY_NEGATIVE, "distant metastasis detected by a study that found a local recurrence",
                () -> patientWithout(List.of("S3"), surveillance(1, "S3", 290, SurveillanceResult.LOCAL_RECURRENCE),
                        event(1, "E1", OutcomeKind.DISTANT_METASTASIS, 290, "S3")),
                () -> patientWithout(List.of("S3"), surveillance(1, "S3", 290, SurveillanceResult.LOCAL_AND_DISTANT),
                        event(1, "E1", OutcomeKind.DISTANT_METASTASIS, 290, "S3")));
    }

    /** Several lists of records as one batch. */
    @SafeVarargs
    private static RegistryBatch batch(List<? extends RegistryRecord>... lists) {
        List<RegistryRecord> all = new ArrayList<>();
        for (List<? extends RegistryRecord> l : lists) {
            all.addAll(l);
        }
        return Fixtures.batch(all);
    }
}
