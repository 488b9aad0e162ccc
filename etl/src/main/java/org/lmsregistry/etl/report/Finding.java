package org.lmsregistry.etl.report;

import java.util.Comparator;
import java.util.Objects;

import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.Rule;
import org.lmsregistry.model.validation.Severity;

/**
 * One problem as every {@code etl} command reports it: where (file, row, record key, field or
 * column), what (the value, shortened), which rule, and a sentence saying what to do.
 *
 * @param severity  error or warning
 * @param file      the file as the user names it (a registry file, a site export, a DICOM file), or ""
 * @param row       the line or spreadsheet row (1-based), or 0 for a problem of a whole file
 * @param recordKey the record's natural key, or ""
 * @param field     the field or column, or ""
 * @param value     the offending value, or ""
 * @param rule      the rule's identifier ({@link Rule#id()} or {@link EtlRule#id()})
 * @param message   what is wrong and what to do
 */
public record Finding(Severity severity, String file, long row, String recordKey, String field, String value,
        String rule, String message) {

    /** Longest value shown; longer ones are shortened with "...". */
    public static final int MAX_VALUE = 100;

    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
            .thenComparingLong(Finding::row).thenComparing(Finding::field).thenComparing(Finding::rule)
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        file = file == null ? "" : file;
        recordKey = recordKey == null ? "" : recordKey;
        field = field == null ? "" : field;
        value = value == null ? "" : shorten(value);
    }

    public static Finding of(EtlRule rule, String file, long row, String field, String value, String message) {
        return new Finding(rule.severity(), file, row, "", field, value, rule.id(), message);
    }

    /** A registry validation problem; its file is the record type's interchange file. */
    public static Finding of(Problem p) {
        String file = p.recordType() == null ? p.value() : p.recordType().fileName();
        String value = p.recordType() == null ? "" : p.value();
        return new Finding(p.severity(), file, p.row(), p.recordKey(), p.field(), value, p.rule().id(), p.message());
    }

    /** The same finding placed in another file and row (e.g. a mapped row's source line). */
    public Finding at(String newFile, long newRow, String newField) {
        return new Finding(severity, newFile, newRow, recordKey, newField, value, rule, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The description of this finding's rule, or "". */
    public String ruleDescription() {
        for (Rule r : Rule.values()) {
            if (r.id().equals(rule)) {
                return r.description();
            }
        }
        for (EtlRule r : EtlRule.values()) {
            if (r.id().equals(rule)) {
                return r.description();
            }
        }
        return "";
    }

    static String shorten(String text) {
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "..." : text;
    }

    /** One line: {@code ERROR patients.csv row 7, age_at_diagnosis_years = "95" [age-capped-at-90]: ...}. */
    @Override
    public String toString() {
        return severity + " " + file + (row > 0 ? " row " + row : "")
                + (field.isEmpty() ? "" : ", " + field + " = \"" + value + "\"") + " [" + rule + "]: " + message;
    }
}
