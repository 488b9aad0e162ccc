package org.lmsregistry.model.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.lmsregistry.model.record.Patient;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.model.validation.Rule;

/**
 * The readers stream: fed by a source that makes its rows only when they are read, the reader is
 * never more than a buffer's worth of rows ahead of the records it has handed over, so it cannot
 * hold more than that many records, whatever the file's length. (No heap measurement, no timing.)
 */
class StreamingTest {

    private static final int ROWS = 200_000;
    /** Rows that may sit in the readers' character buffers (8-16 KB of ~100-byte rows), with margin. */
    private static final long MAX_AHEAD = 1_000;
    private static final int BAD_EVERY = 10_000;

    /** An input stream that produces a header and then rows on demand, counting the rows produced. */
    static final class RowSource extends InputStream {
        private final IntFunction<String> row;
        private final int rows;
        private final String tail;
        private byte[] chunk;
        private int pos;
        private int next = -1;
        long produced;

        RowSource(String head, IntFunction<String> row, int rows, String tail) {
            this.row = row;
            this.rows = rows;
            this.tail = tail;
            this.chunk = head.getBytes(StandardCharsets.UTF_8);
        }

        private boolean fill() {
            while (pos == chunk.length) {
                if (next == rows) {
                    return false;
                }
                next++;
                if (next < rows) {
                    chunk = row.apply(next).getBytes(StandardCharsets.UTF_8);
                    produced++;
                } else {
                    chunk = tail.getBytes(StandardCharsets.UTF_8);
                }
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? chunk[pos++] & 0xFF : -1;
        }

        /** Fills the caller's buffer as a file would, making rows as they are needed. */
        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len && fill()) {
                int k = Math.min(len - n, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            return n == 0 && len > 0 ? -1 : n;
        }
    }

    private static final String ZEROS = "0".repeat(64);

    /** A distinct 64-hex-digit pseudonym per row (cheaper than String.format on 200,000 rows). */
    private static String pseudonym(int i) {
        String hex = Integer.toHexString(i);
        return ZEROS.substring(hex.length()) + hex;
    }

    private static String csvRow(int i) {
        String age = i % BAD_EVERY == BAD_EVERY - 1 ? "5x" : String.valueOf(i % 90);
        return "NLAMC," + pseudonym(i) + "," + (i % 2 == 0 ? "FEMALE" : "MALE") + "," + age + ","
                + (1990 + i % 30) + "\n";
    }

    /** Counts what arrives and checks how far ahead of it the source has been read. */
    private static final class BoundedSink implements RecordSink {
        private final RowSource source;
        long records;
        long maxAhead;
        final List<Problem> problems = new ArrayList<>();
        RegistryRecord last;

        BoundedSink(RowSource source) {
            this.source = source;
        }

        private void check(long delivered) {
            maxAhead = Math.max(maxAhead, source.produced - delivered);
        }

        @Override
        public void record(RegistryRecord record, long row) {
            records++;
            last = record;
            check(row - 1);
        }

        @Override
        public void problem(Problem problem) {
            problems.add(problem);
            check(problem.row() - 1);
        }
    }

    @Test
    void csvReaderHoldsAtMostABufferOfRows() {
        RowSource source = new RowSource("site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year\n",
                StreamingTest::csvRow, ROWS, "");
        BoundedSink sink = new BoundedSink(source);

        ReadStats stats = CsvInterchange.read(RecordType.PATIENT, source, sink);

        int bad = ROWS / BAD_EVERY;
        assertThat(stats).isEqualTo(new ReadStats(ROWS, ROWS - bad, bad, 0));
        assertThat(sink.records).isEqualTo(ROWS - bad);
        assertThat(source.produced).isEqualTo(ROWS);
        assertThat(sink.maxAhead).isPositive().isLessThan(MAX_AHEAD);
        // line numbers stay exact deep into the file: row i is on line i + 2
        assertThat(sink.problems).extracting(Problem::row).startsWith((long) BAD_EVERY + 1)
                .endsWith((long) ROWS + 1).hasSize(bad);
        assertThat(sink.problems).extracting(Problem::rule).containsOnly(Rule.TYPE);
        assertThat(((Patient) sink.last).pseudonym()).isEqualTo(pseudonym(ROWS - 2));
    }

    @Test
    void csvIteratorHoldsOneRow() throws java.io.IOException {
        int rows = 5_000;
        RowSource source = new RowSource("site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year\n",
                StreamingTest::csvRow, rows, "");
        long n = 0;
        long maxAhead = 0;
        try (CsvRecordReader reader = CsvRecordReader.open(RecordType.PATIENT, source)) {
            while (reader.hasNext()) {
                ParsedRow row = reader.next();
                n++;
                maxAhead = Math.max(maxAhead, source.produced - n);
            }
        }
        assertThat(n).isEqualTo(rows);
        assertThat(maxAhead).isLessThan(MAX_AHEAD);
    }

    @Test
    void aQuoteThatIsNeverClosedDoesNotSwallowTheFileIntoMemory() {
        int rows = 200_000; // ~20 MB of text after the broken row
        RowSource source = new RowSource("site_code,patient_pseudonym,sex,age_at_diagnosis_years,diagnosis_year\n",
                i -> i == 10 ? "NLAMC," + pseudonym(i) + ",\"FEMALE,50,2019\n" : csvRow(i), rows, "");
        BoundedSink sink = new BoundedSink(source);

        ReadStats stats = CsvInterchange.read(RecordType.PATIENT, source, sink);

        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(Rule.MALFORMED);
            assertThat(p.row()).isEqualTo(12);
            assertThat(p.message()).contains("longer than " + CsvRecordReader.MAX_ROW_CHARS, "never closed",
                    "lines from 12 on were not read");
        });
        assertThat(stats.records()).isEqualTo(10);
        // reading stopped after about MAX_ROW_CHARS characters, not at the end of the file
        assertThat(source.produced).isLessThan(2L * CsvRecordReader.MAX_ROW_CHARS / 90);
    }

    @Test
    void jsonStringsAreBounded() {
        RowSource source = new RowSource("{\"tumours\": [{\"histology_notes\": \"",
                i -> "0123456789", 2 * JsonInterchange.MAX_STRING_CHARS / 10, "\"}]}");
        BoundedSink sink = new BoundedSink(source);

        JsonInterchange.read(source, sink);

        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(Rule.MALFORMED);
            assertThat(p.recordType()).isEqualTo(RecordType.TUMOUR);
            assertThat(p.row()).isEqualTo(1);
        });
        assertThat(source.produced * 10).isLessThan(2L * JsonInterchange.MAX_STRING_CHARS);
    }

    @Test
    void jsonReaderHoldsAtMostABufferOfRecords() {
        int rows = 20_000;
        RowSource source = new RowSource("{\"patients\": [\n",
                i -> (i == 0 ? "" : ",\n") + "{\"site_code\":\"NLAMC\",\"patient_pseudonym\":\"" + pseudonym(i)
                        + "\",\"sex\":\"FEMALE\",\"age_at_diagnosis_years\":" + (i % 90) + ",\"diagnosis_year\":2001}",
                rows, "\n]}\n");
        BoundedSink sink = new BoundedSink(source);

        ReadStats stats = JsonInterchange.read(source, sink);

        assertThat(sink.problems).isEmpty();
        assertThat(stats).isEqualTo(new ReadStats(rows, rows, 0, 0));
        assertThat(sink.maxAhead).isPositive().isLessThan(MAX_AHEAD);
    }
}
