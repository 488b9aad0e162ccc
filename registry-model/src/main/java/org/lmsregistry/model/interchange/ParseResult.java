package org.lmsregistry.model.interchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryBatch;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;

/**
 * Everything read from one or more interchange files, held in memory: the accepted records as a
 * batch, the row each record came from, and every problem in reading order. For large files use
 * the streaming readers with a {@link RecordSink} instead.
 *
 * <p>Rows are looked up by record identity, not equality: two equal rows (a duplicate the batch
 * validator must report) keep their own rows.
 */
public final class ParseResult {

    private final RegistryBatch batch;
    private final Map<RegistryRecord, Long> rows;
    private final List<Problem> problems;

    private ParseResult(RegistryBatch batch, Map<RegistryRecord, Long> rows, List<Problem> problems) {
        this.batch = batch;
        this.rows = Collections.unmodifiableMap(rows);
        this.problems = List.copyOf(problems);
    }

    /** The accepted records, per type in file order. */
    public RegistryBatch batch() {
        return batch;
    }

    /** The accepted records of one type, in file order. */
    public List<? extends RegistryRecord> records(RecordType type) {
        return batch.records(type);
    }

    /** Every problem, errors and warnings, in reading order. */
    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The row (CSV line or JSON array position) this very record object was read from. */
    public OptionalLong rowOf(RegistryRecord record) {
        Long row = rows.get(record);
        return row == null ? OptionalLong.empty() : OptionalLong.of(row);
    }

    /** Record object to row, by identity ({@link IdentityHashMap} semantics); read-only. */
    public Map<RegistryRecord, Long> rows() {
        return rows;
    }

    /** A sink that collects a {@link ParseResult}; use it to merge several reads. */
    public static final class Collector implements RecordSink {
        private final RegistryBatch.Builder batch = new RegistryBatch.Builder();
        private final Map<RegistryRecord, Long> rows = new IdentityHashMap<>();
        private final List<Problem> problems = new ArrayList<>();

        @Override
        public void record(RegistryRecord record, long row) {
            batch.add(record);
            rows.put(record, row);
        }

        @Override
        public void problem(Problem problem) {
            problems.add(problem);
        }

        public ParseResult result() {
            return new ParseResult(batch.build(), new IdentityHashMap<>(rows), problems);
        }
    }
}
