package org.lmsregistry.model.validation;

import java.util.Comparator;
import java.util.Objects;

import org.lmsregistry.model.record.RecordType;

/**
 * One validation problem: which record (type, row, natural key), which field and value, which rule
 * and what to do about it.
 *
 * @param recordType the record type, or null for a problem with a whole file
 * @param row        the line number in a CSV file (header = line 1), the 1-based position in a JSON
 *                   array, or 0 for a record not read from a file
 * @param recordKey  the record's natural key as text (e.g. {@code SITE/pseudonym/studyId}), or "" when
 *                   unknown
 * @param field      the field (column) name, or "" for a problem with the whole record
 * @param value      the offending value as text, or "" when empty
 * @param rule       the broken rule; its severity is the problem's severity
 * @param message    a sentence for a person: what is wrong and what is expected
 */
public record Problem(RecordType recordType, long row, String recordKey, String field, String value, Rule rule,
        String message) {

    /** Reading order of a report: record type (file problems first), row, rule, field, key, value, message. */
    public static final Comparator<Problem> ORDER = Comparator
            .comparing(Problem::recordType, Comparator.nullsFirst(Comparator.<RecordType>naturalOrder()))
            .thenComparingLong(Problem::row)
            .thenComparing(Problem::rule)
            .thenComparing(Problem::field)
            .thenComparing(Problem::recordKey)
            .thenComparing(Problem::value)
            .thenComparing(Problem::message);

    public Problem {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        recordKey = recordKey == null ? "" : recordKey;
        field = field == null ? "" : field;
        value = value == null ? "" : value;
    }

    public Severity severity() {
        return rule.severity();
    }

    public boolean isError() {
        return rule.severity() == Severity.ERROR;
    }

    /** The same problem placed at another row (parsers know rows; rules do not). */
    public Problem atRow(long newRow) {
        return new Problem(recordType, newRow, recordKey, field, value, rule, message);
    }

    /** One line a person can read: {@code ERROR patients.csv row 7, field age_at_diagnosis_years = "95": ...}. */
    @Override
    public String toString() {
        String where = recordType == null ? "" : recordType.fileName();
        return severity() + " " + where + (row > 0 ? " row " + row : "")
                + (field.isEmpty() ? "" : ", field " + field + " = \"" + value + "\"")
                + " [" + rule.id() + "]: " + message;
    }
}
