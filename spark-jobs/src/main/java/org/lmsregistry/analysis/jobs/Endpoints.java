package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.lmsregistry.analysis.cohort.PatientTable;
import org.lmsregistry.model.analysis.SurvivalEndpoint;

/**
 * How the survival analyses compute each time-to-event endpoint of the registry's vocabulary
 * ({@link SurvivalEndpoint}): where the clock starts, what the event is and when a patient without it is
 * censored (the end of follow-up: last follow-up or death). Days count from diagnosis.
 */
public enum Endpoints {
    /** From the primary surgery to the first local recurrence; deaths censor (cause-specific hazard). */
    LOCAL_RECURRENCE(SurvivalEndpoint.LOCAL_RECURRENCE, "local recurrence, from surgery"),
    /** From diagnosis to the first distant metastasis; deaths censor. */
    METASTASIS(SurvivalEndpoint.METASTASIS, "distant metastasis, from diagnosis"),
    /** From diagnosis to the first local recurrence, metastasis or death. */
    RECURRENCE_FREE(SurvivalEndpoint.RECURRENCE_FREE, "recurrence-free survival, from diagnosis"),
    /** From diagnosis to death of any cause (overall survival). */
    DEATH(SurvivalEndpoint.DEATH, "overall survival, from diagnosis"),
    /** From the recorded distant metastasis to death from the disease; other deaths censor. */
    DISEASE_DEATH(SurvivalEndpoint.DISEASE_DEATH, "death from the disease, from the recorded metastasis");

    private final SurvivalEndpoint vocabulary;
    private final String label;

    Endpoints(SurvivalEndpoint vocabulary, String label) {
        this.vocabulary = vocabulary;
        this.label = label;
    }

    /** The computation of a vocabulary endpoint (a switch, so that a new endpoint fails to compile here). */
    public static Endpoints of(SurvivalEndpoint endpoint) {
        return switch (endpoint) {
            case LOCAL_RECURRENCE -> LOCAL_RECURRENCE;
            case METASTASIS -> METASTASIS;
            case RECURRENCE_FREE -> RECURRENCE_FREE;
            case DEATH -> DEATH;
            case DISEASE_DEATH -> DISEASE_DEATH;
        };
    }

    public SurvivalEndpoint vocabulary() {
        return vocabulary;
    }

    public String label() {
        return label;
    }

    /** The option value, e.g. {@code local_recurrence} (the vocabulary's). */
    public String key() {
        return vocabulary.option();
    }

    /** Parses an option value with the vocabulary ({@link SurvivalEndpoint#fromOption}). */
    public static Endpoints parse(String s) {
        return of(SurvivalEndpoint.fromOption(s));
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
