package org.lmsregistry.model.code;

/** Where a metastasis or finding was seen. */
public enum FindingLocation implements CodeList {
    LUNG("Lung"),
    LIVER("Liver"),
    BONE("Bone"),
    SOFT_TISSUE("Skeletal muscle / soft tissue"),
    PERITONEUM("Peritoneum"),
    LYMPH_NODE("Lymph node"),
    OTHER("Other");

    private final String label;

    FindingLocation(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
