package org.lmsregistry.model.code;

/** Stage at diagnosis (AJCC 8th edition soft-tissue sarcoma groups; uterine tumours by their FIGO stage group). */
public enum Stage implements CodeList {
    I("Stage I"),
    IA("Stage IA"),
    IB("Stage IB"),
    II("Stage II"),
    III("Stage III"),
    IIIA("Stage IIIA"),
    IIIB("Stage IIIB"),
    IV("Stage IV");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
