package org.lmsregistry.model.code;

/** Why an imaging study was done. */
public enum StudyPurpose implements CodeList {
    DIAGNOSIS("Diagnosis"),
    STAGING("Staging"),
    PRE_OPERATIVE("Pre-operative planning"),
    RESPONSE("Treatment response"),
    SURVEILLANCE("Surveillance after treatment");

    private final String label;

    StudyPurpose(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
