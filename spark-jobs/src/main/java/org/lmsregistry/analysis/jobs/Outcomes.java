package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.model.analysis.AssociationOutcome;

/**
 * How the association analyses compute each binary outcome of the registry's vocabulary
 * ({@link AssociationOutcome}): an event on or before a horizon (days from diagnosis). The outcomes and
 * their option values are the vocabulary's; this adds the patient-table columns and the phrase used in
 * report titles.
 */
public enum Outcomes {
    METASTASIS(AssociationOutcome.METASTASIS, "distant metastasis", PatientTable.METASTASIS_DAY),
    LOCAL_RECURRENCE(AssociationOutcome.LOCAL_RECURRENCE, "local recurrence", PatientTable.LOCAL_RECURRENCE_DAY),
    RECURRENCE(AssociationOutcome.RECURRENCE, "local recurrence or distant metastasis", null),
    DEATH(AssociationOutcome.DEATH, "death (any cause)", PatientTable.DEATH_DAY);

    private final AssociationOutcome vocabulary;
    private final String label;
    private final String dayColumn;

    Outcomes(AssociationOutcome vocabulary, String label, String dayColumn) {
        this.vocabulary = vocabulary;
        this.label = label;
        this.dayColumn = dayColumn;
    }

    /** The computation of a vocabulary outcome (a switch, so that a new outcome fails to compile here). */
    public static Outcomes of(AssociationOutcome outcome) {
        return switch (outcome) {
            case METASTASIS -> METASTASIS;
            case LOCAL_RECURRENCE -> LOCAL_RECURRENCE;
            case RECURRENCE -> RECURRENCE;
            case DEATH -> DEATH;
        };
    }

    public AssociationOutcome vocabulary() {
        return vocabulary;
    }

    public String label() {
        return label;
    }

    /** The option value, e.g. {@code local_recurrence} (the vocabulary's). */
    public String key() {
        return vocabulary.option();
    }

    /** Parses an option value with the vocabulary ({@link AssociationOutcome#fromOption}). */
    public static Outcomes parse(String s) {
        return of(AssociationOutcome.fromOption(s));
    }

    /** The day of the first such event (null when none was recorded). */
    public Column day() {
        if (this == RECURRENCE) {
            return org.apache.spark.sql.functions.least(col(PatientTable.LOCAL_RECURRENCE_DAY),
                    col(PatientTable.METASTASIS_DAY));
        }
        return col(dayColumn);
    }

    /** Whether the event happened on or before the horizon. */
    public Column byHorizon(int horizonDays) {
        return day().isNotNull().and(day().leq(horizonDays));
    }

    /**
     * Whether the outcome at the horizon is known: the event happened by then, or the patient was followed
     * to the horizon, or died before it (a death ends the possibility of a later event). Patients alive
     * and event-free at a last follow-up before the horizon are censored and left out.
     */
    public Column knownAtHorizon(int horizonDays) {
        Column followed = col(PatientTable.END_DAY).isNotNull().and(col(PatientTable.END_DAY).geq(horizonDays));
        Column died = col(PatientTable.DEATH_DAY).isNotNull();
        return byHorizon(horizonDays).or(followed).or(died);
    }
}
