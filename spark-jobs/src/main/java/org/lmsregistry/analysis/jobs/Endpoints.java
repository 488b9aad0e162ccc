package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;

import org.apache.spark.sql.Column;
import org.lmsregistry.analysis.cohort.PatientTable;

/**
 * Time-to-event endpoints: where the clock starts, what the event is and when a patient without it is
 * censored (the end of follow-up: last follow-up or death). Days count from diagnosis.
 */
public enum Endpoints {
    /** From the primary surgery to the first local recurrence; deaths censor (cause-specific hazard). */
    LOCAL_RECURRENCE("local recurrence, from surgery"),
    /** From diagnosis to the first distant metastasis; deaths censor. */
    METASTASIS("distant metastasis, from diagnosis"),
    /** From diagnosis to the first local recurrence, metastasis or death. */
    RECURRENCE_FREE("recurrence-free survival, from diagnosis"),
    /** From diagnosis to death of any cause (overall survival). */
    DEATH("overall survival, from diagnosis"),
    /** From the recorded distant metastasis to death from the disease; other deaths censor. */
    DISEASE_DEATH("death from the disease, from the recorded metastasis");

    private final String label;

    Endpoints(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Endpoints parse(String s) {
        for (Endpoints e : values()) {
            if (e.key().equals(s.toLowerCase(Locale.ROOT).replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown endpoint " + s + "; one of local_recurrence, metastasis, "
                + "recurrence_free, death, disease_death");
    }

    /** The day the clock starts (null: the patient is not at risk, e.g. no surgery, no metastasis). */
    public Column origin() {
        return switch (this) {
            case LOCAL_RECURRENCE -> col(PatientTable.SURGERY_DAY);
            case DISEASE_DEATH -> col(PatientTable.METASTASIS_DAY);
            default -> lit(0);
        };
    }

    /** The day of the event, null when none. */
    public Column eventDay() {
        return switch (this) {
            case LOCAL_RECURRENCE -> col(PatientTable.LOCAL_RECURRENCE_DAY);
            case METASTASIS -> col(PatientTable.METASTASIS_DAY);
            case RECURRENCE_FREE -> least(col(PatientTable.LOCAL_RECURRENCE_DAY), col(PatientTable.METASTASIS_DAY),
                    col(PatientTable.DEATH_DAY));
            case DEATH -> col(PatientTable.DEATH_DAY);
            case DISEASE_DEATH -> when(col(PatientTable.DEATH_CAUSE).equalTo("DISEASE"), col(PatientTable.DEATH_DAY));
        };
    }

    /** Whether the event occurred. */
    public Column event() {
        return eventDay().isNotNull();
    }

    /** Days from the origin to the event or to the end of follow-up. */
    public Column time() {
        return when(event(), eventDay()).otherwise(col(PatientTable.END_DAY)).minus(origin());
    }

    /** Whether the patient contributes: at risk from a known origin with a known, non-negative time. */
    public Column usable() {
        return origin().isNotNull().and(time().isNotNull()).and(time().geq(0));
    }
}
