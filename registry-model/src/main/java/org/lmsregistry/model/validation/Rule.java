package org.lmsregistry.model.validation;

import java.util.Locale;

/**
 * Every validation rule of the registry, with its severity. A {@link Problem} names the rule it
 * broke, so users, data queries and tests all speak of the same rules.
 */
public enum Rule {
    // single values
    REQUIRED(Severity.ERROR, "A required field is empty."),
    TYPE(Severity.ERROR, "The value is not of the field's type (integer, decimal with '.', true/false)."),
    CODE_LIST(Severity.ERROR, "The value is not a code of the field's code list."),
    RANGE(Severity.ERROR, "The number is outside the field's allowed range."),
    FORMAT(Severity.ERROR, "The value does not have the field's format (site code, pseudonym, key, hash)."),
    AGE_CAPPED_AT_90(Severity.ERROR, "Ages above 89 are stored as 90."),
    UNKNOWN_FIELD(Severity.ERROR, "The column or property is not a field of the record type."),
    IDENTIFIER_REFUSED(Severity.ERROR,
            "Identifiers and calendar dates are refused: names, dates, record numbers, phone numbers and "
                    + "e-mail addresses never enter the registry."),
    // files
    MALFORMED(Severity.ERROR,
            "The file is not well-formed: wrong number of fields, an unterminated quote, not UTF-8, broken JSON."),
    // one record, several fields
    CONDITIONAL_REQUIRED(Severity.ERROR, "A field required by another field's value is empty."),
    NOT_APPLICABLE(Severity.ERROR, "A field is given where another field's value makes it meaningless."),
    FNCLCC_INCOMPLETE(Severity.ERROR,
            "The FNCLCC grade needs either all three components or a stated grade."),
    FNCLCC_GRADE_MISMATCH(Severity.ERROR, "The stated FNCLCC grade differs from the grade its components give."),
    // several records
    DUPLICATE_KEY(Severity.ERROR, "Two records have the same natural key."),
    UNKNOWN_PATIENT(Severity.ERROR, "The record refers to a patient that does not exist at its site."),
    UNKNOWN_STUDY(Severity.ERROR, "The record refers to an imaging study that does not exist for the patient."),
    STUDY_AFTER_DEATH(Severity.ERROR, "An imaging study is dated after the patient's death."),
    EVENT_AFTER_DEATH(Severity.ERROR, "A biopsy, treatment or outcome event is dated after the patient's death."),
    MORE_THAN_ONE_DEATH(Severity.ERROR, "A patient has more than one death event."),
    RECURRENCE_BEFORE_SURGERY(Severity.ERROR,
            "A local recurrence must come after the surgery it recurs from."),
    SURVEILLANCE_BEFORE_TREATMENT(Severity.ERROR, "Surveillance studies must come after the first treatment."),
    DETECTION_AFTER_EVENT(Severity.ERROR, "The study that detected an event is dated after the event."),
    FOLLOW_UP_BEFORE_LAST_RECORD(Severity.ERROR,
            "The last follow-up is dated before another record of the patient."),
    // warnings: saved, and raised as data queries
    NEEDLE_FINER_THAN_16G(Severity.WARNING, "Core needle biopsy with a needle finer than 16G."),
    TRANSPERITONEAL_RETROPERITONEAL_BIOPSY(Severity.WARNING,
            "A retroperitoneal tumour was biopsied through the peritoneum."),
    SURVEILLANCE_INTERVAL_OUTSIDE_GUIDELINE(Severity.WARNING,
            "The gap between surveillance studies is longer than the guideline interval for the grade."),
    DETECTING_STUDY_NEGATIVE(Severity.WARNING,
            "The study named as detecting a recurrence did not report one.");

    private final Severity severity;
    private final String description;

    Rule(Severity severity, String description) {
        this.severity = severity;
        this.description = description;
    }

    public Severity severity() {
        return severity;
    }

    public String description() {
        return description;
    }

    /** The rule's stable identifier as shown to users, e.g. {@code age-capped-at-90}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
