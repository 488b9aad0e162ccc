package org.lmsregistry.model.code;

/** Sex recorded at diagnosis. */
public enum Sex implements CodeList {
    FEMALE("Female"),
    MALE("Male");

    private final String label;

    Sex(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
