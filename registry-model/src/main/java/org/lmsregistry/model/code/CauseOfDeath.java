package org.lmsregistry.model.code;

/** Cause of death. */
public enum CauseOfDeath implements CodeList {
    DISEASE("Leiomyosarcoma"),
    OTHER_CAUSE("Other cause"),
    UNKNOWN("Unknown");

    private final String label;

    CauseOfDeath(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
