package org.lmsregistry.model.interchange;

import org.lmsregistry.model.validation.Problem;

/**
 * What a streaming read saw: data rows read (blank lines not counted), records accepted, and the
 * errors and warnings reported.
 */
public record ReadStats(long rows, long records, long errors, long warnings) {

    public static final ReadStats NONE = new ReadStats(0, 0, 0, 0);

    public ReadStats plus(ReadStats other) {
        return new ReadStats(rows + other.rows, records + other.records, errors + other.errors,
                warnings + other.warnings);
    }

    /** A sink that counts what passes through it on the way to another sink. */
    static final class Counter implements RecordSink {
        private final RecordSink target;
        private long records;
        private long errors;
        private long warnings;

        Counter(RecordSink target) {
            this.target = target;
        }

        @Override
        public void record(org.lmsregistry.model.record.RegistryRecord record, long row) {
            records++;
            target.record(record, row);
        }

        @Override
        public void problem(Problem problem) {
            if (problem.isError()) {
                errors++;
            } else {
                warnings++;
            }
            target.problem(problem);
        }

        ReadStats stats(long rows) {
            return new ReadStats(rows, records, errors, warnings);
        }
    }
}
