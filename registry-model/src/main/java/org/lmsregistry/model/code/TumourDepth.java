package org.lmsregistry.model.code;

/** Depth relative to the superficial fascia. */
public enum TumourDepth implements CodeList {
    SUPERFICIAL("Superficial"),
    DEEP("Deep");

    private final String label;

    TumourDepth(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
