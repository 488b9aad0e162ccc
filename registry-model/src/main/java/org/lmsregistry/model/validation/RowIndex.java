package org.lmsregistry.model.validation;

import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;

/**
 * Where a record of a batch came from, so that problems name the row a person can find: the line
 * of a CSV file (header = line 1), the position in a JSON array, or the position in the batch.
 * Records carry no row themselves; the parser that built the batch knows them.
 *
 * <p>Rows are looked up by position (and the record itself), not by record equality: two identical
 * rows are equal records, and a duplicate must still be reported at its own row.
 */
@FunctionalInterface
public interface RowIndex {

    /**
     * The row of a record of the batch.
     *
     * @param type   the record's type
     * @param index  the record's 0-based position in the batch's list of that type
     * @param record the record
     * @return the row (1 or more), or 0 when unknown
     */
    long row(RecordType type, int index, RegistryRecord record);

    /** The 1-based position in the type's list: the default. */
    static RowIndex positions() {
        return (type, index, record) -> index + 1L;
    }

    /**
     * Rows kept per type in list order, e.g. the CSV line numbers a parser recorded as it added records
     * to the batch; a type or position without a row falls back to its 1-based position.
     */
    static RowIndex ofLines(Map<RecordType, long[]> linesByType) {
        Map<RecordType, long[]> copy = new EnumMap<>(RecordType.class);
        linesByType.forEach((t, lines) -> copy.put(t, lines.clone()));
        return (type, index, record) -> {
            long[] lines = copy.get(type);
            return lines != null && index < lines.length ? lines[index] : index + 1L;
        };
    }

    /**
     * Rows by record identity (the very record objects of the batch); a record not in the map falls
     * back to its 1-based position.
     */
    static RowIndex byIdentity(IdentityHashMap<RegistryRecord, Long> rows) {
        IdentityHashMap<RegistryRecord, Long> copy = new IdentityHashMap<>(rows);
        return (type, index, record) -> {
            Long row = copy.get(record);
            return row != null ? row : index + 1L;
        };
    }
}
