package org.lmsregistry.model.code;

/** How a surveillance finding was confirmed. */
public enum ConfirmationMethod implements CodeList {
    BIOPSY("Biopsy"),
    FOLLOW_UP("Follow-up imaging or clinical course");

    private final String label;

    ConfirmationMethod(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
