package org.lmsregistry.web.testsupport;

import java.util.EnumSet;
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

/** A small hand-written registry: two patients at sites AMS and BCN, every record type and kind of field. */
public final class SampleRecords {

    public static final String P1 = "a".repeat(63) + "1";
    public static final String P2 = "b".repeat(63) + "2";

    private SampleRecords() {
    }

    public static Patient patient(String pseudonym, String site) {
        return new Patient(site, pseudonym, Sex.FEMALE, 54, 2019);
    }

    /** Two patients at two sites; between them every record type, code set and null field. */
    public static RegistryBatch batch() {
        return new RegistryBatch.Builder()
                .add(patient(P1, "AMS"))
                .add(new Patient("BCN", P2, Sex.MALE, 90, 2021))
                .add(new Tumour("AMS", P1, PrimaryLocation.UTERUS, TumourDepth.DEEP, 95, 3, 25,
                        TumourNecrosis.HALF_OR_MORE, FnclccGrade.G3, Stage.IIIA, "Fascicles with marked atypia."))
                .add(new Tumour("BCN", P2, PrimaryLocation.RETROPERITONEUM, TumourDepth.DEEP, 180, null, null, null,
                        FnclccGrade.G2, null, null))
                .add(new Biopsy("AMS", P1, "B1", -10, BiopsyGuidance.CT, 14,
                        BiopsyApproach.PERCUTANEOUS_EXTRAPERITONEAL, true))
                .add(new Biopsy("BCN", P2, "B1", -3, BiopsyGuidance.NONE, null, BiopsyApproach.OPEN_INCISIONAL, false))
                .add(new ImagingStudy("AMS", P1, "S1", -20, Modality.MRI, StudyPurpose.DIAGNOSIS,
                        BodyRegion.PRIMARY_SITE, true, "c".repeat(64), RecordSource.ETL, null, null, null, Set.of()))
                .add(new ImagingStudy("AMS", P1, "S2", 400, Modality.CT, StudyPurpose.SURVEILLANCE, BodyRegion.CHEST,
                        true, null, RecordSource.FORM, SurveillanceResult.DISTANT_METASTASIS, true,
                        ConfirmationMethod.BIOPSY, EnumSet.of(FindingLocation.LUNG, FindingLocation.LIVER)))
                .add(new ImagingStudy("BCN", P2, "S1", 200, Modality.MRI, StudyPurpose.SURVEILLANCE,
                        BodyRegion.PRIMARY_SITE, true, null, RecordSource.FORM,
                        SurveillanceResult.NO_EVIDENCE_OF_DISEASE, null, null, Set.of()))
                .add(new ImagingFeatures("AMS", P1, "S1", 92, ImagingMargin.IRREGULAR, true, true, 30, true, null,
                        T2Signal.HETEROGENEOUS, 1100.25, false, null, true))
                .add(new RadiomicsValue("AMS", P1, "S1", "morph_volume", 123456.75))
                .add(new RadiomicsValue("AMS", P1, "S1", "stat_mean", -0.125))
                .add(new Treatment("AMS", P1, "T1", TreatmentKind.SURGERY, TreatmentSetting.CURATIVE, 14,
                        SurgicalMargin.R1))
                .add(new Treatment("AMS", P1, "T2", TreatmentKind.CHEMOTHERAPY, TreatmentSetting.ADJUVANT, 60, null))
                .add(new OutcomeEvent("AMS", P1, "E1", OutcomeKind.DISTANT_METASTASIS, 400,
                        EnumSet.of(FindingLocation.LUNG, FindingLocation.LIVER), "S2", null))
                .add(new OutcomeEvent("AMS", P1, "E2", OutcomeKind.DEATH, 900, Set.of(), null, CauseOfDeath.DISEASE))
                .add(new OutcomeEvent("BCN", P2, "E1", OutcomeKind.LAST_FOLLOW_UP, 700, Set.of(), null, null))
                .build();
    }
}
