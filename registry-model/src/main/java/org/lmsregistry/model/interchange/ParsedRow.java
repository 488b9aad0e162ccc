package org.lmsregistry.model.interchange;

import java.util.List;

import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;

/**
 * One row as a reader read it: the record when it was accepted (null when an error refused it) and
 * the problems found, errors and warnings, each carrying this row.
 *
 * @param type     the record type of the file
 * @param row      the CSV line the row starts on (header = line 1), or the 1-based position in a JSON array
 * @param record   the record, or null when the row had an error (or was not a row, e.g. a broken line)
 * @param problems the row's problems, in field order
 */
public record ParsedRow(RecordType type, long row, RegistryRecord record, List<Problem> problems) {

    public ParsedRow {
        problems = List.copyOf(problems);
    }

    /** Whether the row became a record. */
    public boolean accepted() {
        return record != null;
    }

    void deliverTo(RecordSink sink) {
        if (record != null) {
            sink.record(record, row);
        }
        problems.forEach(sink::problem);
    }
}
