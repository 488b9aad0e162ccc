package org.lmsregistry.model.code;

/** Predominant T2-weighted MRI signal of the tumour relative to muscle. */
public enum T2Signal implements CodeList {
    LOW("Low"),
    INTERMEDIATE("Intermediate"),
    HIGH("High"),
    HETEROGENEOUS("Heterogeneous");

    private final String label;

    T2Signal(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
