package org.lmsregistry.model.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.lmsregistry.model.code.BiopsyApproach;
import org.lmsregistry.model.code.BiopsyGuidance;
import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.CauseOfDeath;
import org.lmsregistry.model.code.ConfirmationMethod;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.ImagingMargin;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.OutcomeKind;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.RecordSource;
import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.code.Stage;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurgicalMargin;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.Biopsy;
import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.ImagingFeatures;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RadiomicsValue;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.record.Tumour;

/** Valid records, and a complete patient that breaks no rule, for tests to change one thing at a time. */
final class Fixtures {

    static final String SITE = "SITEA";

    private Fixtures() {
    }

    /** A valid pseudonym: 64 lower-case hex digits. */
    static String pseudonym(int patient) {
        return String.format(Locale.ROOT, "%064x", patient);
    }

    static Patient patient(int n) {
        return new Patient(SITE, pseudonym(n), Sex.FEMALE, 58, 2019);
    }

    /** A tumour whose components give the grade (G1: 1+1+0, G2: 2+2+0, G3: 3+3+2). */
    static Tumour tumour(int n, PrimaryLocation location, FnclccGrade grade) {
        return switch (grade) {
            case G1 -> new Tumour(SITE, pseudonym(n), location, TumourDepth.DEEP, 60, 1, 5, TumourNecrosis.NONE,
                    null, Stage.IA, null);
            case G2 -> new Tumour(SITE, pseudonym(n), location, TumourDepth.DEEP, 80, 2, 12, TumourNecrosis.NONE,
                    FnclccGrade.G2, Stage.II, "mitoses 12/10 HPF, no necrosis");
            case G3 -> new Tumour(SITE, pseudonym(n), location, TumourDepth.DEEP, 95, 3, 25,
                    TumourNecrosis.HALF_OR_MORE, FnclccGrade.G3, Stage.IIIA, "mitoses 25/10 HPF, necrosis 60%, G3");
        };
    }

    static Tumour tumour(int n) {
        return tumour(n, PrimaryLocation.EXTREMITY, FnclccGrade.G3);
    }

    static Biopsy biopsy(int n, String id, int day, BiopsyApproach approach) {
        return new Biopsy(SITE, pseudonym(n), id, day, BiopsyGuidance.US,
                approach == BiopsyApproach.OPEN_INCISIONAL ? null : 14, approach, true);
    }

    static Biopsy biopsy(int n, String id, int day, int gauge) {
        return new Biopsy(SITE, pseudonym(n), id, day, BiopsyGuidance.CT, gauge,
                BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL, true);
    }

    /** A study that is not surveillance (diagnosis, staging, pre-operative, response). */
    static ImagingStudy study(int n, String id, int day, StudyPurpose purpose) {
        return new ImagingStudy(SITE, pseudonym(n), id, day, Modality.MRI, purpose, BodyRegion.PRIMARY_SITE, true,
                null, RecordSource.FORM, null, null, null, null);
    }

    /** A surveillance study; a finding is confirmed by biopsy, distant findings are in the lung. */
    static ImagingStudy surveillance(int n, String id, int day, SurveillanceResult result) {
        boolean finding = result != SurveillanceResult.NO_EVIDENCE_OF_DISEASE;
        Set<FindingLocation> locations = result.findsDistant() ? Set.of(FindingLocation.LUNG) : null;
        Modality modality = result.findsDistant() ? Modality.CT : Modality.MRI;
        BodyRegion region = result.findsDistant() ? BodyRegion.CHEST : BodyRegion.PRIMARY_SITE;
        return new ImagingStudy(SITE, pseudonym(n), id, day, modality, StudyPurpose.SURVEILLANCE, region, true, null,
                RecordSource.ETL, result, finding ? Boolean.TRUE : null, finding ? ConfirmationMethod.BIOPSY : null,
                locations);
    }

    static ImagingStudy surveillance(int n, String id, int day) {
        return surveillance(n, id, day, SurveillanceResult.NO_EVIDENCE_OF_DISEASE);
    }

    static ImagingFeatures features(int n, String studyId) {
        return new ImagingFeatures(SITE, pseudonym(n), studyId, 92, ImagingMargin.IRREGULAR, true, true, 40, true,
                false, null, 1100.0, false, false, null);
    }

    static RadiomicsValue radiomics(int n, String studyId, String feature) {
        return new RadiomicsValue(SITE, pseudonym(n), studyId, feature, 1234.5);
    }

    static Treatment surgery(int n, String id, int day) {
        return new Treatment(SITE, pseudonym(n), id, TreatmentKind.SURGERY, TreatmentSetting.CURATIVE, day,
                SurgicalMargin.R0);
    }

    static Treatment treatment(int n, String id, TreatmentKind kind, TreatmentSetting setting, int day) {
        return new Treatment(SITE, pseudonym(n), id, kind, setting, day,
                kind == TreatmentKind.SURGERY ? SurgicalMargin.R1 : null);
    }

    static OutcomeEvent event(int n, String id, OutcomeKind kind, int day, String detectedBy) {
        return new OutcomeEvent(SITE, pseudonym(n), id, kind, day,
                kind == OutcomeKind.DISTANT_METASTASIS ? Set.of(FindingLocation.LUNG) : null, detectedBy,
                kind == OutcomeKind.DEATH ? CauseOfDeath.DISEASE : null);
    }

    static OutcomeEvent event(int n, String id, OutcomeKind kind, int day) {
        return event(n, id, kind, day, null);
    }

    /**
     * A complete patient that breaks no rule: G3 extremity tumour, diagnostic MRI (day -10) with imaging
     * features and a radiomics value, needle biopsy (day -5), surgery (day 20), surveillance MRIs on days
     * 110, 200 and 290 with no evidence of disease. No outcome event.
     */
    static List<RegistryRecord> cleanPatient(int n) {
        List<RegistryRecord> records = new ArrayList<>();
        records.add(patient(n));
        records.add(tumour(n));
        records.add(study(n, "D1", -10, StudyPurpose.DIAGNOSIS));
        records.add(features(n, "D1"));
        records.add(radiomics(n, "D1", "morph_volume"));
        records.add(biopsy(n, "B1", -5, BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL));
        records.add(surgery(n, "T1", 20));
        records.add(surveillance(n, "S1", 110));
        records.add(surveillance(n, "S2", 200));
        records.add(surveillance(n, "S3", 290));
        return records;
    }

    /** The clean patient 1 and more records. */
    static RegistryBatch cleanPatientWith(RegistryRecord... more) {
        return new RegistryBatch.Builder().addAll(cleanPatient(1)).addAll(List.of(more)).build();
    }

    static RegistryBatch batch(RegistryRecord... records) {
        return new RegistryBatch.Builder().addAll(List.of(records)).build();
    }

    /** A batch of records, in order. */
    static RegistryBatch batch(List<? extends RegistryRecord> records) {
        return new RegistryBatch.Builder().addAll(records).build();
    }

    /** The records of a batch without those matching a natural key. */
    static List<RegistryRecord> without(List<RegistryRecord> records, String... naturalKeys) {
        List<String> keys = List.of(naturalKeys);
        return records.stream().filter(r -> !keys.contains(r.naturalKey())).toList();
    }

    /** The field values of a valid record, to be changed. */
    static FieldValues valuesOf(RegistryRecord record) {
        return FieldValues.of(RecordType.of(record), record);
    }
}
