package org.lmsregistry.etl.report;

import java.util.Locale;

import org.lmsregistry.model.validation.Severity;

/**
 * The rules of the ETL steps themselves (mapping site exports, reading DICOM, the identifier
 * guard), beside the registry's own validation rules ({@link org.lmsregistry.model.validation.Rule}).
 */
public enum EtlRule {
    MAPPING(Severity.ERROR, "The mapping file does not fit the source file (a column it names is missing, a name is ambiguous)."),
    UNLISTED_COLUMN(Severity.ERROR,
            "A source column is neither mapped nor listed under 'drop'; list it so that nothing is used or left out by accident."),
    UNMAPPED_CODE(Severity.ERROR, "A local code has no entry in the mapping's code table."),
    UNPARSEABLE(Severity.ERROR, "A source value could not be read as the number, date or code the mapping expects."),
    UNKNOWN_PATIENT_ID(Severity.ERROR,
            "A row names a local patient identifier that is not in the patient source (no diagnosis date is known for it)."),
    CONFLICTING_PATIENT(Severity.ERROR, "The patient source gives one local patient identifier twice with different dates."),
    DICOM_UNREADABLE(Severity.WARNING, "A file could not be read as DICOM; it was skipped."),
    DICOM_NO_PATIENT(Severity.ERROR, "A DICOM study's PatientID is not in the site's patient list."),
    DICOM_NO_DATE(Severity.ERROR, "A DICOM study has no study, series, acquisition or content date."),
    DICOM_MODALITY(Severity.WARNING, "A DICOM study has no modality the registry records (MR, CT, PET-CT, US, X-ray); it was skipped."),
    DICOM_MIXED(Severity.ERROR, "The files of one DICOM study disagree: several patients, or several registry modalities."),
    DICOM_BODY_REGION(Severity.ERROR, "A DICOM study's body part does not map to exactly one registry body region."),
    DICOM_DEIDENTIFY(Severity.ERROR, "A de-identified copy of a DICOM file could not be made."),
    DICOM_DUPLICATE(Severity.WARNING, "Two files hold the same SOP instance; the later one was not copied again."),
    IDENTIFIER(Severity.ERROR, "A value looks like a name, calendar date, phone number, e-mail address or record number."),
    UNEXPECTED_COLUMN(Severity.ERROR, "A column is not a field of the registry file it is in."),
    UNEXPECTED_FILE(Severity.ERROR, "A file in the upload folder is not a registry file.");

    private final Severity severity;
    private final String description;

    EtlRule(Severity severity, String description) {
        this.severity = severity;
        this.description = description;
    }

    public Severity severity() {
        return severity;
    }

    public String description() {
        return description;
    }

    /** The rule's identifier as shown to users, e.g. {@code unmapped-code}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
