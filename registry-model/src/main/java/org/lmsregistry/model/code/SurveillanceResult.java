package org.lmsregistry.model.code;

/** Result of a surveillance imaging study. */
public enum SurveillanceResult implements CodeList {
    NO_EVIDENCE_OF_DISEASE("No evidence of disease"),
    LOCAL_RECURRENCE("Local recurrence"),
    DISTANT_METASTASIS("Distant metastasis"),
    LOCAL_AND_DISTANT("Local recurrence and distant metastasis"),
    EQUIVOCAL("Equivocal");

    private final String label;

    SurveillanceResult(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether the study reports a recurrence (local, distant or both); equivocal is not a finding. */
    public boolean isRecurrence() {
        return this == LOCAL_RECURRENCE || this == DISTANT_METASTASIS || this == LOCAL_AND_DISTANT;
    }

    /** Whether the study reports a local recurrence. */
    public boolean findsLocal() {
        return this == LOCAL_RECURRENCE || this == LOCAL_AND_DISTANT;
    }

    /** Whether the study reports a distant metastasis. */
    public boolean findsDistant() {
        return this == DISTANT_METASTASIS || this == LOCAL_AND_DISTANT;
    }
}
