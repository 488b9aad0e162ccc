package org.lmsregistry.model.code;

/** Primary location of the leiomyosarcoma. */
public enum PrimaryLocation implements CodeList {
    UTERUS("Uterus"),
    RETROPERITONEUM("Retroperitoneum"),
    EXTREMITY("Extremity"),
    TRUNK("Trunk wall"),
    STOMACH("Stomach"),
    SMALL_INTESTINE("Small intestine"),
    COLON_RECTUM("Colon / rectum"),
    VASCULAR_IVC("Large vessel / inferior vena cava"),
    SKIN("Skin (cutaneous)"),
    HEAD_AND_NECK("Head and neck"),
    OTHER("Other");

    private final String label;

    PrimaryLocation(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
