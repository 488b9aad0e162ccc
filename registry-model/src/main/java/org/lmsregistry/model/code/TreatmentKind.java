package org.lmsregistry.model.code;

/** Kind of treatment. */
public enum TreatmentKind implements CodeList {
    SURGERY("Surgery"),
    RADIOTHERAPY("Radiotherapy"),
    CHEMOTHERAPY("Chemotherapy"),
    HORMONAL("Hormonal therapy");

    private final String label;

    TreatmentKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
