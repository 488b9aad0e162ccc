package org.lmsregistry.model.interchange;

import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;

/**
 * Receives what a streaming reader finds, in file order: every accepted record with its row and
 * every problem (of a row, or of the whole file). A reader holds no record after handing it over,
 * so a sink that does not keep them reads files of any size in bounded memory.
 */
public interface RecordSink {

    /**
     * A record that converted and passed the single-record rules (it may still have warnings, which
     * arrive through {@link #problem}).
     *
     * @param row the CSV line the record starts on (header = line 1) or its 1-based position in a JSON array
     */
    void record(RegistryRecord record, long row);

    /** A problem of a row or of a whole file; {@link Problem#recordType()} tells the file, {@link Problem#row()} the row. */
    void problem(Problem problem);
}
