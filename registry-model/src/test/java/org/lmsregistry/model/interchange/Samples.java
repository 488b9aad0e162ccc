package org.lmsregistry.model.interchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
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
import org.lmsregistry.model.code.T2Signal;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.record.Biopsy;
import org.lmsregistry.model.record.ImagingFeatures;
import org.lmsregistry.model.record.ImagingStudy;
import org.lmsregistry.model.record.OutcomeEvent;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RadiomicsValue;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.Treatment;
import org.lmsregistry.model.record.Tumour;

/** Valid records of every type, some with values that stress quoting, numbers and empty fields. */
final class Samples {

    static final String SITE = "NLAMC";
    static final String P1 = pseudonym("p1");
    static final String P2 = pseudonym("p2");
    static final String P3 = pseudonym("p3");

    /** Free text with ',', '"', line breaks (LF, CRLF, CR), leading and trailing spaces and non-ASCII letters. */
    static final String NASTY_TEXT = "  Spindle cells, \"fascicular\" pattern;\nsecond line\r\nthird line\rfourth: "
            + "naïve — αβγ 日本語 🙂, İstanbul ıi  ";

    private Samples() {
    }

    static String pseudonym(String local) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(local.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Patient> patients() {
        return List.of(new Patient(SITE, P1, Sex.FEMALE, 54, 2019), new Patient(SITE, P2, Sex.MALE, 90, 1970),
                new Patient(SITE, P3, Sex.FEMALE, 0, 2100));
    }

    static List<Tumour> tumours() {
        return List.of(
                new Tumour(SITE, P1, PrimaryLocation.UTERUS, TumourDepth.DEEP, 85, 2, 12, TumourNecrosis.LESS_THAN_HALF,
                        FnclccGrade.G2, Stage.IIIA, NASTY_TEXT),
                new Tumour(SITE, P2, PrimaryLocation.RETROPERITONEUM, TumourDepth.DEEP, 1000, null, null, null,
                        FnclccGrade.G3, null, "\"quoted from the start\""),
                new Tumour(SITE, P3, PrimaryLocation.COLON_RECTUM, TumourDepth.SUPERFICIAL, 1, 3, 25,
                        TumourNecrosis.HALF_OR_MORE, null, Stage.IV, "#, not a comment"));
    }

    static List<Biopsy> biopsies() {
        return List.of(
                new Biopsy(SITE, P1, "B1", -14, BiopsyGuidance.US, 14, BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL,
                        true),
                new Biopsy(SITE, P2, "b-2.x_y", -730, BiopsyGuidance.CT, 18, BiopsyApproach.TRANSPERITONEAL, false),
                new Biopsy(SITE, P3, "B3", 0, BiopsyGuidance.NONE, null, BiopsyApproach.OPEN_INCISIONAL, true));
    }

    static List<ImagingStudy> imagingStudies() {
        return List.of(
                new ImagingStudy(SITE, P1, "S1", -20, Modality.MRI, StudyPurpose.DIAGNOSIS, BodyRegion.PRIMARY_SITE,
                        true, pseudonym("1.2.840.1"), RecordSource.ETL, null, null, null, null),
                new ImagingStudy(SITE, P1, "S2", 400, Modality.CT, StudyPurpose.SURVEILLANCE, BodyRegion.CHEST, true,
                        null, RecordSource.FORM, SurveillanceResult.LOCAL_AND_DISTANT, true, ConfirmationMethod.BIOPSY,
                        EnumSet.of(FindingLocation.LIVER, FindingLocation.LUNG, FindingLocation.OTHER)),
                new ImagingStudy(SITE, P2, "S3", 36500, Modality.PET_CT, StudyPurpose.SURVEILLANCE,
                        BodyRegion.WHOLE_BODY, false, null, RecordSource.FORM, SurveillanceResult.DISTANT_METASTASIS,
                        false, null, Set.of(FindingLocation.BONE)),
                new ImagingStudy(SITE, P3, "S4", 100, Modality.XRAY, StudyPurpose.SURVEILLANCE, BodyRegion.CHEST,
                        false, null, RecordSource.FORM, SurveillanceResult.NO_EVIDENCE_OF_DISEASE, null, null, null));
    }

    static List<ImagingFeatures> imagingFeatures() {
        return List.of(
                new ImagingFeatures(SITE, P1, "S1", 92, ImagingMargin.IRREGULAR, true, true, 35, true, false,
                        T2Signal.HETEROGENEOUS, 1012.5, false, true, true),
                new ImagingFeatures(SITE, P2, "S9", 1, ImagingMargin.CIRCUMSCRIBED, false, false, null, false, null,
                        null, null, null, null, null),
                new ImagingFeatures(SITE, P3, "S4", 1000, ImagingMargin.INFILTRATIVE, true, true, 100, false, true,
                        T2Signal.LOW, 100.0, true, false, false));
    }

    static List<RadiomicsValue> radiomicsValues() {
        return List.of(new RadiomicsValue(SITE, P1, "S1", "morph_volume", 153221.25),
                new RadiomicsValue(SITE, P1, "S1", "stat_skewness", -0.3000000000000001),
                new RadiomicsValue(SITE, P1, "S1", "stat_tiny", 1.0E-7),
                new RadiomicsValue(SITE, P1, "S1", "stat_huge", 1.2345678901234567E300),
                new RadiomicsValue(SITE, P1, "S1", "stat_zero", 0.0),
                new RadiomicsValue(SITE, P1, "S1", "cm.joint_max", 42.0));
    }

    static List<Treatment> treatments() {
        return List.of(
                new Treatment(SITE, P1, "T1", TreatmentKind.SURGERY, TreatmentSetting.CURATIVE, 10, SurgicalMargin.R1),
                new Treatment(SITE, P1, "T2", TreatmentKind.RADIOTHERAPY, TreatmentSetting.ADJUVANT, 60, null),
                new Treatment(SITE, P2, "T1", TreatmentKind.CHEMOTHERAPY, TreatmentSetting.PALLIATIVE, -730, null));
    }

    static List<OutcomeEvent> outcomeEvents() {
        return List.of(
                new OutcomeEvent(SITE, P1, "E1", OutcomeKind.DISTANT_METASTASIS, 400,
                        EnumSet.of(FindingLocation.LUNG, FindingLocation.LIVER), "S2", null),
                new OutcomeEvent(SITE, P1, "E2", OutcomeKind.LOCAL_RECURRENCE, 400, null, null, null),
                new OutcomeEvent(SITE, P2, "E1", OutcomeKind.DEATH, 36500, null, null, CauseOfDeath.DISEASE),
                new OutcomeEvent(SITE, P3, "E1", OutcomeKind.LAST_FOLLOW_UP, 0, Set.of(), null, null));
    }

    static RegistryBatch batch() {
        return new RegistryBatch(patients(), tumours(), biopsies(), imagingStudies(), imagingFeatures(),
                radiomicsValues(), treatments(), outcomeEvents());
    }
}
