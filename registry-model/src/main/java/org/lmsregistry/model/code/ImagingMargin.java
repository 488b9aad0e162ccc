package org.lmsregistry.model.code;

/** Tumour margin on imaging. */
public enum ImagingMargin implements CodeList {
    CIRCUMSCRIBED("Circumscribed"),
    IRREGULAR("Irregular"),
    INFILTRATIVE("Infiltrative");

    private final String label;

    ImagingMargin(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
