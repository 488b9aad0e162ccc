package org.lmsregistry.model.code;

/** Body region an imaging study covers. */
public enum BodyRegion implements CodeList {
    PRIMARY_SITE("Primary tumour site"),
    CHEST("Chest"),
    ABDOMEN_PELVIS("Abdomen / pelvis"),
    WHOLE_BODY("Whole body");

    private final String label;

    BodyRegion(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
