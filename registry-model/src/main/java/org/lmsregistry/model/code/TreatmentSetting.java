package org.lmsregistry.model.code;

/** Setting of a treatment. */
public enum TreatmentSetting implements CodeList {
    CURATIVE("Curative (definitive) treatment"),
    NEOADJUVANT("Neoadjuvant"),
    ADJUVANT("Adjuvant"),
    PALLIATIVE("Palliative");

    private final String label;

    TreatmentSetting(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
