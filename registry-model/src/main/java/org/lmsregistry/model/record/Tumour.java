package org.lmsregistry.model.record;

import java.util.List;
import java.util.Optional;

import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Stage;
import org.lmsregistry.model.code.TumourDepth;
import org.lmsregistry.model.code.TumourNecrosis;
import org.lmsregistry.model.validation.Invariants;

/**
 * The patient's primary leiomyosarcoma (one per patient) with its pathology: size, depth and the
 * FNCLCC components from which the grade is derived. A stated grade is kept only to be checked
 * against the components, or to stand in when a component is unknown.
 */
public record Tumour(String siteCode, String patientPseudonym, PrimaryLocation primaryLocation, TumourDepth depth,
        Integer largestDiameterMm, Integer differentiationScore, Integer mitosesPer10Hpf, TumourNecrosis necrosis,
        FnclccGrade statedGrade, Stage stage, String histologyNotes) implements RegistryRecord {

    public static final List<FieldSpec<Tumour>> FIELDS = List.of(
            FieldSpec.<Tumour>of("site_code", "Site code", FieldType.SITE_CODE, Tumour::siteCode).key(),
            FieldSpec.<Tumour>of("patient_pseudonym", "Patient pseudonym", FieldType.PSEUDONYM,
                    Tumour::patientPseudonym).key().notes("One primary tumour per patient."),
            FieldSpec.<Tumour, PrimaryLocation>codes("primary_location", "Primary location", FieldType.CODE,
                    PrimaryLocation.class, Tumour::primaryLocation).required(),
            FieldSpec.<Tumour, TumourDepth>codes("depth", "Depth", FieldType.CODE, TumourDepth.class, Tumour::depth)
                    .required().notes("Relative to the superficial fascia; visceral and retroperitoneal tumours are deep."),
            FieldSpec.<Tumour>of("largest_diameter_mm", "Largest diameter (pathology)", FieldType.INTEGER,
                    Tumour::largestDiameterMm).unit("mm").range(1, 1000).required(),
            FieldSpec.<Tumour>of("differentiation_score", "FNCLCC differentiation score", FieldType.INTEGER,
                    Tumour::differentiationScore).range(1, 3)
                    .notes("1-3. Leave empty only when a stated grade is given instead."),
            FieldSpec.<Tumour>of("mitoses_per_10hpf", "Mitoses per 10 high-power fields", FieldType.INTEGER,
                    Tumour::mitosesPer10Hpf).unit("per 10 HPF").range(0, 500)
                    .notes("Mitotic score: 0-9 -> 1, 10-19 -> 2, 20 or more -> 3."),
            FieldSpec.<Tumour, TumourNecrosis>codes("necrosis", "Histological necrosis", FieldType.CODE,
                    TumourNecrosis.class, Tumour::necrosis).notes("Necrosis score: none 0, <50% 1, >=50% 2."),
            FieldSpec.<Tumour, FnclccGrade>codes("fnclcc_grade", "FNCLCC grade (as stated)", FieldType.CODE,
                    FnclccGrade.class, Tumour::statedGrade)
                    .notes("Optional when all three components are given, and then it must agree with them "
                            + "(total 2-3 G1, 4-5 G2, 6-8 G3)."),
            FieldSpec.<Tumour, Stage>codes("stage", "Stage at diagnosis", FieldType.CODE, Stage.class, Tumour::stage),
            FieldSpec.<Tumour>of("histology_notes", "Histology notes", FieldType.TEXT, Tumour::histologyNotes)
                    .notes("Free text without identifiers or dates; at most 2000 characters."));

    public Tumour(String siteCode, String patientPseudonym, PrimaryLocation primaryLocation, TumourDepth depth,
            Integer largestDiameterMm, Integer differentiationScore, Integer mitosesPer10Hpf, TumourNecrosis necrosis,
            FnclccGrade statedGrade, Stage stage, String histologyNotes) {
        this.siteCode = siteCode;
        this.patientPseudonym = patientPseudonym;
        this.primaryLocation = primaryLocation;
        this.depth = depth;
        this.largestDiameterMm = largestDiameterMm;
        this.differentiationScore = differentiationScore;
        this.mitosesPer10Hpf = mitosesPer10Hpf;
        this.necrosis = necrosis;
        this.statedGrade = statedGrade;
        this.stage = stage;
        this.histologyNotes = histologyNotes;
        Invariants.enforce(RecordType.TUMOUR, this);
    }

    static Tumour from(FieldValues v) {
        return new Tumour(v.text("site_code"), v.text("patient_pseudonym"),
                v.code("primary_location", PrimaryLocation.class), v.code("depth", TumourDepth.class),
                v.integer("largest_diameter_mm"), v.integer("differentiation_score"), v.integer("mitoses_per_10hpf"),
                v.code("necrosis", TumourNecrosis.class), v.code("fnclcc_grade", FnclccGrade.class),
                v.code("stage", Stage.class), v.text("histology_notes"));
    }

    /** The grade derived from the three components, when all are known. */
    public Optional<FnclccGrade> derivedGrade() {
        if (differentiationScore == null || mitosesPer10Hpf == null || necrosis == null) {
            return Optional.empty();
        }
        return Optional.of(FnclccGrade.derive(differentiationScore, mitosesPer10Hpf, necrosis));
    }

    /** The grade: derived from the components when they are complete, else the stated grade. */
    public FnclccGrade grade() {
        return derivedGrade().orElse(statedGrade);
    }

    @Override
    public String naturalKey() {
        return siteCode + "/" + patientPseudonym;
    }
}
