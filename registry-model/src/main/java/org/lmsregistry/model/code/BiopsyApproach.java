package org.lmsregistry.model.code;

/** Route of a biopsy needle or incision. */
public enum BiopsyApproach implements CodeList {
    PERCUTANEOUS_EXTRAPERITONEAL("Percutaneous, not crossing the peritoneum"),
    TRANSPERITONEAL("Transperitoneal"),
    ENDOSCOPIC("Endoscopic"),
    OPEN_INCISIONAL("Open incisional"),
    OTHER("Other");

    private final String label;

    BiopsyApproach(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
