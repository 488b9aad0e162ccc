package org.lmsregistry.model.record;

import java.util.List;

import org.lmsregistry.model.code.Sex;
import org.lmsregistry.model.validation.Invariants;
import org.lmsregistry.model.validation.Rule;

/**
 * A de-identified patient of one site. The pseudonym is the keyed HMAC-SHA256 of the site's local
 * identifier, computed at the site; no name, record number or date is ever stored.
 */
public record Patient(String siteCode, String pseudonym, Sex sex, Integer ageAtDiagnosisYears,
        Integer diagnosisYear) implements RegistryRecord {

    public static final List<FieldSpec<Patient>> FIELDS = List.of(
            FieldSpec.<Patient>of("site_code", "Site code", FieldType.SITE_CODE, Patient::siteCode).key()
                    .notes("Registry code of the contributing site."),
            FieldSpec.<Patient>of("patient_pseudonym", "Patient pseudonym", FieldType.PSEUDONYM, Patient::pseudonym)
                    .key().notes("HMAC-SHA256 of the local patient identifier with the site's secret key."),
            FieldSpec.<Patient, Sex>codes("sex", "Sex", FieldType.CODE, Sex.class, Patient::sex).required(),
            FieldSpec.<Patient>of("age_at_diagnosis_years", "Age at diagnosis", FieldType.INTEGER,
                    Patient::ageAtDiagnosisYears).unit("years").range(0, 90).aboveMaxRule(Rule.AGE_CAPPED_AT_90)
                    .required().notes("Ages above 89 are stored as 90."),
            FieldSpec.<Patient>of("diagnosis_year", "Year of diagnosis", FieldType.INTEGER, Patient::diagnosisYear)
                    .unit("year").range(1970, 2100).required()
                    .notes("Only the year is kept; every other time is a day offset from diagnosis (day 0)."));

    public Patient(String siteCode, String pseudonym, Sex sex, Integer ageAtDiagnosisYears, Integer diagnosisYear) {
        this.siteCode = siteCode;
        this.pseudonym = pseudonym;
        this.sex = sex;
        this.ageAtDiagnosisYears = ageAtDiagnosisYears;
        this.diagnosisYear = diagnosisYear;
        Invariants.enforce(RecordType.PATIENT, this);
    }

    static Patient from(FieldValues v) {
        return new Patient(v.text("site_code"), v.text("patient_pseudonym"), v.code("sex", Sex.class),
                v.integer("age_at_diagnosis_years"), v.integer("diagnosis_year"));
    }

    @Override
    public String patientPseudonym() {
        return pseudonym;
    }

    @Override
    public String naturalKey() {
        return siteCode + "/" + pseudonym;
    }
}
