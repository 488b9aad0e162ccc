package org.lmsregistry.model.record;

import java.util.List;

import org.lmsregistry.model.code.BiopsyApproach;
import org.lmsregistry.model.code.BiopsyGuidance;
import org.lmsregistry.model.validation.Invariants;

/** A diagnostic biopsy of the primary tumour. */
public record Biopsy(String siteCode, String patientPseudonym, String biopsyId, Integer day, BiopsyGuidance guidance,
        Integer needleGauge, BiopsyApproach approach, Boolean diagnostic) implements RegistryRecord {

    /** The finest needle the guidelines accept for a core biopsy: 16G (gauge numbers above 16 are finer). */
    public static final int FINEST_RECOMMENDED_GAUGE = 16;

    public static final List<FieldSpec<Biopsy>> FIELDS = List.of(
            FieldSpec.<Biopsy>of("site_code", "Site code", FieldType.SITE_CODE, Biopsy::siteCode).key(),
            FieldSpec.<Biopsy>of("patient_pseudonym", "Patient pseudonym", FieldType.PSEUDONYM,
                    Biopsy::patientPseudonym).key(),
            FieldSpec.<Biopsy>of("biopsy_id", "Biopsy key", FieldType.KEY, Biopsy::biopsyId).key()
                    .notes("The site's own key of the biopsy within the patient (not an accession number)."),
            FieldSpec.<Biopsy>of("day", "Day of biopsy", FieldType.INTEGER, Biopsy::day).unit("days from diagnosis")
                    .range(-730, 36500).required(),
            FieldSpec.<Biopsy, BiopsyGuidance>codes("guidance", "Image guidance", FieldType.CODE, BiopsyGuidance.class,
                    Biopsy::guidance).required(),
            FieldSpec.<Biopsy>of("needle_gauge", "Needle gauge", FieldType.INTEGER, Biopsy::needleGauge).unit("G")
                    .range(6, 27)
                    .notes("Required for needle biopsies; empty for open incisional biopsies. Finer than 16G is "
                            + "flagged."),
            FieldSpec.<Biopsy, BiopsyApproach>codes("approach", "Approach", FieldType.CODE, BiopsyApproach.class,
                    Biopsy::approach).required(),
            FieldSpec.<Biopsy>of("diagnostic", "Diagnostic", FieldType.BOOLEAN, Biopsy::diagnostic).required()
                    .notes("Whether the biopsy gave a diagnosis."));

    public Biopsy(String siteCode, String patientPseudonym, String biopsyId, Integer day, BiopsyGuidance guidance,
            Integer needleGauge, BiopsyApproach approach, Boolean diagnostic) {
        this.siteCode = siteCode;
        this.patientPseudonym = patientPseudonym;
        this.biopsyId = biopsyId;
        this.day = day;
        this.guidance = guidance;
        this.needleGauge = needleGauge;
        this.approach = approach;
        this.diagnostic = diagnostic;
        Invariants.enforce(RecordType.BIOPSY, this);
    }

    static Biopsy from(FieldValues v) {
        return new Biopsy(v.text("site_code"), v.text("patient_pseudonym"), v.text("biopsy_id"), v.integer("day"),
                v.code("guidance", BiopsyGuidance.class), v.integer("needle_gauge"),
                v.code("approach", BiopsyApproach.class), v.bool("diagnostic"));
    }

    /** Whether the needle is finer than 16G (a protocol deviation). */
    public boolean isNeedleTooFine() {
        return needleGauge != null && needleGauge > FINEST_RECOMMENDED_GAUGE;
    }

    @Override
    public String naturalKey() {
        return siteCode + "/" + patientPseudonym + "/" + biopsyId;
    }
}
