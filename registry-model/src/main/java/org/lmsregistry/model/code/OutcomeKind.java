package org.lmsregistry.model.code;

/** Kind of outcome event. */
public enum OutcomeKind implements CodeList {
    LOCAL_RECURRENCE("Local recurrence"),
    DISTANT_METASTASIS("Distant metastasis"),
    DEATH("Death"),
    LAST_FOLLOW_UP("Last follow-up");

    private final String label;

    OutcomeKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
