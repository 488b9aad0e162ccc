package org.lmsregistry.model.code;

/** How a record reached the registry. */
public enum RecordSource implements CodeList {
    FORM("Entered in a web form"),
    ETL("Loaded by the site ETL");

    private final String label;

    RecordSource(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
