package org.lmsregistry.model.analysis;

import java.util.Locale;

/** The time-to-event endpoint of the survival job, built from the registry's outcome events. */
public enum SurvivalEndpoint {
    LOCAL_RECURRENCE("Local recurrence (from surgery; deaths censor)"),
    METASTASIS("Distant metastasis"),
    RECURRENCE_FREE("Recurrence-free survival"),
    DEATH("Overall survival"),
    DISEASE_DEATH("Death from the disease after metastasis");

    private final String label;

    SurvivalEndpoint(String label) {
        this.label = label;
    }

    /** The value of the job's {@code --endpoint} option and of the {@code endpoint} parameter. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }
}
