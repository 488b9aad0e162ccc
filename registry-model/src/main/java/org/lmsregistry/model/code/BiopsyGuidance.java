package org.lmsregistry.model.code;

/** Imaging that guided a biopsy. */
public enum BiopsyGuidance implements CodeList {
    US("Ultrasound"),
    CT("CT"),
    MRI("MRI"),
    NONE("No image guidance");

    private final String label;

    BiopsyGuidance(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
