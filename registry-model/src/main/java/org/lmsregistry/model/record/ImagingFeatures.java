package org.lmsregistry.model.record;

import java.util.List;

import org.lmsregistry.model.code.ImagingMargin;
import org.lmsregistry.model.code.T2Signal;
import org.lmsregistry.model.validation.Invariants;

/**
 * Imaging features of the primary tumour read on one diagnostic MRI or CT study, the exposures of
 * the feature-outcome analyses.
 */
public record ImagingFeatures(String siteCode, String patientPseudonym, String studyId, Integer largestDiameterMm,
        ImagingMargin margin, Boolean heterogeneous, Boolean necrosisPresent, Integer necrosisPercent,
        Boolean peripheralEnhancement, Boolean haemorrhage, T2Signal t2Signal, Double adcMean, Boolean calcification,
        Boolean vesselInvolvement, Boolean organWallContinuity) implements RegistryRecord {

    public static final List<FieldSpec<ImagingFeatures>> FIELDS = List.of(
            FieldSpec.<ImagingFeatures>of("site_code", "Site code", FieldType.SITE_CODE, ImagingFeatures::siteCode)
                    .key(),
            FieldSpec.<ImagingFeatures>of("patient_pseudonym", "Patient pseudonym", FieldType.PSEUDONYM,
                    ImagingFeatures::patientPseudonym).key(),
            FieldSpec.<ImagingFeatures>of("study_id", "Study key", FieldType.KEY, ImagingFeatures::studyId).key()
                    .notes("The diagnostic, staging or pre-operative MRI/CT study the features were read on."),
            FieldSpec.<ImagingFeatures>of("largest_diameter_mm", "Largest diameter (imaging)", FieldType.INTEGER,
                    ImagingFeatures::largestDiameterMm).unit("mm").range(1, 1000).required(),
            FieldSpec.<ImagingFeatures, ImagingMargin>codes("margin", "Margins", FieldType.CODE, ImagingMargin.class,
                    ImagingFeatures::margin).required(),
            FieldSpec.<ImagingFeatures>of("heterogeneous", "Heterogeneous", FieldType.BOOLEAN,
                    ImagingFeatures::heterogeneous).required(),
            FieldSpec.<ImagingFeatures>of("necrosis_present", "Necrosis on imaging", FieldType.BOOLEAN,
                    ImagingFeatures::necrosisPresent).required(),
            FieldSpec.<ImagingFeatures>of("necrosis_percent", "Necrotic share of the tumour", FieldType.INTEGER,
                    ImagingFeatures::necrosisPercent).unit("%").range(1, 100)
                    .notes("Required when necrosis is present; empty otherwise."),
            FieldSpec.<ImagingFeatures>of("peripheral_enhancement", "Peripheral enhancement", FieldType.BOOLEAN,
                    ImagingFeatures::peripheralEnhancement).required(),
            FieldSpec.<ImagingFeatures>of("haemorrhage", "Haemorrhage", FieldType.BOOLEAN,
                    ImagingFeatures::haemorrhage),
            FieldSpec.<ImagingFeatures, T2Signal>codes("t2_signal", "T2 signal", FieldType.CODE, T2Signal.class,
                    ImagingFeatures::t2Signal).notes("MRI only."),
            FieldSpec.<ImagingFeatures>of("adc_mean", "Mean apparent diffusion coefficient", FieldType.DECIMAL,
                    ImagingFeatures::adcMean).unit("10^-6 mm2/s").range(100, 5000).notes("MRI only."),
            FieldSpec.<ImagingFeatures>of("calcification", "Calcification", FieldType.BOOLEAN,
                    ImagingFeatures::calcification),
            FieldSpec.<ImagingFeatures>of("vessel_involvement", "Vessel involvement", FieldType.BOOLEAN,
                    ImagingFeatures::vesselInvolvement),
            FieldSpec.<ImagingFeatures>of("organ_wall_continuity", "Continuity with the organ wall", FieldType.BOOLEAN,
                    ImagingFeatures::organWallContinuity));

    public ImagingFeatures(String siteCode, String patientPseudonym, String studyId, Integer largestDiameterMm,
            ImagingMargin margin, Boolean heterogeneous, Boolean necrosisPresent, Integer necrosisPercent,
            Boolean peripheralEnhancement, Boolean haemorrhage, T2Signal t2Signal, Double adcMean,
            Boolean calcification, Boolean vesselInvolvement, Boolean organWallContinuity) {
        this.siteCode = siteCode;
        this.patientPseudonym = patientPseudonym;
        this.studyId = studyId;
        this.largestDiameterMm = largestDiameterMm;
        this.margin = margin;
        this.heterogeneous = heterogeneous;
        this.necrosisPresent = necrosisPresent;
        this.necrosisPercent = necrosisPercent;
        this.peripheralEnhancement = peripheralEnhancement;
        this.haemorrhage = haemorrhage;
        this.t2Signal = t2Signal;
        this.adcMean = adcMean;
        this.calcification = calcification;
        this.vesselInvolvement = vesselInvolvement;
        this.organWallContinuity = organWallContinuity;
        Invariants.enforce(RecordType.IMAGING_FEATURES, this);
    }

    static ImagingFeatures from(FieldValues v) {
        return new ImagingFeatures(v.text("site_code"), v.text("patient_pseudonym"), v.text("study_id"),
                v.integer("largest_diameter_mm"), v.code("margin", ImagingMargin.class), v.bool("heterogeneous"),
                v.bool("necrosis_present"), v.integer("necrosis_percent"), v.bool("peripheral_enhancement"),
                v.bool("haemorrhage"), v.code("t2_signal", T2Signal.class), v.decimal("adc_mean"),
                v.bool("calcification"), v.bool("vessel_involvement"), v.bool("organ_wall_continuity"));
    }

    @Override
    public String naturalKey() {
        return siteCode + "/" + patientPseudonym + "/" + studyId;
    }
}
