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

    /**
     * The outcome an option value names ({@code local_recurrence}; case and {@code -} for {@code _} are
     * forgiven).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static AssociationOutcome fromOption(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (AssociationOutcome v : values()) {
            if (v.option().equals(wanted)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown outcome " + value + "; one of "
                + java.util.Arrays.stream(values()).map(AssociationOutcome::option).toList());
    }
}
