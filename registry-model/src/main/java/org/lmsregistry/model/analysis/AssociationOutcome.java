package org.lmsregistry.model.analysis;

import java.util.Locale;

/**
 * The binary outcome of the associations job, built from the registry's outcome events
 * ({@code OutcomeKind}): whether it happened by the horizon day.
 */
public enum AssociationOutcome {
    METASTASIS("Distant metastasis"),
    LOCAL_RECURRENCE("Local recurrence"),
    RECURRENCE("Local recurrence or distant metastasis"),
    DEATH("Death");

    private final String label;

    AssociationOutcome(String label) {
        this.label = label;
    }

    /** The value of the job's {@code --outcome} option and of the {@code outcome} parameter. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }
}
