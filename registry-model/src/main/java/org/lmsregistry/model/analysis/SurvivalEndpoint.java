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

    /**
     * The endpoint an option value names ({@code local_recurrence}; case and {@code -} for {@code _} are
     * forgiven).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static SurvivalEndpoint fromOption(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (SurvivalEndpoint v : values()) {
            if (v.option().equals(wanted)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown endpoint " + value + "; one of "
                + java.util.Arrays.stream(values()).map(SurvivalEndpoint::option).toList());
    }
}
