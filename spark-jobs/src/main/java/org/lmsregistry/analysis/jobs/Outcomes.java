package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;

import java.util.Locale;

import org.apache.spark.sql.Column;
import org.lmsregistry.analysis.cohort.PatientTable;

/** The binary outcomes of the association analyses: an event on or before a horizon (days from diagnosis). */
public enum Outcomes {
    METASTASIS("distant metastasis", PatientTable.METASTASIS_DAY),
    LOCAL_RECURRENCE("local recurrence", PatientTable.LOCAL_RECURRENCE_DAY),
    RECURRENCE("local recurrence or distant metastasis", null),
    DEATH("death (any cause)", PatientTable.DEATH_DAY);

    private final String label;
    private final String dayColumn;

    Outcomes(String label, String dayColumn) {
        this.label = label;
        this.dayColumn = dayColumn;
    }

    public String label() {
        return label;
    }

    /** The option value, e.g. {@code local_recurrence}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an option value ({@code metastasis}, {@code local_recurrence}, {@code recurrence}, {@code death}). */
    public static Outcomes parse(String s) {
        for (Outcomes o : values()) {
            if (o.key().equals(s.toLowerCase(Locale.ROOT).replace('-', '_'))) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome " + s + "; one of metastasis, local_recurrence, "
                + "recurrence, death");
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
