package org.lmsregistry.model.record;

import java.util.List;
import java.util.Set;

import org.lmsregistry.model.code.BodyRegion;
import org.lmsregistry.model.code.ConfirmationMethod;
import org.lmsregistry.model.code.FindingLocation;
import org.lmsregistry.model.code.Modality;
import org.lmsregistry.model.code.RecordSource;
import org.lmsregistry.model.code.StudyPurpose;
import org.lmsregistry.model.code.SurveillanceResult;
import org.lmsregistry.model.validation.Invariants;

/**
 * An imaging study (exam). Surveillance studies carry their result, whether a finding was
 * confirmed and where it was seen; these fields are meaningless for other purposes.
 */
public record ImagingStudy(String siteCode, String patientPseudonym, String studyId, Integer day, Modality modality,
        StudyPurpose purpose, BodyRegion bodyRegion, Boolean contrast, String studyUidHash, RecordSource source,
        SurveillanceResult result, Boolean findingConfirmed, ConfirmationMethod confirmationMethod,
        Set<FindingLocation> findingLocations) implements RegistryRecord {

    public static final List<FieldSpec<ImagingStudy>> FIELDS = List.of(
            FieldSpec.<ImagingStudy>of("site_code", "Site code", FieldType.SITE_CODE, ImagingStudy::siteCode).key(),
            FieldSpec.<ImagingStudy>of("patient_pseudonym", "Patient pseudonym", FieldType.PSEUDONYM,
                    ImagingStudy::patientPseudonym).key(),
            FieldSpec.<ImagingStudy>of("study_id", "Study key", FieldType.KEY, ImagingStudy::studyId).key()
                    .notes("The site's own key of the study within the patient (not an accession number)."),
            FieldSpec.<ImagingStudy>of("day", "Day of study", FieldType.INTEGER, ImagingStudy::day)
                    .unit("days from diagnosis").range(-730, 36500).required(),
            FieldSpec.<ImagingStudy, Modality>codes("modality", "Modality", FieldType.CODE, Modality.class,
                    ImagingStudy::modality).required(),
            FieldSpec.<ImagingStudy, StudyPurpose>codes("purpose", "Purpose", FieldType.CODE, StudyPurpose.class,
                    ImagingStudy::purpose).required(),
            FieldSpec.<ImagingStudy, BodyRegion>codes("body_region", "Body region", FieldType.CODE, BodyRegion.class,
                    ImagingStudy::bodyRegion).required(),
            FieldSpec.<ImagingStudy>of("contrast", "Contrast given", FieldType.BOOLEAN, ImagingStudy::contrast)
                    .required(),
            FieldSpec.<ImagingStudy>of("study_uid_hash", "Keyed hash of the StudyInstanceUID", FieldType.HASH,
                    ImagingStudy::studyUidHash).notes("Set by the ETL for studies read from DICOM."),
            FieldSpec.<ImagingStudy, RecordSource>codes("source", "Source", FieldType.CODE, RecordSource.class,
                    ImagingStudy::source).required(),
            FieldSpec.<ImagingStudy, SurveillanceResult>codes("result", "Surveillance result", FieldType.CODE,
                    SurveillanceResult.class, ImagingStudy::result)
                    .notes("Required for surveillance studies; empty otherwise."),
            FieldSpec.<ImagingStudy>of("finding_confirmed", "Finding confirmed", FieldType.BOOLEAN,
                    ImagingStudy::findingConfirmed)
                    .notes("Required when the result is a recurrence or equivocal; empty otherwise."),
            FieldSpec.<ImagingStudy, ConfirmationMethod>codes("confirmation_method", "Confirmation method",
                    FieldType.CODE, ConfirmationMethod.class, ImagingStudy::confirmationMethod)
                    .notes("Required when the finding was confirmed; empty otherwise."),
            FieldSpec.<ImagingStudy, FindingLocation>codes("finding_locations", "Finding locations", FieldType.CODES,
                    FindingLocation.class, ImagingStudy::findingLocations)
                    .notes("Locations of distant findings, separated by ';'. Required when the result includes a "
                            + "distant metastasis; empty when there is no finding."));

    public ImagingStudy(String siteCode, String patientPseudonym, String studyId, Integer day, Modality modality,
            StudyPurpose purpose, BodyRegion bodyRegion, Boolean contrast, String studyUidHash, RecordSource source,
            SurveillanceResult result, Boolean findingConfirmed, ConfirmationMethod confirmationMethod,
            Set<FindingLocation> findingLocations) {
        this.siteCode = siteCode;
        this.patientPseudonym = patientPseudonym;
        this.studyId = studyId;
        this.day = day;
        this.modality = modality;
        this.purpose = purpose;
        this.bodyRegion = bodyRegion;
        this.contrast = contrast;
        this.studyUidHash = studyUidHash;
        this.source = source;
        this.result = result;
        this.findingConfirmed = findingConfirmed;
        this.confirmationMethod = confirmationMethod;
        this.findingLocations = CodeSets.copyOf(findingLocations, FindingLocation.class);
        Invariants.enforce(RecordType.IMAGING_STUDY, this);
    }

    static ImagingStudy from(FieldValues v) {
        return new ImagingStudy(v.text("site_code"), v.text("patient_pseudonym"), v.text("study_id"),
                v.integer("day"), v.code("modality", Modality.class), v.code("purpose", StudyPurpose.class),
                v.code("body_region", BodyRegion.class), v.bool("contrast"), v.text("study_uid_hash"),
                v.code("source", RecordSource.class), v.code("result", SurveillanceResult.class),
                v.bool("finding_confirmed"), v.code("confirmation_method", ConfirmationMethod.class),
                v.codes("finding_locations", FindingLocation.class));
    }

    public boolean isSurveillance() {
        return purpose == StudyPurpose.SURVEILLANCE;
    }

    /** A surveillance study that found a recurrence which was then confirmed. */
    public boolean isConfirmedDetection() {
        return isSurveillance() && result != null && result.isRecurrence() && Boolean.TRUE.equals(findingConfirmed);
    }

    @Override
    public String naturalKey() {
        return siteCode + "/" + patientPseudonym + "/" + studyId;
    }
}
