package org.lmsregistry.model.code;

/** Imaging modality. */
public enum Modality implements CodeList {
    MRI("MRI"),
    CT("CT"),
    PET_CT("PET-CT"),
    US("Ultrasound"),
    XRAY("X-ray");

    private final String label;

    Modality(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
