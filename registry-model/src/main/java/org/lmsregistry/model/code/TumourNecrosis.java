package org.lmsregistry.model.code;

/** Histological tumour necrosis (FNCLCC necrosis score 0, 1, 2). */
public enum TumourNecrosis implements CodeList {
    NONE("No necrosis"),
    LESS_THAN_HALF("Less than 50% necrosis"),
    HALF_OR_MORE("50% or more necrosis");

    private final String label;

    TumourNecrosis(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The FNCLCC necrosis score: 0 none, 1 below 50%, 2 at or above 50% (Trojani et al. 1984). */
    public int score() {
        return ordinal();
    }
}
