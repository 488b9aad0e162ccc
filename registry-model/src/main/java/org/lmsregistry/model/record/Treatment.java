package org.lmsregistry.model.record;

import java.util.List;

import org.lmsregistry.model.code.SurgicalMargin;
import org.lmsregistry.model.code.TreatmentKind;
import org.lmsregistry.model.code.TreatmentSetting;
import org.lmsregistry.model.validation.Invariants;

/** A treatment of the leiomyosarcoma; surgery carries its resection margin. */
public record Treatment(String siteCode, String patientPseudonym, String treatmentId, TreatmentKind kind,
        TreatmentSetting setting, Integer startDay, SurgicalMargin surgicalMargin) implements RegistryRecord {

    public static final List<FieldSpec<Treatment>> FIELDS = List.of(
            FieldSpec.<Treatment>of("site_code", "Site code", FieldType.SITE_CODE, Treatment::siteCode).key(),
            FieldSpec.<Treatment>of("patient_pseudonym", "Patient pseudonym", FieldType.PSEUDONYM,
                    Treatment::patientPseudonym).key(),
            FieldSpec.<Treatment>of("treatment_id", "Treatment key", FieldType.KEY, Treatment::treatmentId).key(),
            FieldSpec.<Treatment, TreatmentKind>codes("kind", "Treatment", FieldType.CODE, TreatmentKind.class,
                    Treatment::kind).required(),
            FieldSpec.<Treatment, TreatmentSetting>codes("setting", "Setting", FieldType.CODE, TreatmentSetting.class,
                    Treatment::setting).required(),
            FieldSpec.<Treatment>of("start_day", "Start day", FieldType.INTEGER, Treatment::startDay)
                    .unit("days from diagnosis").range(-730, 36500).required(),
            FieldSpec.<Treatment, SurgicalMargin>codes("surgical_margin", "Resection margin", FieldType.CODE,
                    SurgicalMargin.class, Treatment::surgicalMargin)
                    .notes("Required for surgery; empty for other treatments."));

    public Treatment(String siteCode, String patientPseudonym, String treatmentId, TreatmentKind kind,
            TreatmentSetting setting, Integer startDay, SurgicalMargin surgicalMargin) {
        this.siteCode = siteCode;
        this.patientPseudonym = patientPseudonym;
        this.treatmentId = treatmentId;
        this.kind = kind;
        this.setting = setting;
        this.startDay = startDay;
        this.surgicalMargin = surgicalMargin;
        Invariants.enforce(RecordType.TREATMENT, this);
    }

    static Treatment from(FieldValues v) {
        return new Treatment(v.text("site_code"), v.text("patient_pseudonym"), v.text("treatment_id"),
                v.code("kind", TreatmentKind.class), v.code("setting", TreatmentSetting.class), v.integer("start_day"),
                v.code("surgical_margin", SurgicalMargin.class));
    }

    public boolean isSurgery() {
        return kind == TreatmentKind.SURGERY;
    }

    @Override
    public String naturalKey() {
        return siteCode + "/" + patientPseudonym + "/" + treatmentId;
    }
}
