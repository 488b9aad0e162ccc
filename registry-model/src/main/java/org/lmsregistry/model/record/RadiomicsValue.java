package org.lmsregistry.model.record;

import java.util.List;

import org.lmsregistry.model.validation.Invariants;

/** One quantitative radiomics value of the primary tumour on one study, keyed by its IBSI feature name. */
public record RadiomicsValue(String siteCode, String patientPseudonym, String studyId, String ibsiFeature,
        Double value) implements RegistryRecord {

    public static final List<FieldSpec<RadiomicsValue>> FIELDS = List.of(
            FieldSpec.<RadiomicsValue>of("site_code", "Site code", FieldType.SITE_CODE, RadiomicsValue::siteCode)
                    .key(),
            FieldSpec.<RadiomicsValue>of("patient_pseudonym", "Patient pseudonym", FieldType.PSEUDONYM,
                    RadiomicsValue::patientPseudonym).key(),
            FieldSpec.<RadiomicsValue>of("study_id", "Study key", FieldType.KEY, RadiomicsValue::studyId).key(),
            FieldSpec.<RadiomicsValue>of("ibsi_feature", "IBSI feature name", FieldType.NAME,
                    RadiomicsValue::ibsiFeature).key()
                    .notes("Feature name as in the IBSI reference manual, e.g. morph_volume, stat_mean."),
            FieldSpec.<RadiomicsValue>of("value", "Feature value", FieldType.DECIMAL, RadiomicsValue::value)
                    .required().notes("In the unit the IBSI manual gives for the feature."));

    public RadiomicsValue(String siteCode, String patientPseudonym, String studyId, String ibsiFeature, Double value) {
        this.siteCode = siteCode;
        this.patientPseudonym = patientPseudonym;
        this.studyId = studyId;
        this.ibsiFeature = ibsiFeature;
        this.value = value;
        Invariants.enforce(RecordType.RADIOMICS_VALUE, this);
    }

    static RadiomicsValue from(FieldValues v) {
        return new RadiomicsValue(v.text("site_code"), v.text("patient_pseudonym"), v.text("study_id"),
                v.text("ibsi_feature"), v.decimal("value"));
    }

    @Override
    public String naturalKey() {
        return siteCode + "/" + patientPseudonym + "/" + studyId + "/" + ibsiFeature;
    }
}
