package org.lmsregistry.model.code;

/** Resection margin (R classification). */
public enum SurgicalMargin implements CodeList {
    R0("R0: microscopically clear"),
    R1("R1: microscopically involved"),
    R2("R2: macroscopic residual tumour");

    private final String label;

    SurgicalMargin(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
