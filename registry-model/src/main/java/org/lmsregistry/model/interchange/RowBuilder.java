package org.lmsregistry.model.interchange;

import java.util.ArrayList;
import java.util.List;

import org.lmsregistry.model.record.FieldValues;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.validation.Invariants;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.RecordRules;
import org.lmsregistry.model.validation.Rule;

/**
 * Collects the conversion problems of one row, then runs the single-record rules and builds the
 * record only when nothing is wrong: the one path from values to records shared by CSV and JSON.
 */
final class RowBuilder {

    private record Pending(String field, String value, Rule rule, String message) {
    }

    private final RecordType type;
    private final long row;
    private final FieldValues values = new FieldValues();
    private final List<Pending> pending = new ArrayList<>(2);
    private boolean incomplete;

    RowBuilder(RecordType type, long row) {
        this.type = type;
        this.row = row;
    }

    FieldValues values() {
        return values;
    }

    /** A field that could not be converted: reported once here, not again as missing. */
    void unparseable(String field, String value, Rule rule, String message) {
        values.markUnparseable(field);
        pending.add(new Pending(field, FieldText.shorten(value), rule, message));
        incomplete = true;
    }

    /** A problem with a field that does not make the row incomplete (e.g. an unknown property). */
    void problem(String field, String value, Rule rule, String message) {
        pending.add(new Pending(field, FieldText.shorten(value), rule, message));
    }

    /** A field whose column is missing from the whole file: already reported once for the file. */
    void missingColumn(String field) {
        values.markUnparseable(field);
        incomplete = true;
    }

    ParsedRow build() {
        String key = RecordRules.naturalKey(type, values);
        List<Problem> problems = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            problems.add(new Problem(type, row, key, p.field, p.value, p.rule, p.message));
        }
        boolean build = !incomplete && problems.stream().noneMatch(Problem::isError);
        // the rules run once: the record is built from the values just checked
        Invariants.Checked checked = Invariants.checkAndCreate(type, values, build);
        for (Problem p : checked.problems()) {
            problems.add(p.atRow(row));
        }
        return new ParsedRow(type, row, checked.record(), problems);
    }
}
